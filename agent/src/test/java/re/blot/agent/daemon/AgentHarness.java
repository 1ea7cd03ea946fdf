package re.blot.agent.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import re.blot.agent.Await;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.measure.Meters;
import re.blot.agent.publish.AuthorizationChannel;
import re.blot.agent.publish.DisposableAuthorizer;
import re.blot.agent.publish.Publisher;
import re.blot.agent.publish.ServerProbe;
import re.blot.agent.schedule.FixedRateScheduler;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.AgentInstance;
import re.blot.agent.system.HealthFile;
import re.blot.agent.system.RecordingNotify;
import re.blot.client.Backoff;
import re.blot.client.disposable.CredentialStore;
import re.blot.client.disposable.DisposableApp;
import re.blot.server.BlotreServer;
import re.blot.server.ManualClock;
import re.blot.server.store.StoreEvent;

/**
 * The whole agent as {@code run} wires it (disposable app with its credentials file, publisher,
 * daemon, status file, STATUS=) against an in-memory server, with every clock in the test's hand:
 * readings happen when the test calls {@link #tick()}, retries pass at once, and the code's poll
 * moves the shared wall clock only while {@link #ageing} is set.
 */
final class AgentHarness implements AutoCloseable {
  final ManualClock clock;
  final BlotreServer server;
  final Path creds;
  final Path statusFile;
  final List<String> notified = new CopyOnWriteArrayList<>();
  final List<Duration> polls = new CopyOnWriteArrayList<>();
  final AtomicInteger pushes = new AtomicInteger();
  volatile boolean ageing;

  private final AtomicLong nanos = new AtomicLong();
  private final Semaphore ticks = new Semaphore(0);
  private final Daemon daemon;
  private final Thread thread;

  AgentHarness(Path dir, BlotreServer server, ManualClock clock) {
    this(dir, server, clock, false);
  }

  AgentHarness(Path dir, BlotreServer server, ManualClock clock, boolean ageing) {
    this.ageing = ageing;
    this.clock = clock;
    this.server = server;
    this.creds = dir.resolve("creds.json");
    this.statusFile = dir.resolve("run/status.json");
    server
        .store()
        .addListener(
            event -> {
              if (event instanceof StoreEvent.StatusUpdated) {
                pushes.incrementAndGet();
              }
            });
    AgentConfig defaults = AgentConfig.defaults().withServerUrl(server.baseUrl());
    // Every reading is pushed, so each tick the test asks for reaches the server.
    AgentConfig config =
        new AgentConfig(
            defaults.serverUrl(),
            defaults.parentStream(),
            defaults.interval(),
            1,
            defaults.sampling(),
            defaults.sensors());
    AuthorizationChannel channel = new AuthorizationChannel();
    DisposableApp app =
        DisposableApp.builder("blotre-agent", "test")
            .baseUrl(server.baseUrl())
            .credentialsFile(creds)
            .userChannel(channel)
            .clock(clock)
            .pollWaiter(
                (delay, wakeUp) -> {
                  if (this.ageing) {
                    polls.add(delay);
                    clock.advance(delay);
                  } else {
                    // The wall clock stands still: the code stays valid until the test redeems it.
                    wakeUp.await(Duration.ofMillis(5));
                  }
                })
            .build();
    Publisher publisher =
        Publisher.builder(
                config,
                new DisposableAuthorizer(app, channel, clock, ServerProbe.of(server.baseUrl())))
            .backoff(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), () -> 0))
            .ticker(nanos::get)
            .clock(clock)
            .waiter(
                (latch, waitNanos) -> {
                  if (waitNanos == Long.MAX_VALUE) {
                    latch.await();
                    return true;
                  }
                  nanos.addAndGet(waitNanos);
                  return false;
                })
            .start();
    SensorHardware hardware = Pi4jHardware.mock(new SimulatedPlant(() -> 0.5));
    daemon =
        new Daemon(
            hardware,
            Meters.open(config, hardware, duration -> {}, clock),
            publisher,
            new FixedRateScheduler(
                Duration.ofMinutes(5),
                nanos::get,
                (latch, waitNanos) -> {
                  // Until the test asks for a reading, or the daemon is stopped.
                  while (!ticks.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    if (latch.getCount() == 0) {
                      return true;
                    }
                  }
                  return latch.getCount() == 0;
                }),
            new HealthFile(statusFile),
            RecordingNotify.into(notified),
            nanos::get,
            AgentInstance.current(
                clock.instant(),
                dir.resolve("agent.conf").toString(),
                server.baseUrl(),
                config.interval()),
            clock,
            Daemon.PUSH_STOP_GRACE);
    thread =
        new Thread(
            () -> {
              try {
                daemon.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "agent-under-test");
    thread.start();
  }

  /** Takes the next reading. */
  void tick() {
    ticks.release();
  }

  /** The status file's content, or "" before the first write. */
  String status() {
    try {
      return Files.exists(statusFile) ? Files.readString(statusFile) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The last STATUS= systemd got. */
  String lastStatus() {
    for (int i = notified.size() - 1; i >= 0; i--) {
      if (notified.get(i).startsWith("STATUS=")) {
        return notified.get(i);
      }
    }
    return "";
  }

  /** The access token in the credentials file, or null. */
  String savedToken() {
    return CredentialStore.at(creds)
        .load()
        .flatMap(file -> file.creds())
        .map(saved -> saved.accessToken())
        .orElse(null);
  }

  /** Takes a reading and waits until it reached the server. */
  void tickAndAwaitPush() {
    int before = pushes.get();
    tick();
    Await.until("push number " + (before + 1), () -> pushes.get() > before);
  }

  @Override
  public void close() throws InterruptedException {
    daemon.stop(Duration.ofSeconds(10));
    ticks.release(10);
    thread.join(10_000);
  }
}
