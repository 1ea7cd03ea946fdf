package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.ServerControl;
import re.blot.agent.color.ColorScale;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.system.HealthFileLocations;
import re.blot.client.disposable.CredentialStore;
import re.blot.server.BlotreServer;

/** {@code run} end to end: the mock plant, the real disposable flow and the emulator. */
class RunCommandTest {
  private static final String HALF_WET = "#4f9150";

  @RegisterExtension final LogCapture logs = new LogCapture();

  @TempDir Path dir;

  private final BlotreServer emulator = BlotreServer.builder().user("demo").start();
  private LiveEnvironment live;

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
    emulator.close();
  }

  @Test
  void firstRunLogsTheCodeAndPushesToANewStreamUnderTheRootOnceItIsRedeemed() throws Exception {
    Future<Integer> exit = run();

    emulator.redeem(awaitCode(1), "demo");

    Await.until("the first push", () -> HALF_WET.equals(colorOf("demo/plant")));
    assertThat(logs.messages(Level.INFO, "re.blot.agent.daemon"))
        .contains("Plant: raw 613, 50%, #4f9150");
    // The publisher has the status file written again once the push is done.
    Await.until(
        "the push in the status file",
        () -> Files.exists(statusFile()) && !readStatus().contains("\"lastPush\": null"));
    assertThat(Files.readString(statusFile()))
        .contains("\"Plant\"", HALF_WET, "\"pid\": " + ProcessHandle.current().pid());

    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(live.err.toString()).isEmpty();
  }

  @Test
  void anAds1115SensorOnTheMockI2cPushesItsColor() throws Exception {
    // The simulated probe gives 1.97 V: 15791 of 32768 at 4.096 V, half-way from dry to wet.
    Future<Integer> exit =
        run(
            "[sensor.Chili]\nadc = ads1115\naddress = 0x4A\nchannel = 3\ndry = 10791\nwet = 20791\n");

    emulator.redeem(awaitCode(1), "demo");

    String halfWet = ColorScale.defaultScale().color(50).hex();
    Await.until("the first push", () -> halfWet.equals(colorOf("demo/chili")));
    assertThat(logs.messages(Level.INFO, "re.blot.agent.daemon"))
        .contains("Chili: raw 15791, 50%, " + halfWet);
    Await.until(
        "a second push",
        () ->
            statusTime("demo/chili") > 0
                && logs.messages(Level.INFO, "re.blot.agent.daemon").stream()
                        .filter(line -> line.startsWith("Chili: raw 15791"))
                        .count()
                    >= 2);
    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(live.err.toString()).isEmpty();
  }

  @Test
  void revokedCredentialsLogANewCodeAndPushesResumeOnceItIsRedeemed() throws Exception {
    run();
    emulator.redeem(awaitCode(1), "demo");
    Await.until("the first push", () -> HALF_WET.equals(colorOf("demo/plant")));
    String token =
        CredentialStore.at(dir.resolve("creds.json"))
            .load()
            .orElseThrow()
            .creds()
            .orElseThrow()
            .toCreds()
            .accessToken();
    long statusesBefore = statusTime("demo/plant");

    emulator.store().revoke(token);

    String second = awaitCode(2);
    assertThat(second).isNotEqualTo(codes().get(0));
    emulator.redeem(second, "demo");
    Await.until(
        "a push with the new credentials",
        () -> statusTime("demo/plant") > statusesBefore && !token.equals(currentToken()));
    assertThat(emulator.store().allStreams()).hasSize(2);
  }

  @Test
  void onceReadsAndPushesEverySensorAndExitsZeroOnlyWhenAllPushesWorked() throws Exception {
    Path config = Files.writeString(dir.resolve("agent.conf"), "[sensor.Plant]\n");
    live = new LiveEnvironment(Map.of());
    String[] once = {
      "run",
      "--once",
      "--mock",
      "--config",
      config.toString(),
      "--server",
      emulator.baseUrl(),
      "--creds",
      dir.resolve("creds.json").toString()
    };

    assertThat(live.start(once).get(20, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(live.err.toString()).contains("run `sudo blotre-agent setup` first");

    Main.disposableApp(
            AgentConfig.defaults().withServerUrl(emulator.baseUrl()),
            dir.resolve("creds.json"),
            ServerControl.redeemingAs(emulator, "demo"))
        .authorize();
    assertThat(live.start(once).get(20, TimeUnit.SECONDS)).isZero();
    assertThat(live.out.toString())
        .isEqualTo("Plant: raw 613, 50%, " + HALF_WET + "; pushed to the new stream demo/plant\n");
    assertThat(colorOf("demo/plant")).isEqualTo(HALF_WET);

    emulator.close();
    live.out.getBuffer().setLength(0);
    assertThat(live.start(once).get(60, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(live.out.toString())
        .startsWith("Plant: raw 613, 50%, " + HALF_WET + "; push failed (");
    assertThat(live.listensForStop()).isFalse();
  }

  private String readStatus() {
    try {
      return Files.readString(statusFile());
    } catch (java.io.IOException e) {
      return ""; // Replaced between exists() and the read.
    }
  }

  private Path statusFile() {
    return dir.resolve("run")
        .resolve(
            HealthFileLocations.fileName(
                dir.resolve("agent.conf").toAbsolutePath().normalize().toString()));
  }

  @Test
  void withoutAServerItSaysOnceHowToSetOneAndKeepsReading() throws Exception {
    Future<Integer> exit = start("[sensor.Plant]\n");

    awaitReadings(3);
    assertThat(logs.messages(Level.WARN, "re.blot.agent"))
        .containsExactly(
            "Cannot push to the Blot're server: none is configured; run `sudo blotre-agent setup"
                + " --server URL` (or set url in [server] of the config file), then `sudo"
                + " systemctl restart blotre-agent`. Keeping the latest reading of each sensor and"
                + " retrying with backoff; the next line about this comes when a push works"
                + " again.");
    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aServerThatDoesNotAnswerIsOneWarningWithItsCauseAndReadingGoesOn() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Future<Integer> exit = start("[sensor.Plant]\n", "--server", url);

    awaitReadings(3);
    assertThat(logs.messages(Level.WARN, "re.blot.agent"))
        .containsExactly(
            "Cannot push to "
                + url
                + ": the connection to 127.0.0.1:"
                + port
                + " is refused or has no route; check that the server runs, on this address and port."
                + " Keeping the latest reading of each sensor and retrying with backoff; the next"
                + " line about this comes when a push works again.");
    assertThat(codes()).isEmpty();
    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  private void awaitReadings(int count) {
    Await.until(
        count + " readings",
        () ->
            logs.messages(Level.INFO, "re.blot.agent.daemon").stream()
                    .filter(line -> line.startsWith("Plant: raw 613"))
                    .count()
                >= count);
  }

  private Future<Integer> run() throws Exception {
    return run("[sensor.Plant]\n");
  }

  private Future<Integer> run(String configText) throws Exception {
    return start(configText, "--server", emulator.baseUrl());
  }

  /** Runs the daemon with {@code configText} and {@code server}, if any, reading every second. */
  private Future<Integer> start(String configText, String... server) throws Exception {
    Path config = Files.writeString(dir.resolve("agent.conf"), configText);
    live = new LiveEnvironment(Map.of("RUNTIME_DIRECTORY", dir.resolve("run").toString()));
    List<String> args = new ArrayList<>(List.of("--mock", "--config", config.toString()));
    args.addAll(List.of(server));
    args.addAll(List.of("--creds", dir.resolve("creds.json").toString(), "--interval", "1", "run"));
    return live.start(args.toArray(String[]::new));
  }

  private String awaitCode(int count) {
    return LiveEnvironment.awaitCode(logs, count);
  }

  private List<String> codes() {
    return LiveEnvironment.codes(logs);
  }

  private String currentToken() {
    return CredentialStore.at(dir.resolve("creds.json"))
        .load()
        .flatMap(file -> file.creds())
        .map(creds -> creds.toCreds().accessToken())
        .orElse(null);
  }

  private String colorOf(String uri) {
    return emulator.store().streamByUri(uri).map(s -> s.status().color()).orElse(null);
  }

  private long statusTime(String uri) {
    return emulator.store().streamByUri(uri).map(s -> s.status().created()).orElse(0L);
  }
}
