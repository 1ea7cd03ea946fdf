package re.blot.agent.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import re.blot.agent.color.Calibration;

/** Writes new calibration values into the config file, keeping everything else as it was. */
public final class ConfigWriter {
  private ConfigWriter() {}

  /**
   * Sets {@code dry} and {@code wet} of each named sensor in the loaded file, or, when the defaults
   * were in use, in a new file made from the commented template. Checks the result parses before
   * replacing the file atomically.
   *
   * @return the text written
   * @throws ConfigException when a sensor has no section or the file cannot be written
   */
  public static String writeCalibrations(
      ConfigLoader.Loaded loaded, Map<String, Calibration> calibrations) {
    ConfigFile file =
        loaded
            .file()
            .orElseGet(() -> ConfigFile.parse(loaded.path().toString(), ConfigLoader.template()));
    for (Map.Entry<String, Calibration> entry : calibrations.entrySet()) {
      String section = ConfigReader.SENSOR_PREFIX + entry.getKey();
      if (file.section(section).isEmpty()) {
        throw new ConfigException(file.source() + " has no [" + section + "] section to write to");
      }
      file =
          file.withValue(section, "dry", Integer.toString(entry.getValue().dry()))
              .withValue(section, "wet", Integer.toString(entry.getValue().wet()));
    }
    ConfigReader.read(file);
    write(loaded.path(), file.text());
    return file.text();
  }

  private static void write(Path path, String text) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".agent", ".conf");
      try {
        Files.writeString(temp, text);
        try {
          Files.move(
              temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write "
              + path
              + " ("
              + e
              + "): run calibrate with sudo, or pass --config with a file you can write");
    }
  }
}
