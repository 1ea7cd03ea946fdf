package re.blot.agent.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import re.blot.agent.color.Calibration;

/**
 * Writes new values (calibrations, the server) into the config file, keeping everything else as it
 * was: comments, layout, owner and mode.
 */
public final class ConfigWriter {
  /** A new file is readable by all, as the package installs it: it holds no secret. */
  private static final FileAttribute<Set<PosixFilePermission>> NEW_FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

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
    ConfigFile file = fileOrTemplate(loaded);
    for (Map.Entry<String, Calibration> entry : calibrations.entrySet()) {
      String section = ConfigReader.SENSOR_PREFIX + entry.getKey();
      if (file.section(section).isEmpty()) {
        throw new ConfigException(file.source() + " has no [" + section + "] section to write to");
      }
      file =
          file.withValue(section, "dry", Integer.toString(entry.getValue().dry()))
              .withValue(section, "wet", Integer.toString(entry.getValue().wet()));
    }
    return write(loaded.path(), file);
  }

  /**
   * Sets the [server] {@code url} in the loaded file, or, when the defaults were in use, in a new
   * file made from the commented template, where it replaces the commented-out example.
   *
   * @return the text written
   * @throws ConfigException when the file cannot be written
   */
  public static String writeServerUrl(ConfigLoader.Loaded loaded, String url) {
    return write(loaded.path(), withServerUrl(loaded, url));
  }

  /**
   * Writes what {@link #writeServerUrl} would make the config file into {@code handover} instead:
   * an existing file, which keeps its owner and mode, that root moves over the config file (the
   * package's launcher does, for {@code sudo blotre-agent setup}, whose service user cannot write
   * /etc/blotre-agent).
   *
   * @return the text written
   * @throws ConfigException when {@code handover} cannot be written
   */
  public static String writeServerUrl(ConfigLoader.Loaded loaded, String url, Path handover) {
    ConfigFile file = withServerUrl(loaded, url);
    ConfigReader.read(file);
    try {
      Files.writeString(handover, file.text());
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write the new " + loaded.path() + " to " + handover + ": " + e);
    }
    return file.text();
  }

  private static ConfigFile withServerUrl(ConfigLoader.Loaded loaded, String url) {
    return fileOrTemplate(loaded)
        .withSection(ConfigReader.SERVER)
        .withValue(ConfigReader.SERVER, "url", ConfigReader.httpUrl(url));
  }

  /**
   * Whether {@link #writeServerUrl} and {@link #writeCalibrations} can replace the file at {@code
   * path}: they write a new file beside it and move it over, so its directory must be writable.
   */
  public static boolean canWrite(Path path) {
    Path parent = path.toAbsolutePath().getParent();
    return Files.isDirectory(parent)
        ? Files.isWritable(parent)
        : parent.getParent() != null && canWrite(parent);
  }

  private static ConfigFile fileOrTemplate(ConfigLoader.Loaded loaded) {
    return loaded
        .file()
        .orElseGet(() -> ConfigFile.parse(loaded.path().toString(), ConfigLoader.template()));
  }

  /** Checks {@code file} reads as a config, then replaces {@code path} with it. */
  private static String write(Path path, ConfigFile file) {
    ConfigReader.read(file);
    write(path, file.text());
    return file.text();
  }

  private static void write(Path path, String text) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".agent", ".conf", NEW_FILE_MODE);
      try {
        Files.writeString(temp, text);
        keepOwnerAndMode(path, temp);
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
              + "): run the command with sudo, or pass --config with a file you can write");
    }
  }

  /** A person edits the file: the new one keeps the old one's owner, group and mode. */
  private static void keepOwnerAndMode(Path old, Path replacement) throws IOException {
    if (!Files.exists(old)) {
      return;
    }
    PosixFileAttributes attributes = Files.readAttributes(old, PosixFileAttributes.class);
    Files.setPosixFilePermissions(replacement, attributes.permissions());
    PosixFileAttributeView view =
        Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
    if (!view.getOwner().equals(attributes.owner())) {
      view.setOwner(attributes.owner());
    }
    if (!view.readAttributes().group().equals(attributes.group())) {
      view.setGroup(attributes.group());
    }
  }
}
