package re.blot.server.store;

/** A successful token-endpoint answer: the new tokens, the configured lifetime, and the user. */
public record TokenGrant(String accessToken, String refreshToken, long expiresIn, UserRecord user) {

  @Override
  public String toString() {
    return "TokenGrant[expiresIn=" + expiresIn + ", user=" + user + "]";
  }
}
