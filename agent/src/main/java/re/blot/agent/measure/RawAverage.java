package re.blot.agent.measure;

import java.io.IOException;
import java.time.Duration;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.sensor.Sensor;

/** The mean of a sensor's readings over a few seconds, for calibration points. */
public final class RawAverage {
  /** Time between the readings that are averaged. */
  public static final Duration SPACING = Duration.ofMillis(500);

  private RawAverage() {}

  /** Reads {@code sensor} every {@link #SPACING} for {@code duration} (at least once). */
  public static int over(Sensor sensor, Duration duration, Sleeper sleeper)
      throws IOException, InterruptedException {
    long count = Math.max(1, duration.toMillis() / SPACING.toMillis());
    long sum = 0;
    for (long i = 0; i < count; i++) {
      if (i > 0) {
        sleeper.sleep(SPACING);
      }
      sum += sensor.read();
    }
    return Math.round((float) sum / count);
  }
}
