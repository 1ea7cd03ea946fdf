package re.blot.agent.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options several commands share, each a picocli mixin that {@link Main} adds to just the
 * commands that use it, so that every command's {@code --help} lists only its own options.
 */
final class Options {
  final ConfigFile configFile = new ConfigFile();
  final Creds creds = new Creds();
  final Server server = new Server();
  final Interval interval = new Interval();
  final Mock mock = new Mock();
  final Verbosity verbosity = new Verbosity();

  /** Every group, as {@code run} takes them. */
  List<Object> all() {
    return List.of(configFile, creds, server, interval, mock, verbosity);
  }

  static final class ConfigFile {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "Config file (default: /etc/blotre-agent/agent.conf; built-in defaults if"
                + " that is missing).")
    Path path;
  }

  static final class Creds {
    @Option(
        names = "--creds",
        paramLabel = "FILE",
        description =
            "Credentials file (default: /var/lib/blotre-agent/creds.json, or creds.json in"
                + " systemd's $STATE_DIRECTORY).")
    Path path;
  }

  static final class Server {
    @Option(
        names = "--server",
        paramLabel = "URL",
        description = "Blot're server, overriding the config file (setup writes it there).")
    String url;
  }

  static final class Interval {
    @Option(
        names = "--interval",
        paramLabel = "SECONDS",
        description = "Seconds between readings, overriding the config file.")
    Integer seconds;
  }

  static final class Mock {
    @Option(
        names = "--mock",
        description = "Use Pi4J's mock platform with a simulated plant instead of the Pi's SPI.")
    boolean on;
  }

  static final class Verbosity {
    @Option(
        names = "--debug",
        description = "Log more detail (the daemon logs every push and tag change).")
    boolean debug;

    @Option(names = "--quiet", description = "Log only warnings and errors.")
    boolean quiet;
  }
}
