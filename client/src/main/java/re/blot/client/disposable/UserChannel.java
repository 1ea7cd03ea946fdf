package re.blot.client.disposable;

/**
 * How a {@link DisposableApp} talks to the person who authorizes it. {@link UserChannels} has the
 * two usual ones: the terminal, and the log (for services, where the message lands in the journal).
 *
 * <p>Methods are called on the thread running {@link DisposableApp#authorize()} and must return
 * promptly.
 */
public interface UserChannel {
  /**
   * Shows the user the code to redeem, once per code (a new code, after the previous one expired,
   * is shown again with this method).
   *
   * @param prompt the redeem page, the code and its expiry; {@link AuthorizationPrompt#message()}
   *     is the message to show
   * @param checkNow asks the app to check at once whether the code has been redeemed, instead of at
   *     its next poll; a channel that can hear the user (e.g. Enter on a terminal) may run it from
   *     any thread, any number of times, until {@link #authorized(String)} is called; others ignore
   *     it
   */
  void showCode(AuthorizationPrompt prompt, Runnable checkNow);

  /**
   * Tells the user that the app is now authorized; {@code checkNow} of earlier prompts does nothing
   * from now on.
   *
   * @param userName the Blot're user who redeemed the code
   */
  void authorized(String userName);
}
