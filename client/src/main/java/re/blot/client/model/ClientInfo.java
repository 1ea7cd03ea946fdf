package re.blot.client.model;

import com.squareup.moshi.Json;

/**
 * The identity of an OAuth2 client application.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param clientId the client id
 * @param clientSecret the client secret
 * @param redirectUri the redirect uri registered for the authorization code flow; empty or null for
 *     disposable clients
 */
public record ClientInfo(
    @Json(name = "client_id") String clientId,
    @Json(name = "client_secret") String clientSecret,
    @Json(name = "redirect_uri") String redirectUri) {

  /**
   * Describes the client without revealing its secret.
   *
   * @return a description naming the client id and redirect uri
   */
  @Override
  public String toString() {
    return "ClientInfo[clientId="
        + clientId
        + ", clientSecret="
        + Redaction.mask(clientSecret)
        + ", redirectUri="
        + redirectUri
        + "]";
  }
}
