package re.blot.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.store.Store;

/**
 * Drops status history older than the retention, once at start and then every hour, on a thread of
 * its own and an hour of history at a time, so requests never wait long behind it.
 */
final class HistoryPruner implements AutoCloseable {
  static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  private static final Logger log = LoggerFactory.getLogger(HistoryPruner.class);
  private static final long SLICE_MILLIS = Duration.ofHours(1).toMillis();

  private final Store store;
  private final Clock clock;
  private final Duration retention;
  private final ScheduledExecutorService timer;

  HistoryPruner(Store store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "blotre-history-pruner");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::pruneNow, 1, 3600, TimeUnit.SECONDS);
  }

  /** Deletes what is older than the retention now; returns how many statuses went. */
  int pruneNow() {
    try {
      int pruned = store.pruneHistory(clock.millis() - retention.toMillis(), SLICE_MILLIS);
      if (pruned > 0) {
        log.info(
            "Dropped {} statuses older than {} days from the history", pruned, retention.toDays());
      }
      return pruned;
    } catch (RuntimeException e) {
      log.warn("Could not prune the status history; will try again in an hour: {}", e.getMessage());
      return 0;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
