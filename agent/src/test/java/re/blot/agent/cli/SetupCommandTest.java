package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.server.BlotreServer;

/** {@code setup} on a console, as {@code sudo blotre-agent setup} runs it under the package. */
class SetupCommandTest {

  @TempDir Path dir;

  private final BlotreServer emulator = BlotreServer.builder().user("demo").start();
  private LiveEnvironment live;

  @AfterEach
  void stop() {
    live.close();
    emulator.close();
  }

  @Test
  void showsTheCodeThenTheUserAndTheStreamsAndKeepsCredentialsInTheStateDirectory()
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"),
            """
        [server]
        parent = demo/balcony
        [sensor.Basil]
        [sensor.Fern]
        stream = Big Fern
        channel = 1
        """);
    live = new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "--server", emulator.baseUrl(), "setup");
    Await.until(
        "the code on the console", () -> LiveEnvironment.CODE.matcher(live.out.toString()).find());
    Matcher code = LiveEnvironment.CODE.matcher(live.out.toString());
    assertThat(code.find()).isTrue();
    emulator.redeem(code.group(1), "demo");

    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(live.out.toString())
        .contains(
            "The agent is authorized as Blot're user demo on "
                + emulator.baseUrl()
                + "; credentials are in "
                + dir.resolve("creds.json")
                + ".\n"
                + "It will write to:\n"
                + "  demo/balcony/basil  (sensor Basil)\n"
                + "  demo/balcony/big+fern  (sensor Fern)\n");
    assertThat(dir.resolve("creds.json")).exists();
    assertThat(live.listensForStop()).isFalse();
  }

  @Test
  void aParentStreamOfAnotherUserIsAConfigurationError() throws Exception {
    emulator.addUser("neighbour");
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"), "[server]\nparent = Neighbour/roses\n[sensor.Basil]\n");
    live = new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "--server", emulator.baseUrl(), "setup");
    Await.until(
        "the code on the console", () -> LiveEnvironment.CODE.matcher(live.out.toString()).find());
    Matcher code = LiveEnvironment.CODE.matcher(live.out.toString());
    assertThat(code.find()).isTrue();
    emulator.redeem(code.group(1), "demo");

    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(live.err.toString())
        .startsWith(
            "Configuration error: [server] parent 'Neighbour/roses' is a stream of user neighbour,"
                + " not of demo who authorized the agent");
  }
}
