package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import re.blot.agent.color.ColorScale;
import re.blot.agent.daemon.Daemon;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.sensor.HardwareException;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.SdNotify;

/** The commands end to end on Pi4J's mock platform, with injected streams and no sleeping. */
class MainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<Duration> sleeps = new ArrayList<>();
  private String stdin = "";
  private Map<String, String> env = Map.of();

  @Test
  void readJsonPrintsOneLineWithEverySensor() throws Exception {
    Path config =
        config(
            """
        [sensor.Plant]
        [sensor.Fern]
        stream = Fern stream
        chip = MCP3208
        chip-select = 1
        channel = 5
        dry = 1600
        wet = 3300
        """);

    int exit = run(() -> 0.5, "--mock", "--config", config.toString(), "read", "--json");

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "[{\"sensor\":\"Plant\",\"stream\":\"Plant\",\"raw\":613,"
                + "\"percent\":50.1,\"color\":\"#4f9150\",\"time\":\"2026-11-28T09:00:00Z\",\"fault\":null},"
                + "{\"sensor\":\"Fern\",\"stream\":\"Fern stream\",\"raw\":2450,\"percent\":50.0,"
                + "\"color\":\"#4f9150\",\"time\":\"2026-11-28T09:00:00Z\",\"fault\":null}]\n");
  }

  @Test
  void readPrintsATableAndGlobalOptionsWorkAfterTheSubcommand() throws Exception {
    Path config = config("[sensor.Plant]\n");

    int exit = run(() -> 1, "read", "--config", config.toString(), "--mock");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("Plant        raw  825  100%  #23497a\n");
  }

  @Test
  void calibrateWalksThroughDryAndWetAndRewritesTheFileKeepingComments() throws Exception {
    Path config =
        config(
            """
        # Basil on the window sill.
        [sensor.Basil]
        # old values
        dry = 100
        wet = 200
        """);
    stdin = "\n\n";

    // The simulated probe is dry until the user is told to put it in water.
    int exit =
        run(
            () -> out.toString().contains("glass of water") ? 1 : 0,
            "--mock",
            "--config",
            config.toString(),
            "calibrate",
            "--seconds",
            "3");

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(Files.readString(config))
        .isEqualTo(
            """
        # Basil on the window sill.
        [sensor.Basil]
        # old values
        dry = 400
        wet = 825
        """);
    assertThat(out.toString())
        .contains(
            "Calibrating Basil (MCP3008 channel 0 on /dev/spidev0.0).",
            "   dry: 400",
            "   wet: 825",
            "Wrote dry = 400, wet = 825 for Basil to " + config + ".");
    // 3 s of readings every 500 ms: 6 readings per point, 5 waits between them.
    assertThat(sleeps).hasSize(10).containsOnly(Duration.ofMillis(500));
  }

  /**
   * A probe that reads higher when wet on an ADS1115, one that reads lower when wet (a capacitive
   * probe) on an ADS1015 at another address.
   */
  private static final String BOTH_DIRECTIONS =
      """
      [sensor.Resistive]
      adc = ads1115
      dry = 10000
      wet = 20000
      [sensor.Capacitive]
      adc = ads1015
      address = 0x49
      dry = 1300
      wet = 700
      """;

  @Test
  void readsBothAdsChipsWithTheCalibrationInEitherDirection() throws Exception {
    Path config = config(BOTH_DIRECTIONS);

    // The simulated probe gives 1.59 V: 13052 of 32768 and 816 of 2048 at 4.096 V.
    int exit = run(() -> 0.25, "--mock", "--config", config.toString(), "read", "--json");

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "\"sensor\":\"Resistive\",\"stream\":\"Resistive\",\"raw\":13052,\"percent\":30.5,"
                + "\"color\":\""
                + ColorScale.defaultScale().color(30.52).hex(),
            "\"sensor\":\"Capacitive\",\"stream\":\"Capacitive\",\"raw\":816,\"percent\":80.7,"
                + "\"color\":\""
                + ColorScale.defaultScale().color(80.67).hex());
  }

  @Test
  void readGivesTheDryAndWetColorsForEitherDirection() throws Exception {
    Path config = config(BOTH_DIRECTIONS);

    // In water the probe gives 2.66 V: 21270 and 1329, wetter than the resistive wet point and
    // drier than the capacitive dry point.
    int exit = run(() -> 1, "--mock", "--config", config.toString(), "read");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
        Resistive    raw 21270  100%  #23497a
        Capacitive   raw 1329    0%  #e8c872
        """);
  }

  @Test
  void calibrateWritesACapacitiveProbeOnAnAds1015WithDryAboveWet() throws Exception {
    Path config = config("[sensor.Basil]\nadc = ADS1015\nchannel = 2\n");
    stdin = "\n\n";

    // The probe reads high while dry and low once the user is told to put it in water.
    int exit =
        run(
            () -> out.toString().contains("glass of water") ? 0 : 1,
            "--mock",
            "--config",
            config.toString(),
            "calibrate",
            "--seconds",
            "1");

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(Files.readString(config))
        .isEqualTo("[sensor.Basil]\nadc = ADS1015\nchannel = 2\ndry = 1329\nwet = 645\n");
    assertThat(out.toString())
        .contains("Calibrating Basil (ADS1015 channel 2 on /dev/i2c-1 address 0x48).");
  }

  @Test
  void calibrateWritesNothingWhenDryAndWetReadTheSame() throws Exception {
    String text = "[sensor.Plant]\ndry = 100\nwet = 200\n";
    Path config = config(text);
    stdin = "\n\n";

    int exit = run(() -> 0.5, "--mock", "--config", config.toString(), "calibrate");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("dry (613) and wet (613) are too close to tell apart");
    assertThat(Files.readString(config)).isEqualTo(text);
  }

  /**
   * The service reads the config as its own user: {@code sudo calibrate} must leave the file's
   * owner, group and mode as they were (it once left root's 0600 temp file behind). Run as root, as
   * CI runs, the test gives the file to another user first, so that keeping root would fail.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----"})
  void calibrateKeepsTheConfigsOwnerGroupAndMode(String mode) throws Exception {
    Path config = config("[sensor.Basil]\ndry = 100\nwet = 200\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(mode));
    boolean root = System.getProperty("user.name").equals("root");
    if (root && mode.equals("rw-r-----")) {
      UserPrincipalLookupService users = config.getFileSystem().getUserPrincipalLookupService();
      Files.getFileAttributeView(config, PosixFileAttributeView.class)
          .setGroup(users.lookupPrincipalByGroupName("nogroup"));
      Files.setOwner(config, users.lookupPrincipalByName("nobody"));
    }
    PosixFileAttributes before = Files.readAttributes(config, PosixFileAttributes.class);
    stdin = "\n\n";

    int exit =
        run(
            () -> out.toString().contains("glass of water") ? 1 : 0,
            "calibrate",
            "--mock",
            "--config",
            config.toString());

    assertThat(exit).isZero();
    PosixFileAttributes after = Files.readAttributes(config, PosixFileAttributes.class);
    assertThat(Files.readString(config)).contains("dry = 400", "wet = 825");
    assertThat(PosixFilePermissions.toString(after.permissions())).isEqualTo(mode);
    assertThat(after.owner()).isEqualTo(before.owner());
    assertThat(after.group()).isEqualTo(before.group());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(config);
    }
  }

  @Test
  void calibrateWithMockWritesNoFileWithoutConfig() {
    Path system = Path.of("/etc/blotre-agent/agent.conf");
    boolean existed = Files.exists(system);
    stdin = "\n\n";

    int exit = run(() -> out.toString().contains("glass of water") ? 1 : 0, "calibrate", "--mock");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("   dry: 400", "   wet: 825")
        .contains("Simulated values (--mock): not written to /etc/blotre-agent/agent.conf");
    assertThat(Files.exists(system)).isEqualTo(existed);
  }

  @Test
  void withoutACommandTheDaemonRunsWithTheGlobalOptions() {
    int exit = run(() -> 0.5, "--mock", "--server", "ftp://blot.re");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("Configuration error: --server must start with http:// or https://\n");
  }

  @Test
  void aServerUrlWithAPasswordExitsWithTwoNamingFileLineAndKeyButNotThePassword() throws Exception {
    Path config = config("\uFEFF[server]\nurl = https://bob:hunter2@blot.re\n[sensor.Plant]\n");

    int exit = run(() -> 0.5, "--mock", "--config", config.toString(), "read");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("Configuration error: " + config + " line 2: 'url': (value not repeated)")
        .doesNotContain("hunter2");
  }

  @Test
  void configErrorsExitWithTwoAndNameTheLine() throws Exception {
    Path config = config("[sensor.Plant]\nchannel = 9\n");

    int exit = run(() -> 0, "--mock", "--config", config.toString(), "read");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "Configuration error: " + config + " line 2: 'channel': '9' is out of range 0-7\n");
  }

  @Test
  void aMissingExplicitConfigIsAConfigurationError() throws Exception {
    assertThat(run(() -> 0, "--mock", "--config", dir.resolve("none.conf").toString(), "read"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run(() -> 0, "read", "--jsn")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--jsn'");
  }

  @Test
  void hardwareProblemsExitWithOneAndGiveTheAdvice() throws Exception {
    Path config = config("[sensor.Plant]\n");
    AgentEnvironment environment = environment(() -> 0);
    AgentEnvironment broken =
        new AgentEnvironment(
            environment.env(),
            environment.in(),
            environment.out(),
            environment.err(),
            environment.clock(),
            environment.ticker(),
            environment.sleeper(),
            () -> {
              throw new HardwareException("/dev/spidev0.0 does not exist. SPI is not enabled");
            },
            environment.mockHardware(),
            environment.systemd(),
            environment.stops(),
            environment.stopGrace());

    int exit = Main.execute(broken, "--config", config.toString(), "read");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("/dev/spidev0.0 does not exist. SPI is not enabled\n");
  }

  @Test
  void versionAndHelp() throws Exception {
    assertThat(run(() -> 0, "--version")).isZero();
    assertThat(out.toString()).startsWith("blotre-agent ");

    assertThat(run(() -> 0, "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "read",
            "calibrate",
            "status",
            "--config",
            "--creds",
            "--server",
            "--interval",
            "--mock");
  }

  @Test
  void eachCommandsHelpListsOnlyItsOwnOptions() {
    assertThat(run(() -> 0, "status", "--help")).isZero();
    assertThat(out.toString()).contains("--config", "--json").doesNotContain("--mock", "--creds");

    out.getBuffer().setLength(0);
    assertThat(run(() -> 0, "read", "--help")).isZero();
    assertThat(out.toString())
        .contains("--config", "--mock", "--json", "--debug", "--quiet")
        .doesNotContain("--creds", "--server", "--interval", "--once");

    out.getBuffer().setLength(0);
    assertThat(run(() -> 0, "run", "--help")).isZero();
    assertThat(out.toString())
        .contains("--config", "--creds", "--server", "--interval", "--mock", "--once", "--debug");
  }

  @Test
  void debugAndQuietTogetherAreAUsageError() {
    assertThat(run(() -> 0, "read", "--mock", "--debug", "--quiet")).isEqualTo(2);
    assertThat(err.toString()).contains("--debug and --quiet contradict each other");
  }

  private int run(DoubleSupplier moisture, String... args) {
    return Main.execute(environment(moisture), args);
  }

  private AgentEnvironment environment(DoubleSupplier moisture) {
    Sleeper sleeper = sleeps::add;
    return new AgentEnvironment(
        env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC),
        () -> 0L,
        sleeper,
        () -> {
          throw new AssertionError("real hardware opened in a test");
        },
        () -> Pi4jHardware.mock(new SimulatedPlant(moisture)),
        SdNotify::disabled,
        stop -> {
          throw new AssertionError("a one-shot command listened for stop signals");
        },
        Daemon.PUSH_STOP_GRACE);
  }

  private Path config(String text) throws Exception {
    return Files.writeString(dir.resolve("agent.conf"), text);
  }
}
