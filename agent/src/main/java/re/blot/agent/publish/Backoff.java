package re.blot.agent.publish;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next try of a failed push: doubling from {@code initial} up to {@code
 * max}, each delay shortened by a random part of up to half, so that agents that lost the network
 * together do not all come back in the same second.
 */
public final class Backoff {
  /** 2 s, 4 s, 8 s ... up to 2 minutes: quick after a blip, gentle on a server that is down. */
  public static final Backoff DEFAULT =
      new Backoff(
          Duration.ofSeconds(2),
          Duration.ofMinutes(2),
          () -> ThreadLocalRandom.current().nextDouble());

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * @param random numbers in [0, 1) for the jitter; tests pass fixed ones
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
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
}
