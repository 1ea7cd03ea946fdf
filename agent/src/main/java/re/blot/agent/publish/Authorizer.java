package re.blot.agent.publish;

import re.blot.client.Blotre;

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
}
