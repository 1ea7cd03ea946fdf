package re.blot.agent.sensor;

/** The sensor hardware cannot be used; the message says what to do about it. */
public final class HardwareException extends RuntimeException {
  public HardwareException(String message) {
    super(message);
  }

  public HardwareException(String message, Throwable cause) {
    super(message, cause);
  }
}
