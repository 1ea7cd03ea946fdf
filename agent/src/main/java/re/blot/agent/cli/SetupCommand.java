package re.blot.agent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigException;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.publish.SensorStreams;
import re.blot.client.Blotre;
import re.blot.client.disposable.UserChannels;

/** {@code setup}: authorizes the agent on the console, then says where it will write. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description =
        "Authorize the agent with your Blot're account (first run), then print the user"
            + " and the streams it will write to.")
final class SetupCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    PrintWriter out = environment.out();
    AgentConfig config = main.config();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
    Blotre blotre =
        Main.disposableApp(config, main.credsPath(), UserChannels.console(in, out)).authorize();
    out.println(
        "The agent is authorized as Blot're user "
            + blotre.getCreds().user().userName()
            + " on "
            + config.serverUrl()
            + "; credentials are in "
            + main.credsPath()
            + ".");
    checkParentIsOwnedBy(config, blotre.getCreds().user().userName());
    SensorStreams streams = SensorStreams.of(blotre, config);
    out.println("It will write to:");
    for (SensorConfig sensor : config.sensors()) {
      out.println("  " + streams.uriOf(sensor.stream()) + "  (sensor " + sensor.name() + ")");
    }
    out.println("Start it with: sudo systemctl enable --now blotre-agent");
    return 0;
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
