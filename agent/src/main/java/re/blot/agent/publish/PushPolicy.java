package re.blot.agent.publish;

import java.util.HashMap;
import java.util.Map;
import re.blot.agent.color.Rgb;
import re.blot.agent.measure.Reading;

/**
 * Which readings go to the server: a color (or thirst) the stream does not show yet, and otherwise
 * one reading in every {@code heartbeatEvery} as a sign of life. A push that failed does not count,
 * so its color is tried again with the next reading. One instance per daemon, not thread-safe.
 */
public final class PushPolicy {
  private final int heartbeatEvery;
  private final Map<String, Rgb> pushedColor = new HashMap<>();
  private final Map<String, Reading.Thirst> pushedThirst = new HashMap<>();
  private final Map<String, Integer> readingsSincePush = new HashMap<>();

  /**
   * @param heartbeatEvery 1 pushes every reading, as Plant're does
   */
  public PushPolicy(int heartbeatEvery) {
    if (heartbeatEvery < 1) {
      throw new IllegalArgumentException("heartbeatEvery must be at least 1: " + heartbeatEvery);
    }
    this.heartbeatEvery = heartbeatEvery;
  }

  /** Counts {@code reading} and says whether to push it. */
  public boolean shouldPush(Reading reading) {
    int since = readingsSincePush.merge(reading.stream(), 1, Integer::sum);
    return !reading.color().equals(pushedColor.get(reading.stream()))
        || reading.thirst() != pushedThirst.get(reading.stream())
        || since >= heartbeatEvery;
  }

  /** Records that {@code reading}'s color reached the server. */
  public void pushed(Reading reading) {
    pushedColor.put(reading.stream(), reading.color());
    pushedThirst.put(reading.stream(), reading.thirst());
    readingsSincePush.put(reading.stream(), 0);
  }
}
