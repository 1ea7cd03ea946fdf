package re.blot.agent.measure;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.config.ThirstRule;

/**
 * Whether one sensor's plant is thirsty, by its {@link ThirstRule}: logs one WARN when it becomes
 * thirsty and one INFO when it has been watered. Used by one thread.
 */
final class ThirstWatch {
  private static final Logger log = LoggerFactory.getLogger(ThirstWatch.class);

  private final String sensor;
  private final Optional<ThirstRule> rule;
  private Reading.Thirst state = Reading.Thirst.UNWATCHED;

  ThirstWatch(String sensor, Optional<ThirstRule> rule) {
    this.sensor = sensor;
    this.rule = rule;
  }

  /** The plant's thirst at {@code percent}. */
  Reading.Thirst update(double percent) {
    if (rule.isEmpty()) {
      return Reading.Thirst.UNWATCHED;
    }
    long rounded = Math.round(percent);
    if (state != Reading.Thirst.THIRSTY && percent < rule.get().below()) {
      log.warn(
          "{} is thirsty: {} % (below {} %); its stream is tagged '{}' until it is watered",
          sensor, rounded, rule.get().below(), rule.get().tag());
      state = Reading.Thirst.THIRSTY;
    } else if (state == Reading.Thirst.THIRSTY && percent >= rule.get().wateredAbove()) {
      log.info("{} was watered: {} %", sensor, rounded);
      state = Reading.Thirst.FINE;
    } else if (state == Reading.Thirst.UNWATCHED) {
      state = Reading.Thirst.FINE;
    }
    return state;
  }
}
