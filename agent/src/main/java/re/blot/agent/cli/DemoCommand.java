package re.blot.agent.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.demo.DemoSession;

/**
 * {@code demo}: the daemon on a desktop, against an embedded emulator, with a simulated plant and
 * no manual steps. Stops on Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Try the agent on any machine: a local Blot're emulator, a simulated plant and"
            + " a push every 3 s (--interval to change); open the printed URL to watch the color."
            + " Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    Duration interval = main.intervalOr(DemoSession.INTERVAL);
    DemoSession demo = DemoSession.start(environment.out());
    try {
      AgentConfig config = demo.config(interval);
      var app = Main.disposableApp(config, demo.credsFile(), demo.userChannel());
      app.authorize();
      demo.announceReadings(interval);
      return DaemonLauncher.run(
          environment, config, environment.openHardware(true), app::authorize, demo::close);
    } finally {
      demo.close();
    }
  }
}
