package re.blot.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.ServerControl;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ThirstRule;
import re.blot.agent.measure.Meters;
import re.blot.agent.publish.Authorizer;
import re.blot.agent.publish.Publisher;
import re.blot.agent.schedule.FixedRateScheduler;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.AgentInstance;
import re.blot.agent.system.HealthFile;
import re.blot.agent.system.SdNotify;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.model.Creds;
import re.blot.server.BlotreServer;
import re.blot.server.ManualClock;

/**
 * The reading loop with the publisher behind it: readings keep their schedule whatever the server
 * does, and a plant's thirst becomes a tag on its stream. The schedule runs on a fake monotonic
 * clock that each wait moves on.
 */
class ReadingLoopTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  @RegisterExtension final LogCapture logs = new LogCapture();

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final AtomicLong nanos = new AtomicLong();
  private final List<Long> readingTimes = new CopyOnWriteArrayList<>();

  /** Pushes the publisher finished, their tags included. */
  private final AtomicInteger pushesDone = new AtomicInteger();

  private HungServer hung;
  private BlotreServer server;

  @AfterEach
  void stop() throws IOException {
    if (hung != null) {
      hung.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The old loop waited up to 15 s per reading for its push: 150 s here. */
  @Test
  @Timeout(60)
  void aServerThatDoesNotAnswerDelaysNoReading() throws Exception {
    hung = new HungServer();
    AgentConfig config = config("http://127.0.0.1:" + hung.port(), Optional.empty());
    Authorizer authorizer =
        () ->
            Blotre.builder()
                .baseUrl(config.serverUrl().orElseThrow())
                .creds(Creds.ofAccessToken("token"))
                .readTimeout(Duration.ofSeconds(30))
                .build();

    // Ten readings 2 s apart while the first push hangs; then the server goes away.
    run(
        config,
        authorizer,
        () -> 0.5,
        10,
        taken -> {
          if (taken == 1) {
            Await.until("the first push at the server", () -> hung.connections.get() > 0);
          }
        },
        () -> hung.close());

    assertThat(readingTimes)
        .as("seconds on the schedule at each reading")
        .containsExactly(0L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L);
    assertThat(logs.messages(Level.INFO, "re.blot.agent.daemon.Daemon"))
        .filteredOn(line -> line.startsWith("Plant: raw 613, 50%"))
        .hasSize(10);
    assertThat(logs.all()).noneMatch(line -> line.startsWith("Skipped"));
  }

  @Test
  void aThirstyPlantIsTaggedOnceAndUntaggedOnceWateredAboveTheHysteresis() throws Exception {
    server = BlotreServer.builder().user("demo").clock(clock).start();
    AgentConfig config =
        config(server.baseUrl(), Optional.of(new ThirstRule(30, ThirstRule.DEFAULT_TAG)));
    Blotre client =
        re.blot.agent.cli.Main.disposableApp(
                config, dir.resolve("creds.json"), ServerControl.redeemingAs(server, "demo"))
            .authorize();
    // Moisture by reading: fine, thirsty, drier, above the threshold but not by the hysteresis
    // (still thirsty), watered, fine.
    double[] moisture = {0.5, 0.27, 0.25, 0.32, 0.34, 0.6, 0.55};
    AtomicInteger reading = new AtomicInteger();
    List<List<String>> thirstyAfterEach = new CopyOnWriteArrayList<>();

    run(
        config,
        () -> client,
        () -> moisture[reading.get()],
        moisture.length,
        taken -> {
          Await.until("push " + taken, () -> pushesDone.get() >= taken);
          thirstyAfterEach.add(
              client.getTagChildren("thirsty").stream().map(s -> s.uri()).toList());
          reading.incrementAndGet();
        },
        () -> {});

    assertThat(thirstyAfterEach)
        .containsExactly(
            List.of(),
            List.of("demo/plant"),
            List.of("demo/plant"),
            List.of("demo/plant"),
            List.of("demo/plant"),
            List.of(),
            List.of());
    assertThat(logs.messages(Level.WARN, "re.blot.agent.measure"))
        .containsExactly(
            "Plant is thirsty: 27 % (below 30 %); its stream is tagged 'thirsty' until it is"
                + " watered");
    assertThat(logs.messages(Level.INFO, "re.blot.agent.measure"))
        .containsExactly("Plant was watered: 60 %");
  }

  /**
   * Runs the daemon for {@code readings} readings on the fake clock, {@code afterReading} after
   * each (given how many were taken), then {@code beforeStop}, then stops it.
   */
  private void run(
      AgentConfig config,
      Authorizer authorizer,
      DoubleSupplier moisture,
      int readings,
      IntConsumer afterReading,
      Runnable beforeStop)
      throws InterruptedException {
    Publisher publisher =
        Publisher.builder(config, authorizer)
            .backoff(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), () -> 0))
            .clock(clock)
            .start();
    publisher.onChange(pushesDone::incrementAndGet);
    SensorHardware hardware = Pi4jHardware.mock(new SimulatedPlant(moisture));
    AtomicInteger taken = new AtomicInteger();
    Daemon daemon =
        new Daemon(
            hardware,
            Meters.open(config, hardware, duration -> {}, clock),
            publisher,
            new FixedRateScheduler(
                INTERVAL,
                nanos::get,
                (latch, waitNanos) -> {
                  readingTimes.add(Duration.ofNanos(nanos.get()).toSeconds());
                  afterReading.accept(taken.incrementAndGet());
                  if (taken.get() >= readings) {
                    beforeStop.run();
                    return true;
                  }
                  nanos.addAndGet(waitNanos);
                  return false;
                }),
            new HealthFile(dir.resolve("run/status.json")),
            SdNotify.disabled(),
            nanos::get,
            AgentInstance.current(
                clock.instant(), "test", config.serverUrl().orElseThrow(), INTERVAL),
            clock,
            Daemon.PUSH_STOP_GRACE);
    daemon.run();
  }

  private static AgentConfig config(String server, Optional<ThirstRule> thirst) {
    AgentConfig defaults = AgentConfig.defaults();
    return new AgentConfig(
        Optional.of(server),
        Optional.of("demo"),
        INTERVAL,
        1,
        defaults.sampling(),
        defaults.sensors().stream().map(s -> thirst.map(s::withThirst).orElse(s)).toList());
  }

  /** Accepts connections and never answers, like a server that answers after 30 s. */
  private static final class HungServer implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    HungServer() throws IOException {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(socket.accept());
                    connections.incrementAndGet();
                  }
                } catch (IOException closed) {
                  // close() ends it.
                }
              },
              "hung-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      try {
        socket.close();
        for (Socket s : held) {
          s.close();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
