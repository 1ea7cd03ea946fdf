package re.blot.client.disposable;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import re.blot.client.model.Creds;
import re.blot.client.model.User;

/**
 * The {@code creds} object of a credentials file: the last token response, as the token endpoint
 * returned it, plus when it was obtained.
 *
 * <p>{@link #toString()} never prints the access or refresh token.
 *
 * @param accessToken the access token
 * @param tokenType the token type, {@code "bearer"} from Blot're
 * @param expiresIn the access token's lifetime in seconds, counted from {@code obtainedAt}
 * @param refreshToken the refresh token, or null when none was issued
 * @param user the user who authorized the app, or null when the server did not say
 * @param obtainedAt when the token response was received, or null when unknown (files written by
 *     the Python client have no such field)
 */
public record StoredCreds(
    String accessToken,
    String tokenType,
    long expiresIn,
    String refreshToken,
    StoredUser user,
    Instant obtainedAt) {
  /**
   * Checks that the access token and the token type are present.
   *
   * @param accessToken the access token
   * @param tokenType the token type
   * @param expiresIn the lifetime in seconds
   * @param refreshToken the refresh token, or null
   * @param user the user, or null
   * @param obtainedAt when the response was received, or null
   */
  public StoredCreds {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenType, "tokenType");
  }

  /**
   * Returns the token response {@code creds} as it is stored, received at {@code obtainedAt}.
   *
   * @param creds the credentials the token endpoint returned
   * @param obtainedAt when they were received
   * @return the stored form
   */
  public static StoredCreds of(Creds creds, Instant obtainedAt) {
    User user = creds.user();
    return new StoredCreds(
        creds.accessToken(),
        creds.tokenType(),
        creds.expiresIn(),
        creds.refreshToken(),
        user == null ? null : new StoredUser(user.id(), user.userName(), user.rootStream()),
        obtainedAt);
  }

  /**
   * Returns these credentials in the client's model, ready for {@code Blotre.Builder.creds}.
   *
   * @return the credentials
   */
  public Creds toCreds() {
    return new Creds(
        accessToken,
        tokenType,
        expiresIn,
        refreshToken,
        user == null ? null : new User(user.id(), user.userName(), user.rootStream()));
  }

  /**
   * Tells whether these are the same tokens as {@code creds}, whatever else differs.
   *
   * @param creds the credentials to compare with
   * @return true if the access and refresh tokens are equal
   */
  public boolean sameTokens(Creds creds) {
    return accessToken.equals(creds.accessToken())
        && Objects.equals(refreshToken, creds.refreshToken());
  }

  /**
   * Returns when the access token expires, if the file says when it was obtained.
   *
   * @return {@code obtainedAt + expiresIn}, or empty when {@code obtainedAt} is unknown
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(obtainedAt).map(at -> at.plusSeconds(expiresIn));
  }

  @Override
  public String toString() {
    return "StoredCreds{accessToken=<redacted>, tokenType="
        + tokenType
        + ", expiresIn="
        + expiresIn
        + ", refreshToken="
        + (refreshToken == null ? "null" : "<redacted>")
        + ", user="
        + user
        + ", obtainedAt="
        + obtainedAt
        + "}";
  }
}
