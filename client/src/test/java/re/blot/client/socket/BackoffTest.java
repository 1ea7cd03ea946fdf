package re.blot.client.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void waitsDoubleUpToTheMaximumWithHalfOfEachWaitRandom() {
    assertThat(backoff.delay(0, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.delay(0, 0.999999)).isEqualTo(Duration.ofMillis(99));
    assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(150));
    assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(4, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(4, 0.999999)).isEqualTo(Duration.ofMillis(999));
    assertThat(backoff.delay(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsAMaximumBelowTheFirstWait() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial <= max");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
