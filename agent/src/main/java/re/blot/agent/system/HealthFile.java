package re.blot.agent.system;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status file that {@code status} prints, where {@link HealthFileLocations#own} puts it.
 * Writing it is best effort: a failure is logged once and never stops the daemon.
 */
public final class HealthFile {
  /** rw-r--r--: {@code blotre-agent status} run by any user reads the service's file. */
  private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

  /** rwxr-xr-x: everyone may read, only the agent may write. */
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private static final Logger log = LoggerFactory.getLogger(HealthFile.class);

  private final Path path;
  private boolean warned;

  public HealthFile(Path path) {
    this.path = path;
  }

  /** The file this process writes for the agent with config file {@code config}. */
  public static HealthFile forEnvironment(Map<String, String> env, String config) {
    return new HealthFile(HealthFileLocations.of(env).own(config));
  }

  public Path path() {
    return path;
  }

  /**
   * Replaces the file's content atomically, so {@code status} never sees half a file. The file is
   * readable by everyone whatever the umask (the unit's is 0077).
   */
  public void write(StatusDocument status) {
    try {
      Path directory = path.getParent();
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
      }
      String user = System.getProperty("user.name");
      if (!HealthFileLocations.ownedBy(directory, user)) {
        throw new IOException(
            directory
                + " was not created by this agent (it belongs to another user or others can"
                + " write in it); remove it, or set XDG_RUNTIME_DIR");
      }
      Path temp = path.resolveSibling(path.getFileName() + ".tmp");
      // A leftover from a crash would keep its old mode and owner.
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(MODE));
      // The umask applies to the mode given at creation but not to chmod.
      Files.setPosixFilePermissions(temp, MODE);
      Files.writeString(temp, status.toJson());
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      warned = false;
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn(
            "Cannot write the status file {} ({}); `blotre-agent status` will not show"
                + " this run. Readings and pushes go on.",
            path,
            e.toString());
      }
    }
  }
}
