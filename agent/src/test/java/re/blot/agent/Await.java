package re.blot.agent;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, for tests of things that happen on other threads. */
public final class Await {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after the deadline. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "Timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
