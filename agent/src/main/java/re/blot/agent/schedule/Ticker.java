package re.blot.agent.schedule;

/**
 * A monotonic time source in nanoseconds. Unlike the wall clock it never jumps, e.g. when NTP sets
 * the time at boot on a Pi without a real-time clock.
 */
@FunctionalInterface
public interface Ticker {
  /** {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long read();
}
