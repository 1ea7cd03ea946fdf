package re.blot.agent.system;

import java.util.function.BooleanSupplier;

/**
 * How a long-running command hears that it should stop: SIGTERM (systemctl stop) or Ctrl-C, through
 * a JVM shutdown hook. Tests call the stop action themselves.
 */
@FunctionalInterface
public interface StopRequests {
  /**
   * On SIGTERM or Ctrl-C, runs {@code stop}, which winds the command down and returns true, or
   * returns false when the command had already ended. After a wind-down the process exits with
   * status 0: a requested stop is a success, not the 143 a JVM reports after SIGTERM.
   */
  StopRequests JVM =
      stop ->
          Runtime.getRuntime()
              .addShutdownHook(
                  new Thread(
                      () -> {
                        if (stop.getAsBoolean()) {
                          Runtime.getRuntime().halt(0);
                        }
                      },
                      "blotre-agent-stop"));

  /** Registers {@code stop} to run when the process is asked to stop. */
  void onStop(BooleanSupplier stop);
}
