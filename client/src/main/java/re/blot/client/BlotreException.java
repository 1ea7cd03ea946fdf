package re.blot.client;

/**
 * Base of every error the client reports. Unchecked, like OkHttp's and Moshi's runtime errors.
 *
 * <p>Subclasses: {@link RestException} (the server answered with an error status), {@link
 * TokenEndpointException} (the OAuth2 token endpoint refused a grant) and {@link
 * TransportException} (no usable answer: I/O failure or timeout); for disposable apps also {@link
 * re.blot.client.disposable.CredentialFileException} (a credentials file cannot be used) and {@link
 * re.blot.client.disposable.AuthorizationCancelledException}. Messages never contain tokens,
 * secrets or codes.
 */
public abstract class BlotreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  protected BlotreException(String message, Throwable cause) {
    super(message, cause);
  }
}
