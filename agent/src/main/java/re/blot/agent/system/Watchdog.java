package re.blot.agent.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Feeds systemd's watchdog ({@code WATCHDOG=1}) at half the interval it asked for, but only while
 * the reading loop is alive, so that a hung loop gets the service restarted. A light timer: one
 * thread that wakes twice per watchdog interval, and none at all without a watchdog.
 */
public final class Watchdog implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private Watchdog(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts pinging when {@code notify} has a watchdog interval.
   *
   * @param alive whether the reading loop is alive; asked before each ping
   */
  public static Watchdog start(SdNotify notify, BooleanSupplier alive) {
    if (notify.watchdogInterval().isEmpty()) {
      return new Watchdog(null);
    }
    Duration every = notify.watchdogInterval().get().dividedBy(2);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "blotre-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        () -> {
          if (alive.getAsBoolean()) {
            notify.watchdog();
          }
        },
        0,
        every.toNanos(),
        TimeUnit.NANOSECONDS);
    return new Watchdog(timer);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
