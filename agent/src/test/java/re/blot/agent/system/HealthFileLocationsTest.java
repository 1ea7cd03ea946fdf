package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthFileLocationsTest {
  private static final Path SERVICE = Path.of("/run/blotre-agent");
  private static final Path TEMP = Path.of("/tmp");

  private static final String CONFIG = "/etc/blotre-agent/agent.conf";
  private static final String FILE = HealthFileLocations.fileName(CONFIG);
  private static final Path BESIDE = Path.of("/etc/blotre-agent/agent.conf.status.json");

  @Test
  void eachConfigFileHasAStatusFileOfItsOwn() {
    assertThat(FILE).matches("status-[0-9a-f]{12}\\.json");
    assertThat(HealthFileLocations.fileName("/home/pi/fern.conf")).isNotEqualTo(FILE);
    assertThat(locations(Map.of()).own("/home/pi/fern.conf"))
        .isNotEqualTo(locations(Map.of()).own(CONFIG));
  }

  private static HealthFileLocations locations(Map<String, String> env) {
    return new HealthFileLocations(env, SERVICE, TEMP, "pi");
  }

  /** The locations of the user running the test, who owns its temp folders. */
  private static HealthFileLocations ofThisUser(Map<String, String> env) {
    return new HealthFileLocations(env, SERVICE, TEMP, System.getProperty("user.name"));
  }

  @Test
  void byHandTheDaemonWritesBesideItsConfigFile(@TempDir Path dir) throws Exception {
    Path fern = Files.writeString(dir.resolve("fern.conf"), "");
    Path basil = Files.writeString(dir.resolve("basil.conf"), "");
    HealthFileLocations locations = ofThisUser(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));

    assertThat(locations.own(fern.toString())).isEqualTo(dir.resolve("fern.conf.status.json"));
    assertThat(locations.own(basil.toString())).isEqualTo(dir.resolve("basil.conf.status.json"));
    assertThat(locations.lookup(fern.toString())).contains(dir.resolve("fern.conf.status.json"));
    // Under systemd the runtime directory wins, as the service's config folder is read-only.
    assertThat(ofThisUser(Map.of("RUNTIME_DIRECTORY", "/run/blotre-agent")).own(fern.toString()))
        .isEqualTo(SERVICE.resolve(HealthFileLocations.fileName(fern.toString())));
  }

  @Test
  void aConfigFolderSharedWithOthersIsNotWrittenTo(@TempDir Path dir) throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    String config = shared.resolve("fern.conf").toString();
    HealthFileLocations locations = ofThisUser(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));

    assertThat(locations.own(config))
        .isEqualTo(Path.of("/run/user/1000/blotre-agent", HealthFileLocations.fileName(config)));
  }

  @Test
  void withoutItsConfigFolderTheDaemonWritesToSystemdsRuntimeDirectoryThenXdgThenItsTempFolder() {
    assertThat(
            locations(
                    Map.of(
                        "RUNTIME_DIRECTORY",
                        "/run/blotre-agent:/run/x",
                        "XDG_RUNTIME_DIR",
                        "/run/user/1000"))
                .own(CONFIG))
        .isEqualTo(Path.of("/run/blotre-agent", FILE));
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).own(CONFIG))
        .isEqualTo(Path.of("/run/user/1000/blotre-agent", FILE));
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", " ")).own(CONFIG))
        .isEqualTo(Path.of("/tmp/blotre-agent-pi", FILE));
  }

  @Test
  void statusByHandLooksAtTheServicesFileBeforeThePerUserOnes() {
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).lookup(CONFIG))
        .containsExactly(
            Path.of("/run/blotre-agent", FILE),
            BESIDE,
            Path.of("/run/user/1000/blotre-agent", FILE),
            Path.of("/tmp/blotre-agent-pi", FILE));
  }

  @Test
  void statusUnderSystemdLooksAtItsRuntimeDirectoryFirst() {
    assertThat(locations(Map.of("RUNTIME_DIRECTORY", "/run/other")).lookup(CONFIG))
        .containsExactly(
            Path.of("/run/other", FILE),
            Path.of("/run/blotre-agent", FILE),
            BESIDE,
            Path.of("/tmp/blotre-agent-pi", FILE));
    assertThat(locations(Map.of("RUNTIME_DIRECTORY", "/run/blotre-agent")).lookup(CONFIG))
        .containsExactly(
            Path.of("/run/blotre-agent", FILE), BESIDE, Path.of("/tmp/blotre-agent-pi", FILE));
  }

  @Test
  void findTakesTheFirstFileThatExists(@TempDir Path dir) throws Exception {
    Path service = Files.createDirectories(dir.resolve("service"));
    Path xdg = Files.createDirectories(dir.resolve("xdg/blotre-agent"));
    HealthFileLocations locations =
        new HealthFileLocations(
            Map.of("XDG_RUNTIME_DIR", dir.resolve("xdg").toString()),
            service,
            dir.resolve("tmp"),
            "pi");
    assertThat(locations.find(CONFIG)).isEmpty();

    Path own = Files.writeString(xdg.resolve(FILE), "{}");
    assertThat(locations.find(CONFIG)).contains(own);

    Path services = Files.writeString(service.resolve(FILE), "{}");
    assertThat(locations.find(CONFIG)).contains(services);
  }

  @Test
  void aPerUserTempFolderSomeoneElseCreatedIsIgnoredAndNotWritten(@TempDir Path dir)
      throws Exception {
    Path shared = Files.createDirectories(dir.resolve("tmp/blotre-agent-pi"));
    Files.writeString(shared.resolve(FILE), "{\"summary\": \"planted by another user\"}");
    HealthFileLocations locations =
        new HealthFileLocations(Map.of(), dir.resolve("service"), dir.resolve("tmp"), "pi");

    // The test's user is not "pi": the folder is not theirs.
    assertThat(locations.find(CONFIG)).isEmpty();

    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    HealthFile file = new HealthFile(shared.resolve(FILE));
    file.write(
        HealthStatus.initial(
                AgentInstance.current(Instant.EPOCH, CONFIG, "http://x", Duration.ofSeconds(1)))
            .document(Instant.EPOCH));
    assertThat(Files.readString(shared.resolve(FILE))).contains("planted");
    assertThat(HealthFileLocations.ownedBy(shared, System.getProperty("user.name"))).isFalse();
  }
}
