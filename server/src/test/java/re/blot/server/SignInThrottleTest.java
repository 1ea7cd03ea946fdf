package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import re.blot.server.accounts.Passwords;
import re.blot.server.accounts.SignInThrottle;

/** The throttle's windows and limits, and what the password hashes look like. */
class SignInThrottleTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void anAccountWaitsAfterFiveFailuresUntilTheWindowEnds() {
    for (int i = 1; i <= 4; i++) {
      assertThat(throttle.failed("Demo", "a" + i)).isFalse();
    }
    assertThat(throttle.waitFor("demo", "b")).isEmpty();
    assertThat(throttle.failed("demo ", "a5")).as("the fifth is logged once").isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(throttle.waitFor("DEMO", "b")).contains(Duration.ofMinutes(10));
    assertThat(throttle.waitFor("other", "b")).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.waitFor("demo", "b")).isEmpty();
    assertThat(throttle.failed("demo", "a6")).as("a new window").isFalse();
  }

  @Test
  void aSuccessForgetsTheAccountsFailuresButNotTheAddresses() {
    for (int i = 0; i < 19; i++) {
      throttle.failed("user" + (i % 4), "10.0.0.1");
    }
    throttle.succeeded("user1");
    assertThat(throttle.waitFor("user1", "10.0.0.2")).isEmpty();
    assertThat(throttle.failed("user1", "10.0.0.1")).isTrue();
    assertThat(throttle.waitFor("anyone", "10.0.0.1")).isPresent();
    assertThat(throttle.waitFor("anyone", "10.0.0.2")).isEmpty();
  }

  @Test
  void aFloodFromManyAddressesKeepsTheLatestKeysOnly() {
    for (int i = 0; i < 30_000; i++) {
      throttle.failed("victim", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertThat(throttle.waitFor("victim", "192.0.2.1"))
        .as("the account's count is recent, so it survives")
        .isPresent();
  }

  @Test
  void passwordsAreStoredAsSaltedBcrypt() {
    Passwords passwords = new Passwords(4);
    String a = passwords.hash("correct horse".toCharArray());
    String b = passwords.hash("correct horse".toCharArray());
    assertThat(a).startsWith("$2a$04$").doesNotContain("correct").isNotEqualTo(b);
    assertThat(passwords.matches("correct horse".toCharArray(), java.util.Optional.of(a))).isTrue();
    assertThat(passwords.matches("correct horsE".toCharArray(), java.util.Optional.of(a)))
        .isFalse();
    assertThat(passwords.matches("decoy-password".toCharArray(), java.util.Optional.empty()))
        .as("no hash never matches, not even the decoy's password")
        .isFalse();
    String longer = "x".repeat(100);
    String hash = passwords.hash(longer.toCharArray());
    assertThat(passwords.matches(("x".repeat(99) + "y").toCharArray(), java.util.Optional.of(hash)))
        .as("bytes past 72 still count")
        .isFalse();
    assertThat(Passwords.problem("x".repeat(201).toCharArray())).isPresent();
  }
}
