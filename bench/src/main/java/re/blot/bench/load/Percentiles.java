package re.blot.bench.load;

import java.util.Arrays;

/** Latencies in nanoseconds, reduced to the percentiles the report shows. */
record Percentiles(int count, double p50Millis, double p99Millis, double maxMillis) {

  static Percentiles of(long[] nanos, int count) {
    if (count == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Percentiles(
        count, millis(sorted, 0.50), millis(sorted, 0.99), sorted[count - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
  }
}
