package re.blot.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.publish.AuthorizationChannel;
import re.blot.agent.publish.Authorizer;
import re.blot.agent.publish.DisposableAuthorizer;
import re.blot.agent.publish.ServerProbe;
import re.blot.client.disposable.CredentialStore;

/**
 * {@code run} (also the command when none is given): the daemon. Without credentials it logs the
 * code to enter and waits for it, reading all along. {@code run --once} reads and pushes once.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "The daemon (the default command): read the sensors every interval and push"
            + " their colors until stopped. Logs the code to enter if the agent is not authorized.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(
      names = "--once",
      description =
          "Read every sensor once, push the colors and exit: 0 when every push succeeded, 1"
              + " otherwise. For cron, or to test a setup; needs the credentials of `setup`.")
  boolean once;

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
    if (once) {
      if (CredentialStore.at(main.credsPath()).load().flatMap(c -> c.creds()).isEmpty()) {
        main.environment()
            .err()
            .println(
                "The agent is not authorized yet (no credentials in "
                    + main.credsPath()
                    + "): run `sudo blotre-agent setup` first.");
        return Main.EXIT_FAILURE;
      }
      return OneRound.run(main.environment(), config, main.openHardware(), authorizer);
    }
    return DaemonLauncher.run(
        main.environment(), config, main.configPath(), main.openHardware(), authorizer, () -> {});
  }
}
