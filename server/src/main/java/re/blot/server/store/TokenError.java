package re.blot.server.store;

/**
 * A token-endpoint refusal; {@link #code()} is the OAuth2 {@code error} value (e.g. {@code
 * invalid_grant}).
 */
public final class TokenError extends RuntimeException {
  public TokenError(String code) {
    super(code, null, false, false);
  }

  public String code() {
    return getMessage();
  }

  static TokenError invalidGrant() {
    return new TokenError("invalid_grant");
  }

  static TokenError invalidClient() {
    return new TokenError("invalid_client");
  }
}
