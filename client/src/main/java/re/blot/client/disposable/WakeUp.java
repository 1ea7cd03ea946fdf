package re.blot.client.disposable;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ends a {@link PollWaiter}'s wait early. Signals do not add up: any number of them before or
 * during one wait end only that wait. Thread-safe.
 */
public final class WakeUp {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private boolean pending;

  WakeUp() {}

  /** Ends the current wait, or the next one if nobody is waiting. */
  public void signal() {
    lock.lock();
    try {
      pending = true;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for {@code delay} in real time, or until {@link #signal()}.
   *
   * @param delay the longest wait
   * @return true if a signal ended the wait
   * @throws InterruptedException if the thread was interrupted
   */
  public boolean await(Duration delay) throws InterruptedException {
    lock.lock();
    try {
      long nanos = delay.toNanos();
      while (!pending && nanos > 0) {
        nanos = signalled.awaitNanos(nanos);
      }
      boolean woken = pending;
      pending = false;
      return woken;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a signal given while nobody was waiting. */
  void clear() {
    lock.lock();
    try {
      pending = false;
    } finally {
      lock.unlock();
    }
  }
}
