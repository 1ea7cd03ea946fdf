package re.blot.client.disposable;

import java.time.Duration;

/**
 * How {@link DisposableApp} waits between two checks of a pending code. The default waits in real
 * time; tests pass one that advances a fake clock instead, so they never sleep.
 */
@FunctionalInterface
public interface PollWaiter {
  /**
   * Waits for {@code delay}, or less if {@code wakeUp} is signalled (the user asked to check now,
   * or the app was cancelled).
   *
   * @param delay how long to wait, at least 5 seconds
   * @param wakeUp signalled to end the wait early
   * @throws InterruptedException if the thread was interrupted: the app then stops waiting
   */
  void await(Duration delay, WakeUp wakeUp) throws InterruptedException;

  /**
   * Returns the waiter that waits in real time.
   *
   * @return {@code (delay, wakeUp) -> wakeUp.await(delay)}
   */
  static PollWaiter realTime() {
    return (delay, wakeUp) -> wakeUp.await(delay);
  }
}
