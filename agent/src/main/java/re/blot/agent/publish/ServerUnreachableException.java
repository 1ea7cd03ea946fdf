package re.blot.agent.publish;

/**
 * The server does not answer the Blot're API, or none is configured. The message is one line for a
 * person: the server, the cause and what to do.
 */
public final class ServerUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param server the server's URL, or words saying there is none
   * @param reason the cause and what to do, without the server
   */
  public ServerUnreachableException(String server, String reason) {
    super("Cannot use " + server + " as the Blot're server: " + reason);
    this.reason = reason;
  }

  /** The cause and what to do, for a line that names the server already. */
  public String reason() {
    return reason;
  }
}
