package re.blot.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next try after failures in a row: doubling from {@code initial} up to
 * {@code max}, each delay shortened by a random part of up to half, so that clients that lost the
 * same server together do not all come back in the same second. The one backoff of the project: the
 * socket's reconnects and the agent's pushes both use it. Immutable.
 */
public final class Backoff {
  /** 2 s, 4 s, 8 s ... up to 2 minutes: quick after a blip, gentle on a server that is down. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2));

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * Creates a backoff with random jitter.
   *
   * @param initial the first delay (positive)
   * @param max the longest delay (at least {@code initial})
   * @throws IllegalArgumentException if {@code initial} is not positive or {@code max} is smaller
   */
  public Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates a backoff with the given jitter source.
   *
   * @param initial the first delay (positive)
   * @param max the longest delay (at least {@code initial})
   * @param random numbers in {@code [0, 1)} for the jitter; tests pass fixed ones
   * @throws IllegalArgumentException if {@code initial} is not positive or {@code max} is smaller
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
  }

  /**
   * Returns the wait after the {@code failures}-th failure in a row.
   *
   * @param failures failures in a row, 1 for the first
   * @return between half and all of {@code min(max, initial * 2^(failures-1))}
   * @throws IllegalArgumentException if {@code failures} is less than 1
   */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1: " + failures);
    }
    long ceiling = initial.toNanos();
    for (int i = 1; i < failures && ceiling < max.toNanos(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toNanos());
    return Duration.ofNanos(ceiling - (long) (ceiling / 2 * random.getAsDouble()));
  }

  /**
   * Describes the backoff.
   *
   * @return the initial and longest delays
   */
  @Override
  public String toString() {
    return "Backoff[initial=" + initial + ", max=" + max + "]";
  }
}
