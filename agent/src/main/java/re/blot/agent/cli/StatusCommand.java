package re.blot.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import re.blot.agent.system.HealthFileLocations;

/** {@code status}: prints the status file the running daemon writes after every reading. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print what the running daemon last did: readings, last push, outage.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    AgentEnvironment environment = main.environment();
    HealthFileLocations locations = HealthFileLocations.of(environment.env());
    Optional<Path> file = locations.find();
    if (file.isEmpty()) {
      environment
          .err()
          .println(
              "No status file found (looked for "
                  + locations.lookup()
                  + "). Is the daemon running?"
                  + " Check with: systemctl status blotre-agent");
      return Main.EXIT_FAILURE;
    }
    environment.out().println("Status from " + file.get() + ":");
    environment.out().print(Files.readString(file.get()));
    environment.out().flush();
    return 0;
  }
}
