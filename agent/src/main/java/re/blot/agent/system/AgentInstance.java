package re.blot.agent.system;

import java.time.Duration;
import java.time.Instant;

/**
 * Which agent writes a status file: its process, when it started, and what it runs with.
 *
 * @param config the config file's absolute path; it also names the status file, one per agent
 * @param server the Blot're server; null when none is configured
 */
public record AgentInstance(
    long pid, Instant startedAt, String config, String server, Duration interval) {

  /** This process, started at {@code startedAt}. */
  public static AgentInstance current(
      Instant startedAt, String config, String server, Duration interval) {
    return new AgentInstance(ProcessHandle.current().pid(), startedAt, config, server, interval);
  }
}
