package re.blot.agent.publish;

import java.util.Optional;
import re.blot.client.Blotre;
import re.blot.client.disposable.AuthorizationPrompt;

/**
 * Gives the {@link Publisher} an authorized client: before the first push, and again after the
 * server refused the credentials for good. It may block until a person has entered a code, and may
 * throw when the server cannot be reached; the publisher then tries again later.
 */
@FunctionalInterface
public interface Authorizer {
  /**
   * Returns a client with working credentials.
   *
   * @throws InterruptedException when the agent stops while waiting for the person
   */
  Blotre authorize() throws InterruptedException;

  /**
   * The server no longer accepts {@code refused}'s credentials: sets them aside, so that the next
   * {@link #authorize()} registers anew instead of handing them out again.
   *
   * @param aside why, as a word for the name of the file set aside, e.g. {@code unknown-token}
   * @param why why, in words for the person who must authorize the agent again
   */
  default void lost(Blotre refused, String aside, String why) {}

  /** Before each push: saves credentials that could not be saved before (disk full). */
  default void beforePush() {}

  /** The code a person must enter now, while {@link #authorize()} waits for it. */
  default Optional<AuthorizationPrompt> pendingCode() {
    return Optional.empty();
  }

  /** Runs {@code listener} whenever {@link #pendingCode()} changes. */
  default void onPendingCodeChange(Runnable listener) {}
}
