package re.blot.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The schedule on a fake monotonic clock: waiting advances it, nothing really sleeps. */
class FixedRateSchedulerTest {
  private static final long SECOND = 1_000_000_000L;

  private long now = 7 * SECOND;
  private final List<Long> waits = new ArrayList<>();
  private final FixedRateScheduler.Waiter fakeWaiter =
      (latch, nanos) -> {
        waits.add(nanos);
        now += nanos;
        return latch.getCount() == 0;
      };
  private final FixedRateScheduler scheduler =
      new FixedRateScheduler(Duration.ofSeconds(10), () -> now, fakeWaiter);
  private final List<Long> runs = new ArrayList<>();

  @Test
  void tasksThatTakeTimeDoNotMakeTheScheduleDrift() throws Exception {
    scheduler.run(task(3, 2 * SECOND));

    assertThat(runs).containsExactly(0L, 10L, 20L);
    assertThat(waits).containsExactly(8 * SECOND, 8 * SECOND);
  }

  @Test
  void missedTicksAreSkippedNotRunInABurst() throws Exception {
    List<Long> durations = new ArrayList<>(List.of(35 * SECOND, SECOND, SECOND));
    scheduler.run(
        () -> {
          runs.add((now - 7 * SECOND) / SECOND);
          now += durations.remove(0);
          if (durations.isEmpty()) {
            scheduler.cancel();
          }
        });

    // The first reading overran to 35 s: ticks 10, 20 and 30 are gone, the next is at 40.
    assertThat(runs).containsExactly(0L, 40L, 50L);
  }

  @Test
  void aFailingTaskDoesNotEndTheSchedule() throws Exception {
    int[] calls = {0};
    scheduler.run(
        () -> {
          if (++calls[0] == 3) {
            scheduler.cancel();
          }
          throw new IllegalStateException("sensor unplugged");
        });

    assertThat(calls[0]).isEqualTo(3);
  }

  @Test
  void cancelWakesAWaitingScheduleAtOnce() throws Exception {
    FixedRateScheduler real = new FixedRateScheduler(Duration.ofDays(1));
    CountDownLatch ran = new CountDownLatch(1);
    Thread thread =
        new Thread(
            () -> {
              try {
                real.run(ran::countDown);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    thread.start();
    ran.await();

    real.cancel();
    thread.join();

    assertThat(real.isCancelled()).isTrue();
    assertThat(thread.isAlive()).isFalse();
  }

  /** A task that records when it ran (seconds from the start) and takes {@code nanos}. */
  private Runnable task(int times, long nanos) {
    return () -> {
      runs.add((now - 7 * SECOND) / SECOND);
      now += nanos;
      if (runs.size() == times) {
        scheduler.cancel();
      }
    };
  }
}
