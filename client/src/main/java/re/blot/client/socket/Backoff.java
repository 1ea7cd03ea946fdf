package re.blot.client.socket;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each reconnect attempt: exponential with "equal jitter". Attempt {@code
 * n} (from 0) waits a random time between half and all of {@code min(max, initial * 2^n)}, so
 * clients that lost the same server do not all come back at once. Immutable.
 */
public final class Backoff {
  /** 0.5 s, doubling up to 60 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

  private final Duration initial;
  private final Duration max;

  /**
   * Creates a backoff.
   *
   * @param initial the ceiling of the first wait (positive)
   * @param max the largest ceiling (at least {@code initial})
   * @throws IllegalArgumentException if {@code initial} is not positive or {@code max} is smaller
   */
  public Backoff(Duration initial, Duration max) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "Backoff needs 0 < initial <= max, was initial=" + initial + ", max=" + max);
    }
  }

  /**
   * Returns the wait before an attempt.
   *
   * @param attempt the number of attempts that failed in a row before this one (0 for the first
   *     retry)
   * @param random a random number in {@code [0, 1)}
   * @return the wait, between half and all of the attempt's ceiling
   */
  public Duration delay(int attempt, double random) {
    long ceiling = initial.toMillis();
    for (int i = 0; i < attempt && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
  }

  /**
   * Describes the backoff.
   *
   * @return the initial and largest ceilings
   */
  @Override
  public String toString() {
    return "Backoff[initial=" + initial + ", max=" + max + "]";
  }
}
