package re.blot.agent.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the status file lives: where this process writes it, and where {@code status} looks for a
 * running daemon's.
 *
 * @param env the process environment
 * @param serviceDir the unit's {@code RuntimeDirectory=}, normally {@code /run/blotre-agent}
 * @param tempDir the temp folder for the last-resort per-user location
 * @param userName the user that location belongs to
 */
public record HealthFileLocations(
    Map<String, String> env, Path serviceDir, Path tempDir, String userName) {
  static final String FILE_NAME = "status.json";

  public HealthFileLocations {
    env = Map.copyOf(env);
  }

  /** The locations for this process: its environment, the service's folder, its temp folder. */
  public static HealthFileLocations of(Map<String, String> env) {
    return new HealthFileLocations(
        env,
        Path.of("/run/blotre-agent"),
        Path.of(System.getProperty("java.io.tmpdir")),
        System.getProperty("user.name"));
  }

  /**
   * Where this process writes: {@code $RUNTIME_DIRECTORY} under systemd, else {@code
   * $XDG_RUNTIME_DIR/blotre-agent}, else a per-user folder in the temp folder.
   */
  public Path own() {
    return runtimeDirectory().or(this::xdg).orElseGet(this::perUserTemp);
  }

  /**
   * Where {@code status} looks, in this order: {@code $RUNTIME_DIRECTORY}, then the service's
   * folder (someone running {@code status} by hand on a Pi where the service runs), then the
   * per-user places a daemon started by hand writes to.
   */
  public List<Path> lookup() {
    List<Path> paths = new ArrayList<>();
    runtimeDirectory().ifPresent(paths::add);
    paths.add(serviceDir.resolve(FILE_NAME));
    xdg().ifPresent(paths::add);
    paths.add(perUserTemp());
    return paths.stream().distinct().toList();
  }

  /**
   * The first status file that exists in {@link #lookup()} order. The per-user folder in the shared
   * temp folder counts only when that user owns it and nobody else can write it: anyone can create
   * a folder of that name first and then control what {@code status} prints.
   */
  public Optional<Path> find() {
    return lookup().stream()
        .filter(Files::isRegularFile)
        .filter(file -> !file.equals(perUserTemp()) || ownedBy(file.getParent(), userName))
        .findFirst();
  }

  /** Whether {@code directory} belongs to {@code user} and no one else can write in it. */
  public static boolean ownedBy(Path directory, String user) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory, NOFOLLOW_LINKS);
      return Files.getOwner(directory, NOFOLLOW_LINKS).getName().equals(user)
          && !mode.contains(PosixFilePermission.GROUP_WRITE)
          && !mode.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private Optional<Path> runtimeDirectory() {
    // systemd joins several RuntimeDirectory= entries with ':'; ours is the first.
    return variable("RUNTIME_DIRECTORY").map(dir -> Path.of(dir.split(":")[0], FILE_NAME));
  }

  private Optional<Path> xdg() {
    return variable("XDG_RUNTIME_DIR").map(dir -> Path.of(dir, "blotre-agent", FILE_NAME));
  }

  private Path perUserTemp() {
    return tempDir.resolve("blotre-agent-" + userName).resolve(FILE_NAME);
  }

  private Optional<String> variable(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
