package re.blot.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import re.blot.agent.color.Rgb;
import re.blot.agent.measure.Reading;

class PushPolicyTest {
  @Test
  void everyReadingIsPushedByDefault() {
    assertThat(pushes(new PushPolicy(1), "#111111", "#111111", "#111111"))
        .containsExactly(true, true, true);
  }

  @Test
  void anUnchangedColorWaitsForTheHeartbeat() {
    assertThat(
            pushes(
                new PushPolicy(3),
                "#111111",
                "#111111",
                "#111111",
                "#111111",
                "#222222",
                "#222222",
                "#222222",
                "#222222"))
        .containsExactly(true, false, false, true, true, false, false, true);
  }

  @Test
  void aFailedPushIsTriedAgainWithTheNextReading() {
    PushPolicy policy = new PushPolicy(10);
    Reading first = reading("Plant", "#111111");

    assertThat(policy.shouldPush(first)).isTrue();
    // not pushed: the server was down
    assertThat(policy.shouldPush(reading("Plant", "#111111"))).isTrue();
  }

  @Test
  void streamsAreCountedSeparately() {
    PushPolicy policy = new PushPolicy(2);
    policy.pushed(reading("Plant", "#111111"));
    policy.pushed(reading("Fern", "#111111"));

    assertThat(policy.shouldPush(reading("Plant", "#111111"))).isFalse();
    assertThat(policy.shouldPush(reading("Fern", "#333333"))).isTrue();
  }

  /** Feeds readings of one stream, each pushed successfully when the policy says so. */
  private static List<Boolean> pushes(PushPolicy policy, String... colors) {
    List<Boolean> decisions = new ArrayList<>();
    for (String color : colors) {
      Reading reading = reading("Plant", color);
      boolean push = policy.shouldPush(reading);
      if (push) {
        policy.pushed(reading);
      }
      decisions.add(push);
    }
    return decisions;
  }

  private static Reading reading(String stream, String color) {
    return new Reading(stream, stream, 500, 50, Rgb.parse(color), Instant.EPOCH, Optional.empty());
  }
}
