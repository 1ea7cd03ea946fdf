package re.blot.demo;

import java.io.PrintWriter;
import re.blot.client.disposable.AuthorizationPrompt;
import re.blot.client.disposable.UserChannel;
import re.blot.server.BlotreServer;

/**
 * The demo's stand-in for the person at the browser: shows what a real user would be told, then
 * redeems the code on the server as one of its users, as if they had entered it and pressed Allow.
 */
public final class AutoRedeemChannel implements UserChannel {
  private final BlotreServer server;
  private final String user;
  private final PrintWriter out;

  /** Redeems codes as {@code user} of {@code server}, telling {@code out} what happens. */
  public AutoRedeemChannel(BlotreServer server, String user, PrintWriter out) {
    this.server = server;
    this.user = user;
    this.out = out;
  }

  @Override
  public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
    out.println("  A real user is told: " + prompt.message());
    out.println(
        "  The demo does that for you: it enters the code as the server's user '"
            + user
            + "' and presses Allow.");
    out.flush();
    server.redeem(prompt.code(), user);
    checkNow.run();
  }

  @Override
  public void authorized(String userName) {
    out.println("  Authorized as " + userName + ".");
    out.flush();
  }
}
