package re.blot.agent.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the status file lives: where this process writes it, and where {@code status} looks for a
 * running daemon's. Each agent has a file of its own, named after its config file, so that two
 * agents on one machine (or the demo beside the service) never overwrite each other's.
 *
 * @param env the process environment
 * @param serviceDir the unit's {@code RuntimeDirectory=}, normally {@code /run/blotre-agent}
 * @param tempDir the temp folder for the last-resort per-user location
 * @param userName the user that location belongs to
 */
public record HealthFileLocations(
    Map<String, String> env, Path serviceDir, Path tempDir, String userName) {
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
   * Where this process writes: {@code $RUNTIME_DIRECTORY/status-<hash>.json} under systemd, else
   * {@code <config>.status.json} beside the config file. When that folder is missing or not this
   * user's alone (the built-in defaults, or the packaged config run by hand as another user), the
   * file goes to {@code $XDG_RUNTIME_DIR/blotre-agent}, else to a per-user folder in the temp
   * folder.
   */
  public Path own(String config) {
    return runtimeDirectory()
        .map(dir -> dir.resolve(fileName(config)))
        .or(() -> Optional.of(besideConfig(config)).filter(file -> ours(file.getParent())))
        .orElseGet(() -> xdg().orElseGet(this::perUserTemp).resolve(fileName(config)));
  }

  /**
   * {@code status-<hash>.json}: the file in a shared folder of the agent running with the config
   * file {@code config} (an absolute path), the hash its SHA-256's first 12 hex digits.
   */
  public static String fileName(String config) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8));
      return "status-" + HexFormat.of().formatHex(hash, 0, 6) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code /home/pi/fern.conf.status.json} for the config file {@code /home/pi/fern.conf}. */
  private static Path besideConfig(String config) {
    Path path = Path.of(config);
    return path.resolveSibling(path.getFileName() + ".status.json");
  }

  /**
   * Where {@code status} looks, in this order: {@code $RUNTIME_DIRECTORY}, then the service's
   * folder (someone running {@code status} by hand on a Pi where the service runs), then beside the
   * config file, then the per-user places.
   */
  public List<Path> lookup(String config) {
    List<Path> files = new ArrayList<>();
    runtimeDirectory().ifPresent(dir -> files.add(dir.resolve(fileName(config))));
    files.add(serviceDir.resolve(fileName(config)));
    files.add(besideConfig(config));
    xdg().ifPresent(dir -> files.add(dir.resolve(fileName(config))));
    files.add(perUserTemp().resolve(fileName(config)));
    return files.stream().distinct().toList();
  }

  /**
   * The first status file that exists in {@link #lookup()} order. The per-user folder in the shared
   * temp folder counts only when that user owns it and nobody else can write it: anyone can create
   * a folder of that name first and then control what {@code status} prints.
   */
  public Optional<Path> find(String config) {
    return lookup(config).stream()
        .filter(Files::isRegularFile)
        .filter(
            file -> !file.getParent().equals(perUserTemp()) || ownedBy(file.getParent(), userName))
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

  /**
   * Whether this process may keep its status file in {@code directory}, as {@link HealthFile} does.
   */
  private boolean ours(Path directory) {
    return directory != null && ownedBy(directory, userName) && Files.isWritable(directory);
  }

  private Optional<Path> runtimeDirectory() {
    // systemd joins several RuntimeDirectory= entries with ':'; ours is the first.
    return variable("RUNTIME_DIRECTORY").map(dir -> Path.of(dir.split(":")[0]));
  }

  private Optional<Path> xdg() {
    return variable("XDG_RUNTIME_DIR").map(dir -> Path.of(dir, "blotre-agent"));
  }

  private Path perUserTemp() {
    return tempDir.resolve("blotre-agent-" + userName);
  }

  private Optional<String> variable(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
