package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line parsing: good flags build the emulator asked for; bad ones name the problem. */
class MainTest {

  @Test
  void flagsConfigureTheEmulator() {
    try (BlotreServer emulator =
        Main.parse(
                List.of(
                    "--in-memory",
                    "--port",
                    "0",
                    "--host",
                    "127.0.0.1",
                    "--user",
                    "alice",
                    "--user",
                    "Bob B",
                    "--control"))
            .builder()
            .start()) {
      assertThat(emulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(emulator.store().users())
          .extracting(u -> u.userName())
          .containsExactly("alice", "Bob B");
      assertThat(new Wire(emulator.baseUrl()).get("/_emulator/users").status()).isEqualTo(200);
    }
  }

  @Test
  void helpAsksForUsage() {
    assertThat(Main.parse(List.of("--help"))).isNull();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> Main.parse(List.of("--port"))).hasMessage("--port needs a value");
    assertThatThrownBy(() -> Main.parse(List.of("--port", "http")))
        .hasMessageContaining("was: http");
    assertThatThrownBy(() -> Main.parse(List.of("--port", "70000")))
        .hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> Main.parse(List.of("--verbose")))
        .hasMessage("unknown argument: --verbose");
    assertThatThrownBy(() -> Main.parse(List.of("--control")).builder())
        .hasMessage("--control is only available with --in-memory");
    assertThatThrownBy(
            () ->
                Main.parse(List.of("--in-memory", "--host", "no-such-host.invalid"))
                    .builder()
                    .start())
        .hasMessage("cannot listen on no-such-host.invalid: no such address");
    assertThatThrownBy(
            () ->
                Main.parse(List.of("--in-memory", "--control", "--host", "0.0.0.0"))
                    .builder()
                    .start())
        .hasMessageContaining("only on a loopback address");
  }

  @Test
  void aSettingsFileIsReadAndFlagsWin(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("server.conf");
    Files.writeString(
        conf, "# mine\nport = 9090\nretention-days = 30\ndata = " + dir.resolve("x.db") + "\n");
    Main.Settings settings = Main.parse(List.of("--config", conf.toString(), "--port", "0"));
    assertThat(settings.values()).containsEntry("port", "0").containsEntry("retention-days", "30");
    assertThat(settings.database()).isEqualTo("jdbc:sqlite:" + dir.resolve("x.db"));
    Files.writeString(conf, "prot = 1\n");
    assertThatThrownBy(() -> Main.parse(List.of("--config", conf.toString())))
        .hasMessage("unknown setting in " + conf + ": prot");
  }
}
