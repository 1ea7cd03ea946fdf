package re.blot.client.model;

import com.squareup.moshi.Json;

/**
 * Credentials: a token response of {@code POST /v0/oauth2/access_token}.
 *
 * <p>{@link #toString()} never shows the tokens.
 *
 * @param accessToken the bearer token sent with authorized requests
 * @param tokenType the token type, {@code bearer}
 * @param expiresIn the lifetime of the access token in seconds, as issued (not the time left)
 * @param refreshToken the token that buys a new access token, or null if there is none
 * @param user the user who authorized the client, or null if the server did not send it
 */
public record Creds(
    @Json(name = "access_token") String accessToken,
    @Json(name = "token_type") String tokenType,
    @Json(name = "expires_in") long expiresIn,
    @Json(name = "refresh_token") String refreshToken,
    User user) {

  /**
   * Creates credentials from just an access token, as when a token was obtained elsewhere.
   *
   * @param accessToken the bearer token
   * @return credentials without a refresh token or user
   */
  public static Creds ofAccessToken(String accessToken) {
    return new Creds(accessToken, "bearer", 0, null, null);
  }

  /**
   * Tells whether these credentials can be refreshed.
   *
   * @return true if there is a refresh token
   */
  public boolean hasRefreshToken() {
    return refreshToken != null && !refreshToken.isEmpty();
  }

  /**
   * Describes the credentials without revealing the tokens.
   *
   * @return a description naming the token type, lifetime and user
   */
  @Override
  public String toString() {
    return "Creds[accessToken="
        + Redaction.mask(accessToken)
        + ", tokenType="
        + tokenType
        + ", expiresIn="
        + expiresIn
        + ", refreshToken="
        + Redaction.mask(refreshToken)
        + ", user="
        + user
        + "]";
  }
}
