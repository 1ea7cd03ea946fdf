package re.blot.client.disposable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints to a terminal; each line the user enters (Enter) asks for an immediate check. */
final class ConsoleChannel implements UserChannel {
  private static final Logger log = LoggerFactory.getLogger(ConsoleChannel.class);

  private final BufferedReader in;
  private final PrintWriter out;
  private volatile Runnable checkNow;
  private boolean listening;

  ConsoleChannel(BufferedReader in, PrintWriter out) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public synchronized void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
    this.checkNow = Objects.requireNonNull(checkNow, "checkNow");
    out.println();
    out.println(prompt.message());
    out.println(
        "Waiting for you to do that; this app checks by itself, or press Enter to check now.");
    out.flush();
    if (!listening) {
      listening = true;
      Thread reader = new Thread(this::readLines, "blotre-authorize-enter");
      // A thread blocked reading a terminal cannot be stopped; it must not keep the JVM alive.
      reader.setDaemon(true);
      reader.start();
    }
  }

  @Override
  public void authorized(String userName) {
    checkNow = null;
    out.println("Authorized as " + userName + ".");
    out.flush();
  }

  private void readLines() {
    try {
      while (in.readLine() != null) {
        Runnable action = checkNow;
        if (action != null) {
          action.run();
        }
      }
    } catch (IOException e) {
      log.debug("Stopped reading the terminal for Enter: {}", e.toString());
    }
  }
}
