package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.color.ColorScale;
import re.blot.agent.daemon.Daemon;
import re.blot.agent.measure.Reading;
import re.blot.agent.system.AgentInstance;
import re.blot.agent.system.HealthFile;
import re.blot.agent.system.HealthFileLocations;
import re.blot.agent.system.HealthStatus;
import re.blot.agent.system.SdNotify;

/**
 * {@code status} reads the file of the agent running with its config file, and tells a running
 * agent from one that is gone or hangs.
 */
class StatusCommandTest {
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  private static final long ALIVE = ProcessHandle.current().pid();

  /** Above Linux's largest PID (2^22): no process has it. */
  private static final long DEAD = 5_000_000;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Instant now = T0.plusSeconds(310);

  /** The environment of both the agent and {@code status}; null: the service's. */
  private Map<String, String> env;

  @Test
  void aRunningAgentShowsItsReadingsAsAHistoryWithTimesToTheSecond() throws Exception {
    Path config = dir.resolve("fern.conf");
    write(config, ALIVE, T0.plusSeconds(300), status(config, ALIVE, 30, 40, 50, 60));

    assertThat(status("--config", config.toString())).isZero();

    assertThat(out.toString())
        .isEqualTo(
            "blotre-agent is running, process "
                + ALIVE
                + ".\n"
                + "  Started:  2026-11-28 08:59:00, updated 2026-11-28 09:05:00\n"
                + "  Config:   "
                + config
                + "\n"
                + "  Server:   https://blot.re, a reading every 100 s\n"
                + "  Pushes:   last one 2026-11-28 09:04:00\n"
                + "  Plant         60 %  #3d8464  raw 60, read 2026-11-28 09:03:00\n"
                + "               ▃▄▅▅  2026-11-28 09:00:00 to 2026-11-28 09:03:00\n");
  }

  @Test
  void aDeadProcessIsNotRunningWithExitThreeAndItsLastStatus() throws Exception {
    Path config = dir.resolve("agent.conf");
    write(config, DEAD, T0.plusSeconds(300), status(config, DEAD, 50));

    assertThat(status("--config", config.toString())).isEqualTo(3);

    assertThat(out.toString())
        .startsWith("blotre-agent is NOT running: its process 5000000 is gone. Its last status:\n")
        .contains("  Plant         50 %");
  }

  @Test
  void aStatusOlderThanThreeIntervalsIsNotRunning() throws Exception {
    Path config = dir.resolve("agent.conf");
    write(config, ALIVE, T0, status(config, ALIVE, 50));
    now = T0.plusSeconds(300);
    assertThat(status("--config", config.toString())).isZero();

    now = T0.plusSeconds(301);
    out.getBuffer().setLength(0);
    assertThat(status("--config", config.toString())).isEqualTo(3);
    assertThat(out.toString())
        .startsWith(
            "blotre-agent is NOT running: its status is 301 s old, older than 3 readings (one"
                + " every 100 s)");
  }

  @Test
  void twoAgentsSideBySideEachHaveTheirOwnStatus() throws Exception {
    Path fern = dir.resolve("fern.conf");
    Path basil = dir.resolve("basil.conf");
    write(fern, ALIVE, T0.plusSeconds(300), status(fern, ALIVE, 73));
    write(basil, ALIVE, T0.plusSeconds(300), status(basil, ALIVE, 20));

    assertThat(status("--config", fern.toString())).isZero();
    assertThat(out.toString()).contains("Plant         73 %").doesNotContain("20 %");
    out.getBuffer().setLength(0);
    assertThat(status("--config", basil.toString())).isZero();
    assertThat(out.toString()).contains("Plant         20 %").doesNotContain("73 %");
  }

