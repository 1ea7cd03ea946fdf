package re.blot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;

/**
 * A moisture percent to the {@code #rrggbb} text that is pushed, through the default OKLab scale;
 * and its two halves (interpolation to {@link Rgb}, formatting). The percents cycle through 128
 * values between the stops, so no call takes the exact-stop shortcut and none is constant-folded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ColorBenchmark {
  private static final int PERCENTS = 128;

  private final ColorScale scale = ColorScale.defaultScale();
  private final double[] percents = new double[PERCENTS];
  private final Rgb[] colors = new Rgb[PERCENTS];
  private int next;

  public ColorBenchmark() {
    for (int i = 0; i < PERCENTS; i++) {
      percents[i] = 0.5 + 99.0 * i / PERCENTS;
      colors[i] = scale.color(percents[i]);
    }
  }

  private int next() {
    next = (next + 1) & (PERCENTS - 1);
    return next;
  }

  @Benchmark
  public String percentToHex() {
    return scale.color(percents[next()]).hex();
  }

  @Benchmark
  public Rgb percentToRgb() {
    return scale.color(percents[next()]);
  }

  @Benchmark
  public String rgbToHex() {
    return colors[next()].hex();
  }
}
