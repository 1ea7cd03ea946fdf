package re.blot.client.model;

import com.squareup.moshi.Json;
import java.time.Instant;

/**
 * A disposable (one-time) client, as created by {@code PUT /v0/oauth2/disposable}.
 *
 * <p>The user redeems {@link #code()} in a browser; the app then exchanges the same code for
 * credentials. {@link #toString()} never shows the secret or the code.
 *
 * @param name the client's name
 * @param blurb the client's description
 * @param id the new client id
 * @param secret the new client secret
 * @param code the one-time code the user must redeem (8 characters, case-sensitive)
 * @param expiresIn the lifetime of the code in seconds, counted from creation
 * @param expiresAt when the code expires, computed when the response arrived; null only in the raw
 *     server reply
 */
public record DisposableClient(
    String name,
    String blurb,
    String id,
    String secret,
    String code,
    @Json(name = "expires_in") long expiresIn,
    Instant expiresAt) {

  /**
   * Returns a copy whose {@link #expiresAt()} is {@code receivedAt} plus the code's lifetime.
   *
   * @param receivedAt when the server's reply arrived
   * @return a copy with {@code expiresAt} set
   */
  public DisposableClient receivedAt(Instant receivedAt) {
    return new DisposableClient(
        name, blurb, id, secret, code, expiresIn, receivedAt.plusSeconds(expiresIn));
  }

  /**
   * Describes the client without revealing its secret or code.
   *
   * @return a description naming the client and the code's expiry
   */
  @Override
  public String toString() {
    return "DisposableClient[name="
        + name
        + ", blurb="
        + blurb
        + ", id="
        + id
        + ", secret="
        + Redaction.mask(secret)
        + ", code="
        + Redaction.mask(code)
        + ", expiresIn="
        + expiresIn
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
