package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthFileLocationsTest {
  private static final Path SERVICE = Path.of("/run/blotre-agent");
  private static final Path TEMP = Path.of("/tmp");

  private static HealthFileLocations locations(Map<String, String> env) {
    return new HealthFileLocations(env, SERVICE, TEMP, "pi");
  }

  @Test
  void daemonWritesToSystemdsRuntimeDirectoryThenXdgThenItsTempFolder() {
    assertThat(
            locations(
                    Map.of(
                        "RUNTIME_DIRECTORY",
                        "/run/blotre-agent:/run/x",
                        "XDG_RUNTIME_DIR",
                        "/run/user/1000"))
                .own())
        .isEqualTo(Path.of("/run/blotre-agent/status.json"));
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).own())
        .isEqualTo(Path.of("/run/user/1000/blotre-agent/status.json"));
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", " ")).own())
        .isEqualTo(Path.of("/tmp/blotre-agent-pi/status.json"));
  }

  @Test
  void statusByHandLooksAtTheServicesFileBeforeThePerUserOnes() {
    assertThat(locations(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).lookup())
        .containsExactly(
            Path.of("/run/blotre-agent/status.json"),
            Path.of("/run/user/1000/blotre-agent/status.json"),
            Path.of("/tmp/blotre-agent-pi/status.json"));
  }

  @Test
  void statusUnderSystemdLooksAtItsRuntimeDirectoryFirst() {
    assertThat(locations(Map.of("RUNTIME_DIRECTORY", "/run/other")).lookup())
        .containsExactly(
            Path.of("/run/other/status.json"),
            Path.of("/run/blotre-agent/status.json"),
            Path.of("/tmp/blotre-agent-pi/status.json"));
    assertThat(locations(Map.of("RUNTIME_DIRECTORY", "/run/blotre-agent")).lookup())
        .containsExactly(
            Path.of("/run/blotre-agent/status.json"), Path.of("/tmp/blotre-agent-pi/status.json"));
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
    assertThat(locations.find()).isEmpty();

    Path own = Files.writeString(xdg.resolve("status.json"), "{}");
    assertThat(locations.find()).contains(own);

    Path services = Files.writeString(service.resolve("status.json"), "{}");
    assertThat(locations.find()).contains(services);
  }

  @Test
  void aPerUserTempFolderSomeoneElseCreatedIsIgnoredAndNotWritten(@TempDir Path dir)
      throws Exception {
    Path shared = Files.createDirectories(dir.resolve("tmp/blotre-agent-pi"));
    Files.writeString(shared.resolve("status.json"), "{\"summary\": \"planted by another user\"}");
    HealthFileLocations locations =
        new HealthFileLocations(Map.of(), dir.resolve("service"), dir.resolve("tmp"), "pi");

    // The test's user is not "pi": the folder is not theirs.
    assertThat(locations.find()).isEmpty();

    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    HealthFile file = new HealthFile(shared.resolve("status.json"));
    file.write(HealthStatus.initial());
    assertThat(Files.readString(shared.resolve("status.json"))).contains("planted");
    assertThat(HealthFileLocations.ownedBy(shared, System.getProperty("user.name"))).isFalse();
  }
}
