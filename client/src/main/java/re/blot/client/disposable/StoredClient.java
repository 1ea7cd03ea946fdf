package re.blot.client.disposable;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code client} object of a credentials file: the disposable client's id and secret, and the
 * one-time code it was registered with.
 *
 * <p>{@link #toString()} shows the client id only; the secret and the code are never printed.
 *
 * @param clientId the client id (not secret: it appears in URLs)
 * @param clientSecret the client secret
 * @param code the one-time code shown to the user, or null when unknown
 * @param codeExpiresAt when the code stops being redeemable, or null when unknown (files written by
 *     the Python client have no such field)
 */
public record StoredClient(
    String clientId, String clientSecret, String code, Instant codeExpiresAt) {
  /**
   * Checks that the id and the secret are present.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param code the one-time code, or null
   * @param codeExpiresAt when the code expires, or null
   */
  public StoredClient {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  @Override
  public String toString() {
    return "StoredClient{clientId="
        + clientId
        + ", clientSecret=<redacted>"
        + ", code="
        + (code == null ? "null" : "<redacted>")
        + ", codeExpiresAt="
        + codeExpiresAt
        + "}";
  }
}
