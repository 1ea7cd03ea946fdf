package re.blot.agent.config;

/**
 * When a plant counts as thirsty: below {@code below} percent, until it is above {@code below} plus
 * {@link #HYSTERESIS} again, so that a reading wavering around the threshold does not toggle it.
 *
 * @param below the {@code thirsty-below} percent, 1-99
 * @param tag the tag the sensor's stream carries while the plant is thirsty
 */
public record ThirstRule(int below, String tag) {
  /** Percentage points above {@link #below} at which a thirsty plant counts as watered. */
  public static final int HYSTERESIS = 5;

  /** The tag's name unless {@code thirsty-tag} gives another. */
  public static final String DEFAULT_TAG = "thirsty";

  /** The percent at which a thirsty plant counts as watered again. */
  public int wateredAbove() {
    return below + HYSTERESIS;
  }
}
