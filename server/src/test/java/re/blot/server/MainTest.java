package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Command-line parsing: good flags build the emulator asked for; bad ones name the problem. */
class MainTest {

  @Test
  void flagsConfigureTheEmulator() {
    try (BlotreServer emulator =
        Main.parse(
                List.of(
                    "--port",
                    "0",
                    "--host",
                    "127.0.0.1",
                    "--user",
                    "alice",
                    "--user",
                    "Bob B",
                    "--control"))
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
  }
}