  @Test
  void anAgentWaitingForAuthorizationShowsTheCodeAndWhereToEnterIt() throws Exception {
    Path config = dir.resolve("agent.conf");
    HealthStatus waiting =
        HealthStatus.initial(instance(config, ALIVE))
            .withAuthorization(
                Optional.of(
                    new HealthStatus.AuthorizationNeeded(
                        "https://blot.re/v0/oauth2/redeem", "aB3dE5gH", T0.plusSeconds(1200))));
    write(config, ALIVE, T0.plusSeconds(300), waiting);

    assertThat(status("--config", config.toString())).isZero();

    assertThat(out.toString())
        .contains(
            "  Waiting for authorization: open https://blot.re/v0/oauth2/redeem and enter the"
                + " code aB3dE5gH (valid until 2026-11-28 09:20:00)\n"
                + "  Pushes:   none yet\n"
                + "  No reading yet.\n");
  }

  @Test
  void jsonIsTheStatusFileForScripts() throws Exception {
    Path config = dir.resolve("agent.conf");
    HealthStatus status = status(config, ALIVE, 50);
    write(config, ALIVE, T0.plusSeconds(300), status);

    assertThat(status("status", "--json", "--config", config.toString())).isZero();

    assertThat(out.toString()).isEqualTo(status.document(T0.plusSeconds(300)).toJson());
  }

  @Test
  void anAgentStartedByHandIsFoundBesideItsConfigFile() throws Exception {
    env = Map.of();
    Path config = dir.resolve("fern.conf");
    Files.writeString(config, "");
    write(config, ALIVE, T0.plusSeconds(300), status(config, ALIVE, 50));

    assertThat(dir.resolve("fern.conf.status.json")).isRegularFile();
    assertThat(status("--config", config.toString())).isZero();
    assertThat(out.toString()).startsWith("blotre-agent is running, process " + ALIVE + ".\n");
  }

  @Test
  void noStatusFileMeansNotRunning() {
    assertThat(status("--config", dir.resolve("none.conf").toString())).isEqualTo(3);
    assertThat(err.toString())
        .startsWith("blotre-agent is not running with config " + dir.resolve("none.conf"));
  }

  @Test
  void aBrokenStatusFileIsNamed() throws Exception {
    Path config = dir.resolve("agent.conf");
    Path file = locations().own(config.toString());
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"pid\": \"x\"");

    assertThat(status("--config", config.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("Cannot read the status file " + file + ": ");
  }

  private HealthStatus status(Path config, long pid, double... percents) {
    HealthStatus status =
        HealthStatus.initial(instance(config, pid))
            .withPushes(Optional.of(T0.plusSeconds(240)), Optional.empty(), Optional.empty());
    for (int i = 0; i < percents.length; i++) {
      status =
          status.withReading(
              new Reading(
                  "Plant",
                  "Plant",
                  (int) percents[i],
                  percents[i],
                  ColorScale.defaultScale().color(percents[i]),
                  T0.plusSeconds(60L * i),
                  Optional.empty()));
    }
    return status;
  }

  private static AgentInstance instance(Path config, long pid) {
    return new AgentInstance(
        pid, T0.minusSeconds(60), config.toString(), "https://blot.re", Duration.ofSeconds(100));
  }

  private void write(Path config, long pid, Instant at, HealthStatus status) {
    new HealthFile(locations().own(config.toString())).write(status.document(at));
  }

  private HealthFileLocations locations() {
    return HealthFileLocations.of(env());
  }

  private Map<String, String> env() {
    return env != null ? env : Map.of("RUNTIME_DIRECTORY", dir.resolve("run").toString());
  }

  private int status(String... args) {
    String[] command = args.length > 0 && args[0].equals("status") ? args : prepend("status", args);
    return Main.execute(
        new AgentEnvironment(
            env(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Clock.fixed(now, ZoneOffset.UTC),
            () -> 0L,
            duration -> {},
            () -> {
              throw new AssertionError("hardware opened by status");
            },
            () -> {
              throw new AssertionError("hardware opened by status");
            },
            SdNotify::disabled,
            stop -> {
              throw new AssertionError("status listened for stop signals");
            },
            Daemon.PUSH_STOP_GRACE),
        command);
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
