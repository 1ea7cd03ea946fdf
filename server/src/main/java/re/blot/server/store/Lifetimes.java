package re.blot.server.store;

import java.time.Duration;
import java.util.Objects;

/** How long tokens and codes live (contract §2.1). */
public record Lifetimes(
    Duration accessToken, Duration refreshToken, Duration authCode, Duration oneTimeCode) {

  /**
   * The server's values: 2 h access token, 14 days refresh token, 1 h auth code, 20 min one-time
   * code.
   */
  public static final Lifetimes DEFAULTS =
      new Lifetimes(
          Duration.ofSeconds(7200),
          Duration.ofDays(14),
          Duration.ofSeconds(3600),
          Duration.ofSeconds(1200));

  public Lifetimes {
    requirePositive(accessToken, "accessToken");
    requirePositive(refreshToken, "refreshToken");
    requirePositive(authCode, "authCode");
    requirePositive(oneTimeCode, "oneTimeCode");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          name + " lifetime must be a positive whole number of seconds: " + d);
    }
  }
}
