package re.blot.agent.schedule;

import java.time.Duration;

/** Waits a while; injected so tests of settle delays and calibration never really sleep. */
@FunctionalInterface
public interface Sleeper {
  /** {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM =
      duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  void sleep(Duration duration) throws InterruptedException;
}
