package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFromTheInitialDelayUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0);

    assertThat(IntStream.rangeClosed(1, 7).mapToObj(backoff::delay))
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterShortensADelayByUpToHalf() {
    assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.5).delay(3))
        .isEqualTo(Duration.ofSeconds(6));
    assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.999_999).delay(3))
        .isGreaterThan(Duration.ofSeconds(4))
        .isLessThan(Duration.ofMillis(4001));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.DEFAULT.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
