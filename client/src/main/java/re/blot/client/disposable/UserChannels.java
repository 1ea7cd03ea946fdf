package re.blot.client.disposable;

import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;

/** The two usual {@link UserChannel}s, and the choice between them. */
public final class UserChannels {
  private UserChannels() {}

  /**
   * Returns the terminal channel when this JVM has one ({@link System#console()} is not null), else
   * the log channel. Under systemd stdin is {@code /dev/null} and there is no console, so the
   * message goes to the log (the journal).
   *
   * @return the channel for this process
   */
  public static UserChannel detect() {
    return System.console() != null ? console() : log();
  }

  /**
   * Returns a channel that prints the message on the terminal and checks at once when the user
   * presses Enter. From the first code on, a daemon thread reads the terminal's lines until the JVM
   * ends (a blocked read cannot be stopped): an app that reads its own input after authorizing
   * should pass {@link #console(BufferedReader, PrintWriter)} a reader it does not use otherwise,
   * or use {@link #log()}.
   *
   * @return the terminal channel
   * @throws IllegalStateException if this JVM has no console
   */
  public static UserChannel console() {
    Console console = System.console();
    if (console == null) {
      throw new IllegalStateException(
          "No console: stdin or stdout is not a terminal; use UserChannels.log()");
    }
    return new ConsoleChannel(new BufferedReader(console.reader()), console.writer());
  }

  /**
   * Returns a channel that reads lines from {@code in} (each line, e.g. Enter, means "check now")
   * and prints to {@code out}; for terminals reached another way than {@link System#console()}.
   *
   * @param in the user's input
   * @param out where the messages go
   * @return the channel
   */
  public static UserChannel console(BufferedReader in, PrintWriter out) {
    return new ConsoleChannel(in, out);
  }

  /**
   * Returns a channel that writes the message to the log at WARN, as one line on logger {@code
   * re.blot.client.disposable.authorization}. WARN because the app cannot do its job until someone
   * acts on it, and WARN passes the filters that hide INFO on quiet services. Nobody can answer, so
   * "check now" is never used.
   *
   * @return the log channel
   */
  public static UserChannel log() {
    return new LogChannel();
  }
}
