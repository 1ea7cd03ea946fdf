package re.blot.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.publish.AuthorizationChannel;
import re.blot.agent.publish.Authorizer;
import re.blot.agent.publish.DisposableAuthorizer;
import re.blot.agent.publish.ServerProbe;

/**
 * {@code run} (also the command when none is given): the daemon. Without credentials it logs the
 * code to enter and waits for it, reading all along.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "The daemon (the default command): read the sensors every interval and push"
            + " their colors until stopped. Logs the code to enter if the agent is not authorized.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    AgentConfig config = main.config();
    AuthorizationChannel channel = new AuthorizationChannel();
    // Without a server the agent still reads (and logs how to configure one), never exit-looping.
    Authorizer authorizer =
        config
            .serverUrl()
            .<Authorizer>map(
                url ->
                    new DisposableAuthorizer(
                        Main.disposableApp(config, main.credsPath(), channel),
                        channel,
                        main.environment().clock(),
                        ServerProbe.of(url)))
            .orElseGet(DisposableAuthorizer::noServer);
    return DaemonLauncher.run(
        main.environment(), config, main.openHardware(), authorizer, () -> {});
  }
}
