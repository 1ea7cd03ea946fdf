package re.blot.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server answered a request with an error status (anything but 200 and 201).
 *
 * <p>For the JSON error envelope {@code {"type":"Error","error":..,"details":..}}, {@link #error()}
 * is the server's error text and {@link #details()} the parsed details. For any other body (the
 * server's HTML 404/415/500 pages, the empty body of a 404 from {@code GET /v0/api/user/:id})
 * {@link #error()} and {@link #details()} are null and {@link #body()} holds the raw text.
 *
 * <p>When a refresh after an expired access token failed, this is the original 401 and {@link
 * #getCause()} is the refresh failure.
 */
public final class RestException extends BlotreException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;

  /** The server's error text, or null. */
  private final String error;

  private final transient Map<String, Object> details;

  /** The raw response body. */
  private final String body;

  /**
   * Creates an exception for an error reply.
   *
   * @param message a description naming the request and status
   * @param status the HTTP status
   * @param error the server's {@code error} text, or null if the body was not the error envelope
   * @param details the parsed {@code details} object, or null
   * @param body the raw response body (may be empty)
   * @param cause why the error could not be recovered from (a failed refresh), or null
   */
  public RestException(
      String message,
      int status,
      String error,
      Map<String, Object> details,
      String body,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
    this.details =
        details == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    this.body = body;
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code, for example 404
   */
  public int status() {
    return status;
  }

  /**
   * Returns the server's error text.
   *
   * @return the {@code error} of the JSON envelope (for example {@code Stream does not exist.}), or
   *     null if the body was not that envelope
   */
  public String error() {
    return error;
  }

  /**
   * Returns the validation details of the error envelope.
   *
   * @return the parsed {@code details} object (keys are JSON paths such as {@code obj.name}), or
   *     null when the server sent none
   */
  public Map<String, Object> details() {
    return details;
  }

  /**
   * Returns the raw response body.
   *
   * @return the body as text; empty if the server sent none
   */
  public String body() {
    return body;
  }
}
