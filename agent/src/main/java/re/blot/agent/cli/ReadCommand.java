package re.blot.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.measure.Meters;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.measure.Reading;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.system.Json;

/** {@code read}: the hardware self-test. Reads every sensor once; pushes nothing. */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description =
        "Read every configured sensor once and print raw value, moisture and color,"
            + " without pushing.")
final class ReadCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(
      names = "--json",
      description =
          "Print one machine-readable line: a JSON array with" + " one object per sensor.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    List<Reading> readings = new ArrayList<>();
    try (SensorHardware hardware = main.openHardware()) {
      for (MoistureMeter meter :
          Meters.open(main.config(), hardware, environment.sleeper(), environment.clock())) {
        readings.add(meter.read());
      }
    }
    if (json) {
      environment.out().println(Json.readings(readings));
    } else {
      for (Reading reading : readings) {
        environment
            .out()
            .println(
                String.format(
                    Locale.ROOT,
                    "%-12s raw %4d  %3d%%  %s",
                    reading.sensor(),
                    reading.raw(),
                    reading.roundedPercent(),
                    reading.color()));
        reading.fault().ifPresent(fault -> environment.out().println("  " + fault));
      }
    }
    return 0;
  }
}
