package re.blot.bench.load;

import re.blot.server.BlotreServer;

/**
 * The server on a SQLite file with the control API, for the footprint run on the durable store: the
 * production entry point offers the control API only in memory, and the harness authorizes its
 * agents through it. Everything else is the server as {@code blotre-server} runs it.
 *
 * <p>Arguments: the SQLite file, the user to create.
 */
public final class ControlledServer {
  private ControlledServer() {}

  public static void main(String[] args) throws InterruptedException {
    BlotreServer server =
        BlotreServer.builder()
            .database("jdbc:sqlite:" + args[0])
            .port(0)
            .user(args[1])
            .controlApi(true)
            .start();
    System.out.println("Blot're server serving at " + server.baseUrl());
    Thread.currentThread().join(); // until the harness ends the process
  }
}
