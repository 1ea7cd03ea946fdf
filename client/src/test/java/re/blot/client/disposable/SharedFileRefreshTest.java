package re.blot.client.disposable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.client.Blotre;
import re.blot.server.BlotreServer;

/**
 * Two processes share one credentials file and take turns refreshing: neither loses its
 * authorization, no refresh token is spent twice, and the file is never moved aside.
 */
class SharedFileRefreshTest {
  @TempDir Path dir;
  final BlotreServer server = BlotreServer.builder().port(0).user("demo").start();
  Process child;

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor();
    }
    server.close();
  }

  @Test
  void twoProcessesTakeTurnsRotatingTheTokensWithoutLosingAuthorization() throws Exception {
    Path file = dir.resolve("Plant're.client_data.json");
    Blotre here = authorize(file);
    Path quietLogging = dir.resolve("logback-quiet.xml");
    Files.writeString(quietLogging, "<configuration/>\n");
    child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + quietLogging,
                "-cp",
                System.getProperty("java.class.path"),
                AppChild.class.getName(),
                server.baseUrl(),
                file.toString())
            .redirectError(dir.resolve("child.stderr").toFile())
            .start();
    BufferedReader fromChild =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
    assertThat(fromChild.readLine()).as("child started; stderr in %s", dir).isEqualTo("ready");

    for (int round = 0; round < 3; round++) {
      // The child refreshes first; this process was refused with a replaced token and adopts.
      server.expireAccessTokens();
      String color = "#00000" + round;
      toChild.write("push " + color + "\n");
      toChild.flush();
      assertThat(fromChild.readLine()).isEqualTo("pushed " + color);
      here.setStreamStatus(root(here), "#11111" + round);

      // Then this process refreshes first; the child adopts.
      server.expireAccessTokens();
      here.setStreamStatus(root(here), "#22222" + round);
      toChild.write("push #33333" + round + "\n");
      toChild.flush();
      assertThat(fromChild.readLine()).isEqualTo("pushed #33333" + round);
    }

    toChild.close();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("nothing moved aside")
          .noneMatch(name -> name.contains(".revoked-") || name.contains(".corrupt-"));
    }
    assertThat(here.getStreamStatus(root(here)).color()).isEqualTo("#333332");
  }

  private Blotre authorize(Path file) {
    RecordingChannel channel = new RecordingChannel();
    List<Boolean> redeemed = new ArrayList<>();
    return DisposableApp.builder("Plant're", "Blot're you a plant.")
        .baseUrl(server.baseUrl())
        .credentialsFile(file)
        .userChannel(channel)
        .pollWaiter(
            (delay, wakeUp) -> {
              if (redeemed.isEmpty() && !channel.prompts.isEmpty()) {
                server.redeem(channel.last().code(), "demo");
                redeemed.add(true);
              }
            })
        .pollInterval(Duration.ofSeconds(5))
        .build()
        .authorize();
  }

  private static String root(Blotre blotre) {
    return blotre.getCreds().user().rootStream();
  }
}
