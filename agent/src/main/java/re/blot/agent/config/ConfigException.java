package re.blot.agent.config;

/**
 * A configuration problem that stops start-up. The message names the file, the line and the key, so
 * an admin can go straight to it.
 */
public final class ConfigException extends RuntimeException {
  private final int line;
  private final String key;

  ConfigException(String source, int line, String key, String problem) {
    super(source + " line " + line + ": " + (key == null ? "" : "'" + key + "': ") + problem);
    this.line = line;
    this.key = key;
  }

  /** A problem not tied to one line: a missing file, or a bad command-line override. */
  public ConfigException(String message) {
    super(message);
    this.line = 0;
    this.key = null;
  }

  /** The 1-based line of the problem, or 0 when it concerns no single line. */
  public int line() {
    return line;
  }

  /** The key the problem concerns, or null for a problem of syntax or of the whole file. */
  public String key() {
    return key;
  }
}
