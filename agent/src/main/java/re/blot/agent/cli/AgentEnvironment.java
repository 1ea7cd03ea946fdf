package re.blot.agent.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.sensor.SimulatedPlant;

/**
 * What the commands get from the outside world, in one place so tests can replace any of it:
 * environment variables, console streams, time and the hardware.
 *
 * @param hardware opens the real sensor hardware
 * @param mockHardware opens the mock platform with a simulated plant, for {@code --mock}
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
    Supplier<SensorHardware> mockHardware) {

  /** How long the simulated plant of {@code --mock} takes to dry out before it is watered. */
  public static final Duration MOCK_DRYING_CYCLE = Duration.ofMinutes(3);

  /** The real process: its environment, console, clocks and the Pi's hardware. */
  public static AgentEnvironment system() {
    Charset console = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    return new AgentEnvironment(
        System.getenv(),
        System.in,
        new PrintWriter(new OutputStreamWriter(System.out, console), true),
        new PrintWriter(new OutputStreamWriter(System.err, console), true),
        Clock.systemUTC(),
        Ticker.SYSTEM,
        Sleeper.SYSTEM,
        Pi4jHardware::linux,
        () -> Pi4jHardware.mock(SimulatedPlant.drying(Ticker.SYSTEM, MOCK_DRYING_CYCLE)));
  }

  /** The hardware for the {@code --mock} flag. */
  public SensorHardware openHardware(boolean mock) {
    return mock ? mockHardware.get() : hardware.get();
  }
}
