package re.blot.agent.publish;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.disposable.AuthorizationPrompt;
import re.blot.client.disposable.UserChannel;

/**
 * Tells the person who must authorize a headless agent what to do: one WARN per code with the
 * redeem page and the code (and why a new code is needed), and keeps that code for the status file
 * and systemd's STATUS= until it is entered. Thread-safe.
 */
public final class AuthorizationChannel implements UserChannel {
  /** The logger the client's log channel uses, so journal filters set up for it keep working. */
  private static final Logger log =
      LoggerFactory.getLogger("re.blot.client.disposable.authorization");

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile AuthorizationPrompt pending;
  private volatile String why;

  /** The agent needs a new authorization because of {@code why}; said with the next code. */
  void lostBecause(String why) {
    this.why = why;
  }

  @Override
  public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
    String because;
    if (why != null) {
      because = "Blot're no longer accepts the agent's credentials: " + why + ". ";
    } else if (pending != null) {
      because = "The code shown before expired before anyone entered it. ";
    } else {
      because = "";
    }
    log.warn(
        "{}{} Until then readings are taken but not pushed; checking every few seconds.",
        because,
        prompt.message());
    pending = prompt;
    changed();
  }

  @Override
  public void authorized(String userName) {
    log.info("Authorized by Blot're user {}; pushing again", userName);
    pending = null;
    why = null;
    changed();
  }

  /** The code shown last, while nobody has entered it. */
  Optional<AuthorizationPrompt> pending() {
    return Optional.ofNullable(pending);
  }

  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
