package re.blot.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.system.HealthFileLocations;
import re.blot.agent.system.StatusDocument;

/**
 * {@code status}: what the agent running with this config file last did, from the status file it
 * writes after every reading and push; exits 3 when that agent is not running.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Print what the agent running with the config file last did: readings with their recent"
            + " history, last push, outage, the code to enter. Exits 3 if it is not running.")
final class StatusCommand implements Callable<Integer> {
  /** A status file older than this many intervals is from an agent that hangs or is gone. */
  static final int STALE_INTERVALS = 3;

  private static final String BARS = "▁▂▃▄▅▆▇█";

  @ParentCommand Main main;

  @Option(
      names = "--json",
      description = "Print the status file's JSON as it is (the exit code still says 3 if stale).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    PrintWriter out = environment.out();
    HealthFileLocations locations = HealthFileLocations.of(environment.env());
    String config = main.configPath();
    Optional<Path> file = locations.find(config);
    if (file.isEmpty()) {
      environment
          .err()
          .println(
              "blotre-agent is not running with config "
                  + config
                  + ": no status file (looked for "
                  + locations.lookup(config)
                  + "). For the service: systemctl status blotre-agent; for an agent started"
                  + " with --config, give the same --config here.");
      return Main.EXIT_NOT_RUNNING;
    }
    StatusDocument status;
    try {
      status = StatusDocument.parse(Files.readString(file.get()));
    } catch (IOException e) {
      environment
          .err()
          .println("Cannot read the status file " + file.get() + ": " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    Optional<String> notRunning = whyNotRunning(status, environment.clock());
    if (json) {
      out.print(status.toJson());
    } else {
      print(status, notRunning, new Times(environment.clock()), out);
    }
    out.flush();
    return notRunning.isPresent() ? Main.EXIT_NOT_RUNNING : 0;
  }

  /** Why the agent that wrote {@code status} is not running, or empty when it is. */
  static Optional<String> whyNotRunning(StatusDocument status, Clock clock) {
    if (ProcessHandle.of(status.pid()).filter(ProcessHandle::isAlive).isEmpty()) {
      return Optional.of("its process " + status.pid() + " is gone");
    }
    Duration age = Duration.between(status.updatedAt(), clock.instant());
    if (age.compareTo(status.interval().multipliedBy(STALE_INTERVALS)) > 0) {
      return Optional.of(
          "its status is "
              + age.toSeconds()
              + " s old, older than "
              + STALE_INTERVALS
              + " readings (one every "
              + status.intervalSeconds()
              + " s): it hangs, or another process has its PID "
              + status.pid());
    }
    return Optional.empty();
  }

  private static void print(
      StatusDocument status, Optional<String> notRunning, Times times, PrintWriter out) {
    out.println(
        notRunning
            .map(why -> "blotre-agent is NOT running: " + why + ". Its last status:")
            .orElse("blotre-agent is running, process " + status.pid() + "."));
    out.println(
        "  Started:  "
            + times.format(status.startedAt())
            + ", updated "
            + times.format(status.updatedAt()));
    out.println("  Config:   " + status.config());
    out.println(
        "  Server:   "
            + (status.server() != null ? status.server() : "none configured")
            + ", a reading every "
            + status.intervalSeconds()
            + " s");
    status
        .pendingAuthorization()
        .ifPresent(
            a ->
                out.println(
                    "  Waiting for authorization: open "
                        + a.redeemUrl()
                        + " and enter the code "
                        + a.code()
                        + " (valid until "
                        + times.format(a.expiresAt())
                        + ")"));
    if (status.outage() != null) {
      out.println(
          "  Pushes:   failing since "
              + times.format(status.outage().since())
              + ": "
              + status.outage().reason()
              + (status.lastPush() != null
                  ? " (last push " + times.format(status.lastPush()) + ")"
                  : ""));
    } else {
      out.println(
          "  Pushes:   "
              + (status.lastPush() != null
                  ? "last one " + times.format(status.lastPush())
                  : "none yet"));
    }
    if (status.sensors().isEmpty()) {
      out.println("  No reading yet.");
    }
    for (Map.Entry<String, StatusDocument.Sensor> entry : status.sensors().entrySet()) {
      StatusDocument.Sensor sensor = entry.getValue();
      out.println(
          String.format(
              Locale.ROOT,
              "  %-12s %3d %%  %s  raw %d, read %s%s%s",
              entry.getKey(),
              Math.round(sensor.percent()),
              sensor.color(),
              sensor.raw(),
              times.format(sensor.time()),
              Boolean.TRUE.equals(sensor.thirsty()) ? ", THIRSTY" : "",
              sensor.fault() != null ? ", " + sensor.fault() : ""));
      List<StatusDocument.Point> history = sensor.history();
      if (history != null && history.size() > 1) {
        out.println(
            "  "
                + " ".repeat(12)
                + " "
                + sparkline(history)
                + "  "
                + times.format(history.get(0).time())
                + " to "
                + times.format(history.get(history.size() - 1).time()));
      }
    }
  }

  /** One bar per reading, its height the percent: ▁ for 0-12 %, █ for 88-100 %. */
  static String sparkline(List<StatusDocument.Point> history) {
    StringBuilder line = new StringBuilder();
    for (StatusDocument.Point point : history) {
      int bar =
          (int) Math.min(BARS.length() - 1, Math.max(0, point.percent()) * BARS.length() / 100);
      line.append(BARS.charAt(bar));
    }
    return line.toString();
  }

  /** Times to the second, in the clock's zone. */
  private record Times(Clock clock) {
    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    String format(Instant instant) {
      return FORMAT.format(instant.atZone(clock.getZone()));
    }
  }
}
