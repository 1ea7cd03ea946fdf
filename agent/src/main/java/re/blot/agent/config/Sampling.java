package re.blot.agent.config;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How each reading is taken.
 *
 * @param samples conversions per reading; the reading is their median (the first conversion after
 *     power-up is taken as well but discarded)
 * @param powerPin the BCM GPIO number that powers the probes only while they are read, if any
 * @param settle how long to wait after switching the power on before the first conversion
 */
public record Sampling(int samples, OptionalInt powerPin, Duration settle) {
  public static final int DEFAULT_SAMPLES = 9;
  public static final Duration DEFAULT_SETTLE = Duration.ofMillis(100);

  public static Sampling defaults() {
    return new Sampling(DEFAULT_SAMPLES, OptionalInt.empty(), DEFAULT_SETTLE);
  }
}
