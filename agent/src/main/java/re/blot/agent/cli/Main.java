package re.blot.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigException;
import re.blot.agent.config.ConfigLoader;
import re.blot.agent.config.ConfigReader;
import re.blot.agent.sensor.HardwareException;
import re.blot.agent.sensor.SensorHardware;
import re.blot.agent.system.LogConfigurator;
import re.blot.client.disposable.DisposableApp;
import re.blot.client.disposable.UserChannel;

/**
 * The {@code blotre-agent} command line: the subcommands, each a thin shell that wires the pieces
 * of the agent together, and the options they share.
 *
 * <p>Exit codes: 0 success, 2 usage or configuration error, 3 ({@code status}) the agent is not
 * running, 1 any other failure.
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

  /** Exit code of {@code status} when the agent is not running, as {@code systemctl status}'s. */
  public static final int EXIT_NOT_RUNNING = 3;

  /** Where {@code setup} stores and the daemon reads the credentials. */
  public static final Path DEFAULT_CREDS = Path.of("/var/lib/blotre-agent/creds.json");

  /** The name the agent registers with Blot're, shown to the user who authorizes it. */
  public static final String APP_NAME = "blotre-agent";

  /** The description shown with {@link #APP_NAME}. */
  public static final String APP_BLURB = "Soil moisture from a Raspberry Pi, as a stream's color.";

  /**
   * Options given before the command ({@code blotre-agent --config FILE read}), as before the
   * commands had options of their own; without a command they are {@code run}'s.
   */
  private final Options before = new Options();

  /** Options given after the command, which win. */
  private final Options after = new Options();

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
    Main main = new Main(environment);
    CommandLine commandLine = new CommandLine(main, new Factory(main));
    main.addOptions(commandLine);
    commandLine.setExecutionStrategy(
        parsed -> {
          boolean debug = main.before.verbosity.debug || main.after.verbosity.debug;
          boolean quiet = main.before.verbosity.quiet || main.after.verbosity.quiet;
          if (debug && quiet) {
            throw new CommandLine.ParameterException(
                commandLine, "--debug and --quiet contradict each other: give one");
          }
          LogConfigurator.verbosity(debug, quiet);
          return new CommandLine.RunLast().execute(parsed);
        });
    return configure(commandLine, environment);
  }

  /**
   * Gives each command the shared options it uses. They all fill {@link #after}: picocli parses one
   * command per run.
   */
  private void addOptions(CommandLine commandLine) {
    add(commandLine.getCommandSpec(), before.all());
    Map<String, List<Object>> options =
        Map.of(
            "run", after.all(),
            "setup", List.of(after.configFile, after.creds, after.server, after.verbosity),
            "read", List.of(after.configFile, after.mock, after.verbosity),
            "calibrate", List.of(after.configFile, after.mock, after.verbosity),
            "status", List.of(after.configFile));
    options.forEach(
        (command, mixins) ->
            add(commandLine.getSubcommands().get(command).getCommandSpec(), mixins));
  }

  private static void add(CommandSpec spec, List<Object> mixins) {
    for (Object mixin : mixins) {
      spec.addMixin(mixin.getClass().getSimpleName(), CommandSpec.forAnnotatedObject(mixin));
    }
  }

  /** The option's value after the command, else before it. */
  private static <T> T given(T after, T before) {
    return after != null ? after : before;
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
    return ConfigLoader.load(given(after.configFile.path, before.configFile.path));
  }

  /** Whether {@code --config} named a file. */
  boolean configGiven() {
    return given(after.configFile.path, before.configFile.path) != null;
  }

  /**
   * The config file's absolute path, given or not: it names this agent's status file, so that
   * {@code status --config FILE} finds the agent started with {@code --config FILE}.
   */
  String configPath() {
    return Optional.ofNullable(given(after.configFile.path, before.configFile.path))
        .orElse(ConfigLoader.DEFAULT_PATH)
        .toAbsolutePath()
        .normalize()
        .toString();
  }

  /** The configuration with the command-line overrides applied. */
  AgentConfig config() {
    AgentConfig loaded = loadConfig().config();
    String server = given(after.server.url, before.server.url);
    if (server != null) {
      try {
        ConfigReader.httpUrl(server);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--server " + e.getMessage());
      }
      loaded = loaded.withServerUrl(server);
    }
    Integer interval = given(after.interval.seconds, before.interval.seconds);
    if (interval != null) {
      loaded = loaded.withInterval(checkedInterval(interval));
    }
    return loaded;
  }

  /** No command is {@code run}, the daemon, with the defaults. */
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
    Path creds = given(after.creds.path, before.creds.path);
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

  /** {@code --interval seconds} as a duration; a {@link ConfigException} when out of range. */
  public static Duration checkedInterval(int seconds) {
    if (seconds < 1 || seconds > 86_400) {
      throw new ConfigException("--interval " + seconds + " is out of range 1-86400 seconds");
    }
    return Duration.ofSeconds(seconds);
  }

  /** Real hardware, or the mock platform with {@code --mock}. */
  SensorHardware openHardware() {
    return environment.openHardware(mock());
  }

  /** Whether {@code --mock} was given. */
  boolean mock() {
    return after.mock.on || before.mock.on;
  }

  /** Creates the subcommands; their {@code @ParentCommand} is {@code main}. */
  private record Factory(Main main) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Main.class) {
        return cls.cast(main);
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
