package re.blot.client;

/**
 * The OAuth2 token endpoint ({@code POST /v0/oauth2/access_token}) refused a grant, answering
 * {@code {"error": .., "error_description": ..}}.
 *
 * <p>Typical codes: {@code invalid_grant} (unknown, expired or used code or refresh token; also a
 * one-time code the user has not redeemed yet), {@code invalid_client} (wrong client id or secret),
 * {@code unsupported_grant_type}.
 */
public final class TokenEndpointException extends BlotreException {
  private static final long serialVersionUID = 1L;

  /** The OAuth2 error code. */
  private final String error;

  /** The OAuth2 error description. */
  private final String description;

  /** The HTTP status. */
  private final int status;

  /**
   * Creates an exception for a refused grant.
   *
   * @param message a description naming the grant and the error code
   * @param status the HTTP status (400 from Blot're)
   * @param error the OAuth2 error code
   * @param description the error description (Blot're always sends an empty one)
   */
  public TokenEndpointException(String message, int status, String error, String description) {
    super(message, null);
    this.status = status;
    this.error = error;
    this.description = description;
  }

  /**
   * Returns the OAuth2 error code.
   *
   * @return the code, for example {@code invalid_grant}
   */
  public String error() {
    return error;
  }

  /**
   * Returns the error description.
   *
   * @return the server's {@code error_description}, possibly empty
   */
  public String description() {
    return description;
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code, normally 400
   */
  public int status() {
    return status;
  }
}
