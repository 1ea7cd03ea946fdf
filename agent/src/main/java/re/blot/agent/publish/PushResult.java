package re.blot.agent.publish;

/**
 * What became of one reading's push, as the end of its log line says it, e.g. {@code pushed} or
 * {@code push failed (GET /v0/api/stream/abc -> 503), retrying}.
 */
public record PushResult(String text, boolean succeeded) {
  public static final PushResult PUSHED = new PushResult("pushed", true);
  public static final PushResult UNCHANGED = new PushResult("color unchanged, not pushed", false);
  public static final PushResult REPLACED =
      new PushResult("replaced by a newer reading before it was pushed", false);
  public static final PushResult WAITING_FOR_AUTHORIZATION =
      new PushResult("not pushed yet: waiting for the agent to be authorized", false);
  public static final PushResult ABANDONED =
      new PushResult("not pushed: the agent is stopping", false);

  public static PushResult created(String uri) {
    return new PushResult("pushed to the new stream " + uri, true);
  }

  public static PushResult failed(String reason) {
    return new PushResult("push failed (" + reason + "), retrying", false);
  }

  @Override
  public String toString() {
    return text;
  }
}
