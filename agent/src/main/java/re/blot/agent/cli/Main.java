package re.blot.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigException;
import re.blot.agent.config.ConfigLoader;
import re.blot.agent.config.ConfigReader;
import re.blot.agent.sensor.HardwareException;
import re.blot.agent.sensor.SensorHardware;
import re.blot.client.disposable.DisposableApp;
import re.blot.client.disposable.UserChannel;

/**
 * The {@code blotre-agent} command line: global options and the subcommands, each a thin shell that
 * wires the pieces of the agent together.
 *
 * <p>Exit codes: 0 success, 2 usage or configuration error, 1 any other failure.
 */
@Command(
    name = "blotre-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Reads soil moisture from an MCP3008/MCP3208 on a Raspberry Pi and shows it as"
            + " the color of a Blot're stream.",
    subcommands = {
      RunCommand.class,
      SetupCommand.class,
      ReadCommand.class,
      CalibrateCommand.class,
      StatusCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  /** Exit code for a usage or configuration error. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for any other failure. */
  public static final int EXIT_FAILURE = 1;

  /** Where {@code setup} stores and the daemon reads the credentials. */
  public static final Path DEFAULT_CREDS = Path.of("/var/lib/blotre-agent/creds.json");

  /** The name the agent registers with Blot're, shown to the user who authorizes it. */
  public static final String APP_NAME = "blotre-agent";

  /** The description shown with {@link #APP_NAME}. */
  public static final String APP_BLURB = "Soil moisture from a Raspberry Pi, as a stream's color.";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Config file (default: /etc/blotre-agent/agent.conf; built-in defaults if"
              + " that is missing).")
  Path config;

  @Option(
      names = "--creds",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Credentials file (default: /var/lib/blotre-agent/creds.json, or creds.json in"
              + " systemd's $STATE_DIRECTORY).")
  Path creds;

  @Option(
      names = "--server",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Blot're server, overriding the config file (setup writes it there).")
  String server;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      scope = ScopeType.INHERIT,
      description = "Seconds between readings, overriding the config file.")
  Integer interval;

  @Option(
      names = "--mock",
      scope = ScopeType.INHERIT,
      description = "Use Pi4J's mock platform with a simulated plant instead of the Pi's SPI.")
  boolean mock;

  private final AgentEnvironment environment;

  Main(AgentEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(execute(AgentEnvironment.system(), args));
  }

  /** Runs the command line {@code args} in {@code environment}; returns the exit code. */
  public static int execute(AgentEnvironment environment, String... args) {
    return commandLine(environment).execute(args);
  }

  static CommandLine commandLine(AgentEnvironment environment) {
    return configure(new CommandLine(new Main(environment), new Factory(environment)), environment);
  }

  /**
   * Gives {@code commandLine} the agent's console streams and exit codes: a configuration error
   * exits {@link #EXIT_USAGE}, any other failure {@link #EXIT_FAILURE} with its message alone.
   */
  public static CommandLine configure(CommandLine commandLine, AgentEnvironment environment) {
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException || e instanceof CommandLine.ParameterException) {
            cmd.getErr().println("Configuration error: " + e.getMessage());
            return EXIT_USAGE;
          }
          cmd.getErr()
              .println(
                  e instanceof HardwareException
                      ? e.getMessage()
                      : "blotre-agent: "
                          + (e.getMessage() != null ? e.getMessage() : e.toString()));
          return EXIT_FAILURE;
        });
    return commandLine;
  }

  AgentEnvironment environment() {
    return environment;
  }

  /** The loaded config file (or the defaults), for commands that rewrite it. */
  ConfigLoader.Loaded loadConfig() {
    return ConfigLoader.load(config);
  }

  /** The configuration with the command-line overrides applied. */
  AgentConfig config() {
    AgentConfig loaded = loadConfig().config();
    if (server != null) {
      try {
        ConfigReader.httpUrl(server);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--server " + e.getMessage());
      }
      loaded = loaded.withServerUrl(server);
    }
    if (interval != null) {
      loaded = loaded.withInterval(checkedInterval(interval));
    }
    return loaded;
  }

  /** No command is {@code run}, the daemon. */
  @Override
  public Integer call() throws Exception {
    RunCommand run = new RunCommand();
    run.main = this;
    return run.call();
  }

  /**
   * The credentials file: {@code --creds}, else {@code creds.json} in the service's state directory
   * under systemd, else {@link #DEFAULT_CREDS}.
   */
  Path credsPath() {
    if (creds != null) {
      return creds;
    }
    String state = environment.env().get("STATE_DIRECTORY");
    // systemd joins several StateDirectory= entries with ':'; ours is the first.
    return state == null || state.isBlank()
        ? DEFAULT_CREDS
        : Path.of(state.split(":")[0], DEFAULT_CREDS.getFileName().toString());
  }

  /**
   * The agent as a disposable app of {@code config}'s server, credentials in {@code credsFile}.
   *
   * @throws ConfigException when {@code config} names no server
   */
  public static DisposableApp disposableApp(
      AgentConfig config, Path credsFile, UserChannel channel) {
    return DisposableApp.builder(APP_NAME, APP_BLURB)
        .baseUrl(
            config
                .serverUrl()
                .orElseThrow(() -> new ConfigException("no Blot're server: pass --server URL")))
        .credentialsFile(credsFile)
        .userChannel(channel)
        .build();
  }

  /** {@code --interval}, or {@code otherwise} without it. */
  Duration intervalOr(Duration otherwise) {
    return interval != null ? checkedInterval(interval) : otherwise;
  }

  /** {@code --interval seconds} as a duration; a {@link ConfigException} when out of range. */
  public static Duration checkedInterval(int seconds) {
    if (seconds < 1 || seconds > 86_400) {
      throw new ConfigException("--interval " + seconds + " is out of range 1-86400 seconds");
    }
    return Duration.ofSeconds(seconds);
  }

  /** Real hardware, or the mock platform with {@code --mock}. */
  SensorHardware openHardware() {
    return environment.openHardware(mock);
  }

  /** Creates subcommands with the environment they need. */
  private record Factory(AgentEnvironment environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Main.class) {
        return cls.cast(new Main(environment));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** The version from the jar manifest's Implementation-Version. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"blotre-agent " + (version != null ? version : "(development build)")};
    }
  }
}
