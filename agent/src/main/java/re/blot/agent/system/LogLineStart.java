package re.blot.agent.system;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * The start of the log pattern (see logback.xml): the level alone under systemd, because journald
 * stamps each line itself, or the date and time and the level on a console. (Logback trims a
 * defined value, so the separating space cannot be the value's last character.)
 */
public final class LogLineStart extends PropertyDefinerBase {
  private static final String LEVEL = "%-5level";

  @Override
  public String getPropertyValue() {
    return Journald.isUnderSystemd(System.getenv()) ? LEVEL : "%d{yyyy-MM-dd HH:mm:ss.SSS} " + LEVEL;
  }
}
