package re.blot.demo;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import re.blot.agent.cli.AgentEnvironment;
import re.blot.agent.cli.DaemonLauncher;
import re.blot.agent.cli.Main;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigException;
import re.blot.agent.system.LogConfigurator;

/**
 * {@code blotre-demo}: the agent's daemon on a desktop, against an embedded in-memory server, with
 * a simulated plant and no manual steps. Stops on Ctrl-C.
 */
@Command(
    name = "blotre-demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Try the agent on any machine: a local Blot're server in memory, a simulated plant and"
            + " a push every 3 s (--interval to change); open the printed URL to watch the color."
            + " Ctrl-C stops it.")
public final class Demo implements Callable<Integer> {
  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "Seconds between readings (default: 3).")
  Integer interval;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port of the demo's server (default: 8080, or any free port if taken).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address the demo's server listens on (default: 127.0.0.1, this machine only);"
              + " 0.0.0.0 makes the page reachable from other machines.")
  String host;

  private final AgentEnvironment environment;

  Demo(AgentEnvironment environment) {
    this.environment = environment;
  }

  /** Runs the demo until Ctrl-C; {@code --help} lists the options. */
  public static void main(String[] args) {
    System.exit(execute(AgentEnvironment.system(), args));
  }

  /** Runs the demo's command line in {@code environment}; returns the exit code. */
  static int execute(AgentEnvironment environment, String... args) {
    return Main.configure(new CommandLine(new Demo(environment)), environment).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Duration every = interval == null ? DemoSession.INTERVAL : Main.checkedInterval(interval);
    if (port != null && (port < 1 || port > 65_535)) {
      throw new ConfigException("--port " + port + " is out of range 1-65535");
    }
    DemoSession demo = DemoSession.start(environment.out(), host, port);
    try {
      AgentConfig config = demo.config(every);
      var app = Main.disposableApp(config, demo.credsFile(), demo.userChannel());
      // The demo tells in its own words what the disposable flow logs (registered, authorized,
      // saved), so that its text comes first and the log lines after it are the readings.
      try (AutoCloseable sentencesOnly = LogConfigurator.consoleWarningsOnly()) {
        app.authorize();
        demo.announceReadings(every);
      }
      return DaemonLauncher.run(
          environment,
          config,
          demo.statusKey(),
          environment.openHardware(true),
          app::authorize,
          demo::close);
    } finally {
      demo.close();
    }
  }
}
