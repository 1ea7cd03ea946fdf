package re.blot.agent.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failing pushes as outages: one WARN when pushes start failing and one INFO when one works
 * again, with how long it took, so that a night without network is two lines, not hundreds.
 * Thread-safe.
 */
public final class OutageLog {
  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);

  /** An outage under way: since when, and what the last failed push ran into. */
  public record Outage(Instant since, String reason) {}

  private final String server;
  private Outage current;
  private int failures;

  /**
   * @param server the server's base url, for the messages
   */
  public OutageLog(String server) {
    this.server = server;
  }

  /** A push failed at {@code at}; logs a WARN if this starts an outage. */
  public synchronized void failed(Instant at, String reason) {
    failures++;
    if (current == null) {
      log.warn(
          "Cannot push to {}: {}. Keeping the latest reading of each sensor and retrying with"
              + " backoff; the next line about this comes when a push works again.",
          server,
          reason);
      current = new Outage(at, reason);
    } else {
      current = new Outage(current.since(), reason);
    }
  }

  /** A push worked at {@code at}; logs an INFO if this ends an outage. */
  public synchronized void succeeded(Instant at) {
    if (current != null) {
      log.info(
          "Pushing to {} works again after {} ({} failed {}); the last error was: {}",
          server,
          describe(Duration.between(current.since(), at)),
          failures,
          failures == 1 ? "try" : "tries",
          current.reason());
      current = null;
    }
    failures = 0;
  }

  /** The outage under way, if pushes are failing. */
  public synchronized Optional<Outage> current() {
    return Optional.ofNullable(current);
  }

  /** "45 s", "3 min 12 s", "2 h 5 min": how long an outage lasted, for the log. */
  static String describe(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }
}
