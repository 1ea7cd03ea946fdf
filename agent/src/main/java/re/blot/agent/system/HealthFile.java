package re.blot.agent.system;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status file in RAM-backed runtime storage that {@code status} prints. Writing it is best
 * effort: a failure is logged once and never stops the daemon.
 */
public final class HealthFile {
  static final String FILE_NAME = "status.json";
  /** The unit's RuntimeDirectory=, where {@code status} looks when run from another shell. */
  static final Path SERVICE_DIR = Path.of("/run/blotre-agent");

  /** rw-r--r--: {@code blotre-agent status} run by any user reads the service's file. */
  private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

  private static final Logger log = LoggerFactory.getLogger(HealthFile.class);

  private final Path path;
  private boolean warned;

  public HealthFile(Path path) {
    this.path = path;
  }

  /**
   * Where this process writes: {@code $RUNTIME_DIRECTORY} under systemd, else
   * {@code $XDG_RUNTIME_DIR/blotre-agent}, else a per-user folder in the temp directory.
   */
  public static HealthFile forEnvironment(Map<String, String> env) {
    return new HealthFile(candidates(env).get(0));
  }

  /**
   * Where a running daemon may have written, most likely first: this environment's own place,
   * then the service's.
   */
  public static List<Path> candidates(Map<String, String> env) {
    List<Path> paths = new ArrayList<>();
    String runtime = env.get("RUNTIME_DIRECTORY");
    if (runtime != null && !runtime.isBlank()) {
      // systemd joins several RuntimeDirectory= entries with ':'; ours is the first.
      paths.add(Path.of(runtime.split(":")[0], FILE_NAME));
    }
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      paths.add(Path.of(xdg, "blotre-agent", FILE_NAME));
    }
    paths.add(Path.of(System.getProperty("java.io.tmpdir"),
        "blotre-agent-" + System.getProperty("user.name"), FILE_NAME));
    paths.add(SERVICE_DIR.resolve(FILE_NAME));
    return paths.stream().distinct().toList();
  }

  /** The first status file that exists among {@link #candidates}. */
  public static Optional<Path> find(Map<String, String> env) {
    return candidates(env).stream().filter(Files::isRegularFile).findFirst();
  }

  public Path path() {
    return path;
  }

  /**
   * Replaces the file's content atomically, so {@code status} never sees half a file. The file is
   * readable by everyone whatever the umask (the unit's is 0077).
   */
  public void write(HealthStatus status) {
    try {
      Files.createDirectories(path.getParent());
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
        log.warn("Cannot write the status file {} ({}); `blotre-agent status` will not show"
            + " this run. Readings and pushes go on.", path, e.toString());
      }
    }
  }
}
