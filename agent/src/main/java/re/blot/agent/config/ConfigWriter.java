package re.blot.agent.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
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

  /**
   * Replaces {@code path} atomically with a file of the same owner, group and mode (the temp file
   * starts as the writer's, mode 0600, which would lock the service out of a config that {@code
   * sudo calibrate} rewrote). A new file gets mode 0644: the service reads it.
   */
  private static void write(Path path, String text) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".agent", ".conf");
      try {
        Files.writeString(temp, text);
        if (Files.exists(path)) {
          PosixFileAttributes original = Files.readAttributes(path, PosixFileAttributes.class);
          PosixFileAttributeView view =
              Files.getFileAttributeView(temp, PosixFileAttributeView.class);
          // Group before owner: once root gave the file away, it may no longer change the group.
          if (!original.group().equals(view.readAttributes().group())) {
            view.setGroup(original.group());
          }
          if (!original.owner().equals(view.getOwner())) {
            view.setOwner(original.owner());
          }
          view.setPermissions(original.permissions());
        } else {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
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
