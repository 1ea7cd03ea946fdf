package re.blot.agent.cli;

import java.time.Duration;
import java.util.List;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.daemon.Daemon;
import re.blot.agent.measure.Meters;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.publish.Authorizer;
import re.blot.agent.publish.Publisher;
import re.blot.agent.schedule.FixedRateScheduler;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.system.AgentInstance;
import re.blot.agent.system.HealthFile;

/**
 * Wires the daemon that {@code run} and the desktop demo start: config, hardware, meters, the
 * monotonic schedule, the publisher, the status file and systemd; SIGTERM or Ctrl-C stops it.
 */
public final class DaemonLauncher {
  /**
   * How long a stop request waits for the daemon beyond the push grace: the reading under way and
   * the hardware shut-down. Past it the process exits all the same, with status 143.
   */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

  private DaemonLauncher() {}

  /**
   * Runs the daemon until a stop request; takes over {@code hardware} and closes it.
   *
   * @param configFile the config file's absolute path (or another path unique to this agent): the
   *     status file's name comes from it
   * @param cleanup runs once the daemon has stopped, also when a stop request ends the process (it
   *     must tolerate a second call)
   * @return the exit code, 0
   */
  public static int run(
      AgentEnvironment environment,
      AgentConfig config,
      String configFile,
      SensorHardware hardware,
      Authorizer authorizer,
      Runnable cleanup)
      throws InterruptedException {
    List<MoistureMeter> meters;
    try {
      meters = Meters.open(config, hardware, environment.sleeper(), environment.clock());
    } catch (RuntimeException e) {
      hardware.close();
      throw e;
    }
    Publisher publisher =
        Publisher.builder(config, authorizer)
            .clock(environment.clock())
            .ticker(environment.ticker())
            .start();
    Daemon daemon =
        new Daemon(
            hardware,
            meters,
            publisher,
            new FixedRateScheduler(
                config.interval(), environment.ticker(), FixedRateScheduler.Waiter.SYSTEM),
            HealthFile.forEnvironment(environment.env(), configFile),
            environment.systemd().get(),
            environment.ticker(),
            AgentInstance.current(
                environment.clock().instant(),
                configFile,
                config.serverUrl().orElse(null),
                config.interval()),
            environment.clock(),
            environment.stopGrace());
    environment
        .stops()
        .onStop(
            () -> {
              boolean stopped = daemon.stop(STOP_TIMEOUT);
              cleanup.run();
              return stopped;
            });
    try {
      daemon.run();
    } finally {
      cleanup.run();
    }
    return 0;
  }
}
