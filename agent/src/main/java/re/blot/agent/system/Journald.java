package re.blot.agent.system;

import java.util.Map;

/** Whether the process runs under systemd, whose journal stamps each line itself. */
public final class Journald {
  private Journald() {}

  /** True when systemd started the process (it sets these for every service). */
  public static boolean isUnderSystemd(Map<String, String> env) {
    return env.containsKey("JOURNAL_STREAM") || env.containsKey("INVOCATION_ID");
  }
}
