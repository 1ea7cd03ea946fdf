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
 * the Blot're API, writes it to the config file, authorizes the agent on the console, then says
 * where it will write.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description =
        "Point the agent at your Blot're server (--server URL, or asked for when the config"
            + " file names none), authorize it with your account, then print the user and the"
            + " streams it will write to.")
final class SetupCommand implements Callable<Integer> {
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
      AgentConfig config = main.config();
      if (config.serverUrl().isEmpty()) {
        config = config.withServerUrl(askForServer(in, out));
      }
      String url = config.serverUrl().get();
      out.println("Checking that " + url + " answers the Blot're API...");
      out.flush();
      ServerProbe.of(url).check();
      String saved = saveServer(loaded, url);
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
   * Writes {@code url} to the config file unless it names it already; returns what to tell the
   * person about it. The file is root's: when it cannot be written, the person is told how.
   */
  private static String saveServer(ConfigLoader.Loaded loaded, String url) {
    Path path = loaded.path();
    if (loaded.file().isPresent() && loaded.config().serverUrl().equals(Optional.of(url))) {
      return "The server is the one in " + path + ".";
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
