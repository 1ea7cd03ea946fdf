package re.blot.client.disposable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What the user must do to authorize a disposable app: open the redeem page and enter the code
 * before it expires.
 *
 * <p>{@link #message()} is the one message to show. It contains the code on purpose; {@link
 * #toString()} does not, so a prompt can be logged safely.
 *
 * @param appName the app's name, as registered
 * @param redeemUrl the page where the user enters the code, e.g. {@code
 *     https://blot.re/v0/oauth2/redeem}
 * @param code the one-time code (8 characters, case-sensitive)
 * @param expiresAt when the code stops being redeemable
 * @param validFor how long the code is still valid, counted from when the prompt was made
 */
public record AuthorizationPrompt(
    String appName, String redeemUrl, String code, Instant expiresAt, Duration validFor) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss z");

  /**
   * Checks that every component is present.
   *
   * @param appName the app's name
   * @param redeemUrl the redeem page
   * @param code the one-time code
   * @param expiresAt when the code expires
   * @param validFor how long it is still valid
   */
  public AuthorizationPrompt {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(redeemUrl, "redeemUrl");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(validFor, "validFor");
  }

  /**
   * Returns the one message that tells the user what to do, e.g. {@code To authorize Plant're with
   * your Blot're account, open https://blot.re/v0/oauth2/redeem and enter the code aB3dE5gH (valid
   * for 20 minutes, until 09:25:00 UTC).}
   *
   * @return the message, with the code, the page and the expiry in the system's time zone
   */
  public String message() {
    long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
    return "To authorize "
        + appName
        + " with your Blot're account, open "
        + redeemUrl
        + " and enter the code "
        + code
        + " (valid for "
        + minutes
        + (minutes == 1 ? " minute" : " minutes")
        + ", until "
        + TIME.format(expiresAt.atZone(ZoneId.systemDefault()))
        + ").";
  }

  @Override
  public String toString() {
    return "AuthorizationPrompt[appName="
        + appName
        + ", redeemUrl="
        + redeemUrl
        + ", code=<redacted>, expiresAt="
        + expiresAt
        + ", validFor="
        + validFor
        + "]";
  }
}
