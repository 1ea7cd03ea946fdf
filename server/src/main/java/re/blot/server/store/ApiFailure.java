package re.blot.server.store;

/**
 * A refusal the contract defines: the HTTP status and the exact {@code error} text of the envelope.
 * Thrown by {@link Store} operations and turned into a reply by the routes.
 */
public final class ApiFailure extends RuntimeException {
  private final int status;

  public ApiFailure(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiFailure notFound(String message) {
    return new ApiFailure(404, message);
  }

  static ApiFailure unauthorized(String message) {
    return new ApiFailure(401, message);
  }

  static ApiFailure unprocessable(String message) {
    return new ApiFailure(422, message);
  }
}
