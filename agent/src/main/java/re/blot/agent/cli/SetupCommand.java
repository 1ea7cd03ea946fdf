package re.blot.agent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
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
    SensorStreams streams = SensorStreams.of(blotre, config);
    out.println("It will write to:");
    for (SensorConfig sensor : config.sensors()) {
      out.println("  " + streams.uriOf(sensor.stream()) + "  (sensor " + sensor.name() + ")");
    }
    out.println("Start it with: sudo systemctl enable --now blotre-agent");
    return 0;
  }
}
