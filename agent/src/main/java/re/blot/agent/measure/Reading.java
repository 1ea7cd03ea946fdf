package re.blot.agent.measure;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import re.blot.agent.color.Rgb;

/**
 * One reading of one sensor, ready to publish.
 *
 * @param sensor the sensor's name
 * @param stream the name of the stream it sets
 * @param raw the median raw ADC value
 * @param percent moisture, 0-100
 * @param color the color for {@code percent}
 * @param fault a probable wiring fault, when the channel has been stuck at a rail
 * @param thirst whether the plant is thirsty, when the sensor has a {@code thirsty-below}
 */
public record Reading(
    String sensor,
    String stream,
    int raw,
    double percent,
    Rgb color,
    Instant at,
    Optional<String> fault,
    Thirst thirst) {

  /** A reading of a sensor without {@code thirsty-below}. */
  public Reading(
      String sensor,
      String stream,
      int raw,
      double percent,
      Rgb color,
      Instant at,
      Optional<String> fault) {
    this(sensor, stream, raw, percent, color, at, fault, Thirst.UNWATCHED);
  }

  /** Whether the plant needs water, by the sensor's {@code thirsty-below}. */
  public enum Thirst {
    /** The sensor has no {@code thirsty-below}: its stream's tags are left alone. */
    UNWATCHED,
    THIRSTY,
    FINE
  }

  /** {@code percent} rounded to a whole number, as logs and status show it. */
  public long roundedPercent() {
    return Math.round(percent);
  }

  /** "Plant: raw 612, 50%, #4a6200", the core of the log line for a reading. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: raw %d, %d%%, %s", sensor, raw, roundedPercent(), color);
  }
}
