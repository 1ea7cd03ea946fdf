package re.blot.agent.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.measure.Reading;
import re.blot.agent.publish.Publisher;
import re.blot.agent.publish.PushResult;
import re.blot.agent.schedule.FixedRateScheduler;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.system.HealthFile;
import re.blot.agent.system.HealthStatus;
import re.blot.agent.system.HealthStatus.AuthorizationNeeded;
import re.blot.agent.system.SdNotify;
import re.blot.agent.system.Watchdog;

/**
 * The agent's reading loop: at every tick of the schedule, reads each sensor, hands the reading to
 * the {@link Publisher}, logs one INFO line per reading, writes the status file and tells systemd.
 * {@link #stop} winds it down within {@link #STOP_GRACE} and shuts the hardware down (a power pin
 * goes low).
 */
public final class Daemon {
  /** How long a push under way may take to finish after a stop request. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * How long of {@link #STOP_GRACE} a push under way gets: the rest is for the hardware shut-down
   * and the JVM's exit, so that SIGTERM ends the process within 5 s (it took 5.34 s with all 5 s
   * given to the push).
   */
  static final Duration PUSH_STOP_GRACE = Duration.ofMillis(4_000);

  /** How long the log lines of a tick's readings wait for the outcome of their pushes. */
  static final Duration PUSH_WAIT = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final long IDLE = Long.MIN_VALUE;

  private final SensorHardware hardware;
  private final List<MoistureMeter> meters;
  private final Publisher publisher;
  private final FixedRateScheduler scheduler;
  private final HealthFile healthFile;
  private final SdNotify notify;
  private final Ticker ticker;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile long tickStarted = IDLE;
  private HealthStatus status = HealthStatus.initial();

  /**
   * @param hardware closed when the daemon ends
   * @param meters read at every tick, in order
   * @param publisher closed when the daemon ends
   */
  public Daemon(
      SensorHardware hardware,
      List<MoistureMeter> meters,
      Publisher publisher,
      FixedRateScheduler scheduler,
      HealthFile healthFile,
      SdNotify notify,
      Ticker ticker) {
    this.hardware = hardware;
    this.meters = List.copyOf(meters);
    this.publisher = publisher;
    this.scheduler = scheduler;
    this.healthFile = healthFile;
    this.notify = notify;
    this.ticker = ticker;
    // A code shown between two readings reaches the status file and STATUS= at once.
    publisher.onPendingCodeChange(this::writeStatus);
  }

  /**
   * Reads at every tick until {@link #stop}, then closes the publisher and the hardware. Tells
   * systemd it is ready before the first reading: from here on it never waits for the network.
   */
  public void run() throws InterruptedException {
    started.countDown();
    notify.ready("started; reading " + meters.size() + " sensor(s) now");
    try (Watchdog watchdog = Watchdog.start(notify, this::isAlive)) {
      scheduler.run(this::tick);
    } finally {
      try {
        publisher.close(PUSH_STOP_GRACE);
        hardware.close();
      } finally {
        finished.countDown();
      }
    }
  }

  /**
   * Asks a running daemon to stop: the current reading finishes, a push under way gets {@link
   * #STOP_GRACE}, then {@link #run} returns.
   *
   * @param timeout how long to wait for {@link #run} to return
   * @return true when the daemon was running and has stopped; false when it had already ended or
   *     never started
   */
  public boolean stop(Duration timeout) {
    if (started.getCount() > 0 || finished.getCount() == 0) {
      return false;
    }
    log.info(
        "Stopping: finishing the reading and push under way (at most {} s)",
        STOP_GRACE.toSeconds());
    notify.stopping();
    scheduler.cancel();
    publisher.close(PUSH_STOP_GRACE);
    try {
      return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Alive: between readings, or in a reading that has taken less than a watchdog period. */
  private boolean isAlive() {
    long since = tickStarted;
    return finished.getCount() > 0
        && !scheduler.isCancelled()
        && (since == IDLE
            || ticker.read() - since < notify.watchdogInterval().orElse(Duration.ZERO).toNanos());
  }

  private void tick() {
    tickStarted = ticker.read();
    try {
      // All readings are handed over first, so the wait for their pushes is one wait, however
      // many sensors there are.
      Map<Reading, CompletableFuture<PushResult>> pushes = new LinkedHashMap<>();
      for (MoistureMeter meter : meters) {
        try {
          Reading reading = meter.read();
          pushes.put(reading, publisher.publish(reading));
        } catch (IOException e) {
          log.warn("{}: cannot read the sensor: {}", meter.config().name(), e.getMessage());
        }
      }
      long deadline = ticker.read() + PUSH_WAIT.toNanos();
      for (Map.Entry<Reading, CompletableFuture<PushResult>> push : pushes.entrySet()) {
        Reading reading = push.getKey();
        PushResult result = outcome(push.getValue(), deadline - ticker.read());
        synchronized (this) {
          status = status.withReading(reading);
          status =
              publisher
                  .outage()
                  .map(o -> status.withOutage(o.since(), o.reason()))
                  .orElseGet(() -> publisher.lastPush().map(status::withPush).orElse(status));
        }
        log.info(
            "{}{}; {}",
            reading.summary(),
            reading.fault().isPresent() ? " (wiring fault?)" : "",
            result);
      }
      writeStatus();
    } catch (InterruptedException e) {
      // The stop request interrupted a reading; the scheduler sees the flag and ends.
      Thread.currentThread().interrupt();
    } finally {
      tickStarted = IDLE;
    }
  }

  /** Writes the status file and tells systemd, with the code a person must enter, if any. */
  private synchronized void writeStatus() {
    status =
        status.withAuthorization(
            publisher
                .pendingCode()
                .map(p -> new AuthorizationNeeded(p.redeemUrl(), p.code(), p.expiresAt())));
    healthFile.write(status);
    notify.status(status.summary());
  }

  private static PushResult outcome(CompletableFuture<PushResult> push, long waitNanos)
      throws InterruptedException {
    try {
      return push.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return PushResult.STILL_TRYING;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the publisher never fails a push future", e);
    }
  }
}
