package re.blot.server.store;

/** Who a request's token belongs to: a user, an expired or revoked token, or nobody. */
public record Caller(Kind kind, UserRecord user) {

  /** What the token turned out to be. */
  public enum Kind {
    USER,
    EXPIRED,
    NONE
  }

  static final Caller NONE = new Caller(Kind.NONE, null);
  static final Caller EXPIRED = new Caller(Kind.EXPIRED, null);
}
