package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.ServerControl;
import re.blot.agent.config.AgentConfig;
import re.blot.client.disposable.CredentialStore;
import re.blot.client.disposable.CredentialsFile;
import re.blot.server.BlotreServer;

/**
 * A stop request (SIGTERM, Ctrl-C) ends {@code run} within its push grace in every state, says so,
 * switches the probe's power off and leaves the credentials file whole (issue 12, case 10). The
 * grace is {@link LiveEnvironment#STOP_GRACE}; the server holds the requests under way for far
 * longer than the bound each test allows, so a stop that waited for them would fail it.
 */
class StopRequestTest {
  /** Only catches a stop that hangs: the push grace is a small part of it. */
  private static final Duration HANG = Duration.ofSeconds(20);

  /** Longer than {@link #HANG} and the client's read timeout: the held request never ends first. */
  private static final Duration HELD = Duration.ofMinutes(10);

  private static final String EVERY_READING = "[schedule]\nheartbeat-every = 1\n";

  private static final String STOPPING =
      "Stopping: finishing the reading and push under way (at most 5 s)";

  @RegisterExtension final LogCapture logs = new LogCapture();

  @TempDir Path dir;

  private final BlotreServer emulator =
      BlotreServer.builder().user("demo").controlApi(true).start();
  private LiveEnvironment live;
  private Future<Integer> exit;

  @AfterEach
  void close() {
    if (live != null) {
      live.close();
    }
    emulator.close();
  }

  @Test
  void whileWaitingForTheCodeToBeEntered() throws Exception {
    start(EVERY_READING);
    String code = LiveEnvironment.awaitCode(logs, 1);
    DigitalOutput power = awaitReadingAndPowerPin();
    String client = creds().client().clientId();

    stopAndAwaitExit();

    assertStoppedCleanly(power);
    assertThat(lastStatusBeforeStopping()).contains("authorization needed", code);
    // Still the same registration, and never a code that may have been used: the next start shows
    // this one again, or a new one.
    assertThat(creds().client().clientId()).isEqualTo(client);
    assertThat(creds().client().code()).isIn(code, null);
    assertThat(creds().creds()).isEmpty();
  }

  @Test
  void withAPushTheServerHolds() throws Exception {
    authorizedAndPushing(EVERY_READING);

    stopWhileTheServerHolds("/v0/api/stream/");
  }

  @Test
  void withATokenRefreshTheServerHolds() throws Exception {
    authorizedAndPushing(EVERY_READING);
    emulator.expireAccessTokens();

    // The old pair stays in the file: the server never answered, so it still knows them.
    stopWhileTheServerHolds("/v0/oauth2/access_token");
  }

  @Test
  void betweenReadings() throws Exception {
    // Only the first reading is pushed: no push can be under way when the stop comes.
    authorizedAndPushing("[schedule]\nheartbeat-every = 10000\n");
    DigitalOutput power = awaitReadingAndPowerPin();
    byte[] saved = Files.readAllBytes(credsFile());

    stopAndAwaitExit();

    assertStoppedCleanly(power);
    assertThat(logs.messages(Level.INFO, "re.blot.agent.publish.Publisher")).isEmpty();
    assertThat(lastStatusBeforeStopping()).contains("last push");
    assertThat(Files.readAllBytes(credsFile())).isEqualTo(saved);
  }

  /**
   * Stops the daemon once the server holds its next POST under {@code path}: the request is
   * abandoned after the grace, the credentials file left as it was.
   */
  private void stopWhileTheServerHolds(String path) throws Exception {
    DigitalOutput power = awaitReadingAndPowerPin();
    ServerControl.hold(emulator, "POST", path, HELD);
    ServerControl.awaitFaultsHit(emulator);
    byte[] saved = Files.readAllBytes(credsFile());

    stopAndAwaitExit();

    assertStoppedCleanly(power);
    assertThat(logs.messages(Level.INFO, "re.blot.agent.publish.Publisher"))
        .containsExactly(
            "Abandoning the push under way: it took longer than 100 ms after the stop request");
    assertThat(Files.readAllBytes(credsFile())).isEqualTo(saved);
  }

  /**
   * Runs the daemon with a probe powered from GPIO 17, reading every second, and {@code schedule}.
   */
  private void start(String schedule) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"), "[sensor.Plant]\n[sampling]\npower-pin = 17\n" + schedule);
    live = new LiveEnvironment(Map.of("RUNTIME_DIRECTORY", dir.resolve("run").toString()));
    exit =
        live.start(
            "--mock",
            "--config",
            config.toString(),
            "--server",
            emulator.baseUrl(),
            "--creds",
            credsFile().toString(),
            "--interval",
            "1",
            "run");
  }

  /** Runs the daemon authorized as {@code setup} leaves it, until its first push. */
  private void authorizedAndPushing(String schedule) throws Exception {
    Main.disposableApp(
            AgentConfig.defaults().withServerUrl(emulator.baseUrl()),
            credsFile(),
            ServerControl.redeemingAs(emulator, "demo"))
        .authorize();
    start(schedule);
    Await.until("the first push", () -> emulator.store().streamByUri("demo/plant").isPresent());
    Await.until("STATUS= after the push", () -> lastStatus().contains("last push"));
  }

  /** The probe's power pin, once a reading has switched it on and off. */
  private DigitalOutput awaitReadingAndPowerPin() {
    Await.until(
        "a reading",
        () ->
            logs.messages(Level.INFO, "re.blot.agent.daemon").stream()
                .anyMatch(line -> line.startsWith("Plant: raw 613")));
    return live.hardware().context().registry().get("power17", DigitalOutput.class);
  }

  private void stopAndAwaitExit() {
    int code =
        assertTimeoutPreemptively(
            HANG,
            () -> {
              assertThat(live.stop()).as("a running daemon stopped").isTrue();
              return exit.get();
            });
    assertThat(code).isZero();
  }

  /** What the person sees of a stop, and the hardware shut down. */
  private void assertStoppedCleanly(DigitalOutput power) {
    assertThat(logs.messages(Level.INFO, "re.blot.agent.daemon.Daemon")).contains(STOPPING);
    assertThat(live.notified).contains("STOPPING=1");
    assertThat(logs.messages(Level.ERROR, "")).isEmpty();
    assertThat(live.err.toString()).isEmpty();
    assertThat(live.hardware().context().isShutdown()).as("Pi4J shut down").isTrue();
    assertThat(power.state()).as("the probe's power").isEqualTo(DigitalState.LOW);
  }

  private String lastStatusBeforeStopping() {
    List<String> sent = live.notified;
    String last = "";
    for (String message : sent.subList(0, sent.indexOf("STOPPING=1"))) {
      if (message.startsWith("STATUS=")) {
        last = message;
      }
    }
    return last;
  }

  private String lastStatus() {
    return live.notified.stream().filter(m -> m.startsWith("STATUS=")).reduce("", (a, b) -> b);
  }

  private CredentialsFile creds() {
    return CredentialStore.at(credsFile()).load().orElseThrow();
  }

  private Path credsFile() {
    return dir.resolve("creds.json");
  }
}
