package re.blot.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigException;
import re.blot.agent.config.ConfigLoader;
import re.blot.agent.config.ConfigReader;
import re.blot.agent.config.ConfigWriter;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.publish.SensorStreams;
import re.blot.agent.publish.ServerProbe;
import re.blot.agent.system.LogConfigurator;
import re.blot.client.Blotre;
import re.blot.client.disposable.UserChannels;

/**
 * {@code setup}: finds the server (asking for its URL when none is configured), checks it answers
 * the Blot're API, authorizes the agent on the console, writes the server to the config file, then
 * says where it will write.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description =
        "Point the agent at your Blot're server (--server URL, or asked for when the config"
            + " file names none), authorize it with your account, then print the user and the"
            + " streams it will write to.")
final class SetupCommand implements Callable<Integer> {
  /**
   * Set by the package's launcher when root runs {@code setup}: an empty file beside the config
   * file, writable by the service user this command runs as, to write the new config into. The
   * launcher moves it over the config file once {@code setup} succeeds, so the JVM never runs as
   * root and the service user never writes /etc/blotre-agent.
   */
  static final String HANDOVER_ENV = "BLOTRE_AGENT_NEW_CONFIG";

  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    PrintWriter out = environment.out();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
    // The person reads sentences; the INFO lines that say the same are for the daemon's journal.
    try (AutoCloseable quiet = LogConfigurator.consoleWarningsOnly()) {
      ConfigLoader.Loaded loaded = main.loadConfig();
      Optional<Path> handover = handover(environment, loaded.path());
      AgentConfig config = main.config();
      if (config.serverUrl().isEmpty()) {
        config = config.withServerUrl(askForServer(in, out));
      }
      String url = config.serverUrl().get();
      out.println("Checking that " + url + " answers the Blot're API...");
      out.flush();
      ServerProbe.of(url).check();
      Blotre blotre =
          Main.disposableApp(config, main.credsPath(), UserChannels.console(in, out)).authorize();
      out.println(
          "The agent is authorized as Blot're user "
              + blotre.getCreds().user().userName()
              + " on "
              + url
              + "; credentials are in "
              + main.credsPath()
              + ".");
      checkParentIsOwnedBy(config, blotre.getCreds().user().userName());
      // Saved once setup succeeds: the launcher installs a handed-over file only then, and a
      // setup run without it behaves the same.
      String saved = saveServer(loaded, url, handover);
      SensorStreams streams = SensorStreams.of(blotre, config);
      out.println("It will write to:");
      for (SensorConfig sensor : config.sensors()) {
        out.println("  " + streams.uriOf(sensor.stream()) + "  (sensor " + sensor.name() + ")");
      }
      out.println(saved);
      out.println(
          "Start it with: sudo systemctl enable blotre-agent && sudo systemctl restart"
              + " blotre-agent");
    }
    return 0;
  }

  /** Asks on the console until a URL Blot're could be at is typed. */
  private static String askForServer(BufferedReader in, PrintWriter out) throws IOException {
    out.println("No Blot're server is configured yet.");
    while (true) {
      out.print("Your Blot're server's URL (e.g. http://192.168.1.10:8080): ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new ConfigException(
            "no Blot're server given: type its URL when asked, or pass --server URL");
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        return ConfigReader.httpUrl(line.strip());
      } catch (IllegalArgumentException e) {
        out.println("That URL " + e.getMessage() + ".");
      }
    }
  }

  /**
   * The file the launcher hands over for the new config, if any. It must lie beside {@code config}:
   * one elsewhere would mean the launcher and this command disagree on which file setup edits.
   */
  private static Optional<Path> handover(AgentEnvironment environment, Path config) {
    Optional<Path> handover =
        Optional.ofNullable(environment.env().get(HANDOVER_ENV))
            .filter(name -> !name.isEmpty())
            .map(Path::of);
    Path directory = config.toAbsolutePath().normalize().getParent();
    if (handover.isPresent()
        && !handover.get().toAbsolutePath().normalize().getParent().equals(directory)) {
      throw new ConfigException(
          HANDOVER_ENV + " is " + handover.get() + ", which is not beside " + config);
    }
    return handover;
  }

  /**
   * Writes {@code url} to the config file (or to the launcher's {@code handover} file) unless it
   * names it already; returns what to tell the person about it. The file is root's: when it cannot
   * be written, the person is told how.
   */
  private static String saveServer(
      ConfigLoader.Loaded loaded, String url, Optional<Path> handover) {
    Path path = loaded.path();
    if (loaded.file().isPresent() && loaded.config().serverUrl().equals(Optional.of(url))) {
      return "The server is the one in " + path + ".";
    }
    if (handover.isPresent()) {
      ConfigWriter.writeServerUrl(loaded, url, handover.get());
      return "The server's URL is saved in " + path + ".";
    }
    if (!ConfigWriter.canWrite(path)) {
      return "One more step: "
          + path
          + " cannot be written by this user; as root, set \"url = "
          + url
          + "\" in its [server] section (sudoedit "
          + path
          + ").";
    }
    ConfigWriter.writeServerUrl(loaded, url);
    return "The server's URL is saved in " + path + ".";
  }

  /**
   * Streams under a user's root stream belong to that user (only the owner can add children), so a
   * parent under another user's root would be refused at every push.
   */
  private static void checkParentIsOwnedBy(AgentConfig config, String userName) {
    config
        .parentStream()
        .ifPresent(
            parent -> {
              String owner = Blotre.normalizeUri(parent).split("/")[0];
              if (!owner.equals(Blotre.normalizeUri(userName))) {
                throw new ConfigException(
                    "[server] parent '"
                        + parent
                        + "' is a stream of user "
                        + owner
                        + ", not of "
                        + userName
                        + " who authorized the agent: Blot're would refuse every push there."
                        + " Set parent to a stream under "
                        + Blotre.normalizeUri(userName)
                        + "/, or remove it to use your root stream");
              }
            });
  }
}
