package re.blot.agent.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.measure.Reading;
import re.blot.agent.publish.OutageLog;
import re.blot.agent.publish.Publisher;
import re.blot.agent.schedule.FixedRateScheduler;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.system.AgentInstance;
import re.blot.agent.system.HealthFile;
import re.blot.agent.system.HealthStatus;
import re.blot.agent.system.HealthStatus.AuthorizationNeeded;
import re.blot.agent.system.SdNotify;
import re.blot.agent.system.Watchdog;

/**
 * The agent's reading loop: at every tick of the schedule, reads each sensor, hands the reading to
 * the {@link Publisher}, logs one INFO line per reading, writes the status file and tells systemd.
 * It never waits for the network: the publisher logs what becomes of the pushes, and the status
 * file is written again whenever that changes. {@link #stop} winds it down within {@link
 * #STOP_GRACE} and shuts the hardware down (a power pin goes low).
 */
public final class Daemon {
  /** How long after a stop request the process ends, at most: the promise to systemd. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * How long of {@link #STOP_GRACE} a push under way gets: the rest is for the hardware shut-down
   * and the JVM's exit, so that SIGTERM ends the process within 5 s (it took 5.34 s with all 5 s
   * given to the push).
   */
  public static final Duration PUSH_STOP_GRACE = Duration.ofMillis(4_000);

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final long IDLE = Long.MIN_VALUE;

  private final SensorHardware hardware;
  private final List<MoistureMeter> meters;
  private final Publisher publisher;
  private final FixedRateScheduler scheduler;
  private final HealthFile healthFile;
  private final SdNotify notify;
  private final Ticker ticker;
  private final Clock clock;
  private final Duration pushGrace;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile long tickStarted = IDLE;
  private HealthStatus status;

  /**
   * @param hardware closed when the daemon ends
   * @param meters read at every tick, in order
   * @param publisher closed when the daemon ends
   * @param instance this agent, as the status file names it
   * @param clock the wall clock for the status file's times
   * @param pushGrace how long a push under way may go on after a stop request: {@link
   *     #PUSH_STOP_GRACE}, shorter in tests
   */
  public Daemon(
      SensorHardware hardware,
      List<MoistureMeter> meters,
      Publisher publisher,
      FixedRateScheduler scheduler,
      HealthFile healthFile,
      SdNotify notify,
      Ticker ticker,
      AgentInstance instance,
      Clock clock,
      Duration pushGrace) {
    this.hardware = hardware;
    this.meters = List.copyOf(meters);
    this.publisher = publisher;
    this.scheduler = scheduler;
    this.healthFile = healthFile;
    this.notify = notify;
    this.ticker = ticker;
    this.clock = clock;
    this.pushGrace = pushGrace;
    this.status = HealthStatus.initial(instance);
    // A push, an outage or a code shown between two readings reaches the status file and STATUS=
    // at once.
    publisher.onChange(this::writeStatus);
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
        publisher.close(pushGrace);
        hardware.close();
      } finally {
        finished.countDown();
      }
    }
  }

  /**
   * Asks a running daemon to stop: the current reading finishes, a push under way gets the push
   * grace, then {@link #run} returns.
   *
   * @param timeout how long to wait for {@link #run} to return beyond the push grace
   * @return true when the daemon was running and has stopped; false when it had already ended or
   *     never started, or did not stop in time
   */
  public boolean stop(Duration timeout) {
    if (started.getCount() > 0 || finished.getCount() == 0) {
      return false;
    }
    long deadline = System.nanoTime() + pushGrace.plus(timeout).toNanos();
    log.info(
        "Stopping: finishing the reading and push under way (at most {} s)",
        STOP_GRACE.toSeconds());
    notify.stopping();
    scheduler.cancel();
    // Whichever of this and run() closes the publisher first waits for the push; the other returns
    // at once, so the push grace counts from here either way.
    publisher.close(pushGrace);
    try {
      return finished.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
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
      for (MoistureMeter meter : meters) {
        try {
          Reading reading = meter.read();
          publisher.publish(reading);
          log.info(
              "{}{}", reading.summary(), reading.fault().isPresent() ? " (wiring fault?)" : "");
          synchronized (this) {
            status = status.withReading(reading);
          }
        } catch (IOException e) {
          log.warn("{}: cannot read the sensor: {}", meter.config().name(), e.getMessage());
        }
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
    Optional<OutageLog.Outage> outage = publisher.outage();
    status =
        status
            .withPushes(
                publisher.lastPush(),
                outage.map(OutageLog.Outage::since),
                outage.map(OutageLog.Outage::reason))
            .withAuthorization(
                publisher
                    .pendingCode()
                    .map(p -> new AuthorizationNeeded(p.redeemUrl(), p.code(), p.expiresAt())));
    healthFile.write(status.document(clock.instant()));
    notify.status(status.summary());
  }
}
