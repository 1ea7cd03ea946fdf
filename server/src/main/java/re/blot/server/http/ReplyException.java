package re.blot.server.http;

/** Ends a request early with a ready reply (an auth failure, a validation failure, ...). */
public final class ReplyException extends RuntimeException {
  private final Reply reply;

  public ReplyException(Reply reply) {
    super("HTTP " + reply.status(), null, false, false);
    this.reply = reply;
  }

  public Reply reply() {
    return reply;
  }
}
