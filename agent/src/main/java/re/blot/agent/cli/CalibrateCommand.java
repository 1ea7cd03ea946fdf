package re.blot.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.color.Calibration;
import re.blot.agent.config.ConfigLoader;
import re.blot.agent.config.ConfigWriter;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.measure.Meters;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.measure.RawAverage;
import re.blot.agent.sensor.SensorHardware;

/**
 * {@code calibrate}: walks the user through a dry and a wet reading of each sensor and writes them
 * into the config file, keeping its comments.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Measure each probe dry and in water, and write the values into the config"
            + " file (its comments, owner and mode are kept). With --mock, only into a file"
            + " named by --config.")
final class CalibrateCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(
      names = "--sensor",
      paramLabel = "NAME",
      description = "Calibrate only this sensor (default: every sensor, one after another).")
  String only;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      defaultValue = "5",
      description = "Seconds each reading is averaged over (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    PrintWriter out = environment.out();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
    ConfigLoader.Loaded loaded = main.loadConfig();
    Map<String, Calibration> calibrations = new LinkedHashMap<>();
    try (SensorHardware hardware = main.openHardware()) {
      List<MoistureMeter> meters =
          Meters.open(loaded.config(), hardware, environment.sleeper(), environment.clock());
      for (MoistureMeter meter : meters) {
        SensorConfig sensor = meter.config();
        if (only != null && !only.equals(sensor.name())) {
          continue;
        }
        out.println(
            "Calibrating "
                + sensor.name()
                + " ("
                + sensor.chip()
                + " channel "
                + sensor.channel()
                + " on "
                + sensor.device()
                + ").");
        int dry =
            measure(
                meter,
                in,
                out,
                "1. Take the probe out of the soil, wipe it dry and" + " hold it in the air.",
                "dry");
        int wet =
            measure(
                meter,
                in,
                out,
                "2. Put the probe in a glass of water, up to the line" + " it would be buried to.",
                "wet");
        int minimumSpan = Math.max(10, sensor.chip().maxValue() / 50);
        if (Math.abs(dry - wet) < minimumSpan) {
          environment
              .err()
              .println(
                  sensor.name()
                      + ": dry ("
                      + dry
                      + ") and wet ("
                      + wet
                      + ") are too close to tell apart: is the probe connected to channel "
                      + sensor.channel()
                      + "? Nothing was written.");
          return Main.EXIT_FAILURE;
        }
        calibrations.put(sensor.name(), new Calibration(dry, wet));
      }
    }
    if (calibrations.isEmpty()) {
      environment.err().println("No sensor named '" + only + "' in the configuration.");
      return Main.EXIT_USAGE;
    }
    if (main.mock() && !main.configGiven()) {
      // A simulated plant's values have no place in the Pi's real config file.
      out.println(
          "Simulated values (--mock): not written to "
              + loaded.path()
              + "; pass --config FILE to write them to a file of your own.");
      return 0;
    }
    ConfigWriter.writeCalibrations(loaded, calibrations);
    calibrations.forEach(
        (name, calibration) ->
            out.println(
                "Wrote dry = "
                    + calibration.dry()
                    + ", wet = "
                    + calibration.wet()
                    + " for "
                    + name
                    + " to "
                    + loaded.path()
                    + "."));
    out.println("Restart the agent to use them: sudo systemctl restart blotre-agent");
    return 0;
  }

  private int measure(
      MoistureMeter meter, BufferedReader in, PrintWriter out, String instruction, String what)
      throws IOException, InterruptedException {
    out.println(instruction);
    out.print("   Press Enter when ready. ");
    out.flush();
    if (in.readLine() == null) {
      throw new IOException("input ended before the " + what + " reading; nothing was written");
    }
    out.println("   Reading for " + seconds + " s...");
    out.flush();
    int raw =
        RawAverage.over(meter.sensor(), Duration.ofSeconds(seconds), main.environment().sleeper());
    out.println("   " + what + ": " + raw);
    return raw;
  }
}
