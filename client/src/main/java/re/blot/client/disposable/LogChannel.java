package re.blot.client.disposable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the message to the log, for services without a terminal. */
final class LogChannel implements UserChannel {
  /** A logger of its own, so that operators can route the one message users must see. */
  private static final Logger log =
      LoggerFactory.getLogger("re.blot.client.disposable.authorization");

  @Override
  public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
    log.warn("{} Waiting for that; checking every few seconds.", prompt.message());
  }

  @Override
  public void authorized(String userName) {
    log.info("Authorized by Blot're user {}", userName);
  }
}
