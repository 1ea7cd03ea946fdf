package re.blot.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar blotre-server.jar [--port N] [--host ADDR] [--user NAME]... [--control]}: serves
 * until stopped (Ctrl-C stops it cleanly).
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar blotre-server.jar [--port N] [--host ADDR] [--user NAME]... [--control]",
          "  --port N      port to listen on (default 0: any free port)",
          "  --host ADDR   address to bind (default 127.0.0.1: this machine only)",
          "  --user NAME   a user with its root stream; repeatable (default: one user, demo)",
          "  --control     serve the /_emulator/ control API for tests",
          "  --help        show this help");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    BlotreServer.Builder builder;
    try {
      builder = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("blotre-server: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.println(USAGE);
      return;
    }
    BlotreServer emulator = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  System.out.println("Blot're emulator stopped.");
                },
                "blotre-server-stop"));
    describe(emulator, System.out);
    emulator.join();
  }

  /** The builder the arguments ask for, or null for {@code --help}; throws on bad arguments. */
  static BlotreServer.Builder parse(List<String> args) {
    BlotreServer.Builder builder = BlotreServer.builder();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> {
          return null;
        }
        case "--control" -> builder.controlApi(true);
        case "--port" -> builder.port(port(value(args, ++i, arg)));
        case "--host" -> builder.host(value(args, ++i, arg));
        case "--user" -> users.add(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    users.forEach(builder::user);
    return builder;
  }

  private static String value(List<String> args, int index, String flag) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(index);
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535, was: " + text);
  }

  private static void describe(BlotreServer emulator, PrintStream out) {
    out.println("Blot're emulator serving at " + emulator.baseUrl());
    out.println("  streams:  " + emulator.baseUrl() + "/");
    out.println("  redeem:   " + emulator.baseUrl() + "/v0/oauth2/redeem");
    emulator
        .store()
        .users()
        .forEach(u -> out.println("  user:     " + u.userName() + " (id " + u.id() + ")"));
    out.println(
        "  app for the code flow: client_id "
            + emulator.registeredClient().clientId()
            + ", redirect "
            + emulator.registeredClient().redirectUri());
    out.println("Press Ctrl-C to stop.");
  }
}
