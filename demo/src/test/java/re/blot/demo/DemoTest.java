package re.blot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import re.blot.agent.Await;
import re.blot.agent.cli.AgentEnvironment;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.SdNotify;
import re.blot.client.Blotre;
import re.blot.client.model.Stream;

/** The demo as a newcomer runs it: no flags, no manual steps. */
class DemoTest {
  private static final Pattern URL = Pattern.compile("Watch the plant: open (http://\\S+)/ in");

  private final StringWriter out = new StringWriter();
  private final List<BooleanSupplier> stops = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final AgentEnvironment environment =
      new AgentEnvironment(
          Map.of(),
          new ByteArrayInputStream(new byte[0]),
          new PrintWriter(out, true),
          new PrintWriter(new StringWriter(), true),
          Clock.systemUTC(),
          Ticker.SYSTEM,
          Sleeper.SYSTEM,
          () -> {
            throw new AssertionError("real hardware opened in a test");
          },
          () -> Pi4jHardware.mock(new SimulatedPlant(() -> 0.5)),
          SdNotify::disabled,
          stops::add);

  @AfterEach
  void stop() {
    stopAll();
    thread.shutdownNow();
  }

  /** As Ctrl-C would: runs every stop action the demo registered. */
  private boolean stopAll() {
    boolean stopped = false;
    for (BooleanSupplier stop : stops) {
      stopped |= stop.getAsBoolean();
    }
    return stopped;
  }

  @Test
  void authorizesByItselfPushesToTheServerAndStopsCleanly() throws Exception {
    Future<Integer> exit = thread.submit(() -> Demo.execute(environment, "--interval", "1"));

    Await.until("the server's address", () -> URL.matcher(out.toString()).find());
    Matcher url = URL.matcher(out.toString());
    assertThat(url.find()).isTrue();
    Blotre visitor = Blotre.builder().baseUrl(url.group(1)).build();
    Await.until(
        "a pushed color on the server",
        () ->
            visitor.getStreams().stream()
                .anyMatch(s -> s.uri().equals("demo/plant") && s.status() != null));
    Stream plant =
        visitor.getStreams().stream()
            .filter(s -> s.uri().equals("demo/plant"))
            .findFirst()
            .orElseThrow();
    assertThat(plant.status().color()).isEqualTo("#4f9150");
    assertThat(out.toString())
        .contains(
            "A real user is told: To authorize blotre-agent with your Blot're account, open "
                + url.group(1)
                + "/v0/oauth2/redeem and enter the code ")
        .contains("Authorized as demo.");

    assertThat(stopAll()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).endsWith("Demo stopped.\n");
  }

  @Test
  void refusesAnIntervalOrAPortOutOfRange() {
    assertThat(Demo.execute(environment, "--interval", "0")).isEqualTo(2);
    assertThat(Demo.execute(environment, "--port", "65536")).isEqualTo(2);
  }

  @Test
  void listensOnTheGivenPortOfEveryAddressAndSaysHowOtherMachinesReachIt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Future<Integer> exit =
        thread.submit(
            () -> Demo.execute(environment, "--port", String.valueOf(port), "--host", "0.0.0.0"));

    Await.until("the server's address", () -> URL.matcher(out.toString()).find());
    assertThat(out.toString())
        .contains("Watch the plant: open http://127.0.0.1:" + port + "/ in your browser.")
        .containsPattern("From another machine: http://\\S+:" + port + "/");
    Blotre visitor = Blotre.builder().baseUrl("http://127.0.0.1:" + port).build();
    Await.until(
        "a pushed color on the server",
        () ->
            visitor.getStreams().stream()
                .anyMatch(s -> s.uri().equals("demo/plant") && s.status() != null));
    assertThat(stopAll()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }
}
