package re.blot.agent.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import re.blot.agent.daemon.Daemon;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.SdNotify;
import re.blot.agent.system.StopRequests;

/**
 * What the commands get from the outside world, in one place so tests can replace any of it:
 * environment variables, console streams, time, the hardware, systemd and stop signals.
 *
 * @param hardware opens the real sensor hardware
 * @param mockHardware opens the mock platform with a simulated plant, for {@code --mock} and {@code
 *     demo}
 * @param systemd systemd's notification socket, for {@code run}
 * @param stops how {@code run} and {@code demo} hear SIGTERM and Ctrl-C
 * @param stopGrace how long a push under way may go on after a stop request ({@link
 *     Daemon#PUSH_STOP_GRACE}); tests give a short one so as not to wait it out
 */
public record AgentEnvironment(
    Map<String, String> env,
    InputStream in,
    PrintWriter out,
    PrintWriter err,
    Clock clock,
    Ticker ticker,
    Sleeper sleeper,
    Supplier<SensorHardware> hardware,
    Supplier<SensorHardware> mockHardware,
    Supplier<SdNotify> systemd,
    StopRequests stops,
    Duration stopGrace) {

  /**
   * How long the simulated plant of {@code --mock} takes to dry out before it is watered: short
   * enough that {@code demo}, pushing every few seconds, shows a whole cycle within a minute.
   */
  public static final Duration MOCK_DRYING_CYCLE = Duration.ofMinutes(1);

  /** The real process: its environment, console, clocks, the Pi's hardware, systemd and signals. */
  public static AgentEnvironment system() {
    Charset console =
        System.console() != null ? System.console().charset() : Charset.defaultCharset();
    return new AgentEnvironment(
        System.getenv(),
        System.in,
        new PrintWriter(new OutputStreamWriter(System.out, console), true),
        new PrintWriter(new OutputStreamWriter(System.err, console), true),
        Clock.systemUTC(),
        Ticker.SYSTEM,
        Sleeper.SYSTEM,
        Pi4jHardware::linux,
        () -> Pi4jHardware.mock(SimulatedPlant.drying(Ticker.SYSTEM, MOCK_DRYING_CYCLE)),
        SdNotify::fromEnvironment,
        StopRequests.JVM,
        Daemon.PUSH_STOP_GRACE);
  }

  /** The hardware for the {@code --mock} flag. */
  public SensorHardware openHardware(boolean mock) {
    return mock ? mockHardware.get() : hardware.get();
  }
}
