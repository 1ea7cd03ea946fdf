package re.blot.client;

import java.io.IOException;

/**
 * No usable answer arrived: the connection failed, broke, or a timeout ran out. The cause is the
 * underlying {@link IOException}.
 *
 * <p>A request other than GET that failed this way may or may not have reached the server: it is
 * never retried silently.
 */
public final class TransportException extends BlotreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for an I/O failure.
   *
   * @param message a description naming the request
   * @param cause the I/O failure or timeout
   */
  public TransportException(String message, IOException cause) {
    super(message, cause);
  }
}
