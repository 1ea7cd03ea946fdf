package re.blot.server.http;

import java.time.Duration;

/** A failure injected into one request (see the control API). */
public sealed interface Fault {

  /** Answer with this reply instead of the real one. */
  record Respond(Reply reply) implements Fault {}

  /** Wait, then answer normally. */
  record Delay(Duration delay) implements Fault {}

  /** Close the connection without answering. */
  record Drop() implements Fault {}

  /** Where the handler asks whether the next request should fail. */
  public interface Plan {
    /** The fault for this request, consuming one of its remaining uses, or null for none. */
    Fault next(String method, String path);

    /**
     * Waits out a {@link Delay}.
     *
     * @return true after the whole delay; false at once when the server stops, so that a held
     *     request never holds up its stop
     */
    boolean hold(Duration delay) throws InterruptedException;
  }
}
