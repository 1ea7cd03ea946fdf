package re.blot.agent.schedule;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task at a fixed rate on the monotonic clock, on the thread that calls {@link #run}.
 *
 * <p>Tick k is due at {@code start + k * period}, so the time a task takes does not make the
 * schedule drift. Ticks missed because a task overran or the machine was suspended are skipped,
 * never run in a burst. Between ticks the thread is blocked on a latch: no CPU, no polling, and
 * {@link #cancel()} wakes it at once.
 */
public final class FixedRateScheduler {
  private static final Logger log = LoggerFactory.getLogger(FixedRateScheduler.class);

  /** Blocks until {@code latch} opens or {@code nanos} pass; returns whether the latch opened. */
  @FunctionalInterface
  public interface Waiter {
    Waiter SYSTEM = (latch, nanos) -> latch.await(nanos, TimeUnit.NANOSECONDS);

    boolean await(CountDownLatch latch, long nanos) throws InterruptedException;
  }

  private final long periodNanos;
  private final Ticker ticker;
  private final Waiter waiter;
  private final CountDownLatch cancelled = new CountDownLatch(1);

  /** A scheduler on {@link System#nanoTime()}. */
  public FixedRateScheduler(Duration period) {
    this(period, Ticker.SYSTEM, Waiter.SYSTEM);
  }

  public FixedRateScheduler(Duration period, Ticker ticker, Waiter waiter) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    this.periodNanos = period.toNanos();
    this.ticker = ticker;
    this.waiter = waiter;
  }

  /**
   * Runs {@code task} now and then once per period until {@link #cancel()}. An exception from the
   * task is logged and the schedule goes on: one bad reading must not end the daemon.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void run(Runnable task) throws InterruptedException {
    long start = ticker.read();
    long tick = 0;
    while (!isCancelled()) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("Reading failed; trying again at the next interval", e);
      }
      if (isCancelled()) {
        return;
      }
      long elapsed = ticker.read() - start;
      long next = Math.max(tick + 1, Math.floorDiv(elapsed, periodNanos) + 1);
      if (next > tick + 1) {
        log.info(
            "Skipped {} reading(s) that fell due while the last one ran or the machine slept",
            next - tick - 1);
      }
      tick = next;
      long wait = start + tick * periodNanos - ticker.read();
      if (wait > 0 && waiter.await(cancelled, wait)) {
        return;
      }
    }
  }

  /** Stops the schedule; a waiting {@link #run} returns at once, a running task finishes first. */
  public void cancel() {
    cancelled.countDown();
  }

  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }
}
