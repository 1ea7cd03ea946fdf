package re.blot.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ThirstRule;
import re.blot.client.disposable.UserChannel;
import re.blot.server.BlotreServer;

/**
 * What {@code demo} adds around the daemon: an server to push to (on port 8080 when it is free,
 * else any), a temporary credentials folder, and a user at the browser who redeems the code. {@link
 * #close()} stops the server and deletes the folder; it may be called more than once, from any
 * thread.
 */
public final class DemoSession implements AutoCloseable {
  /** The port the demo asks for first, so that its page has a memorable address. */
  public static final int PREFERRED_PORT = 8080;

  /** The server's user the demo authorizes as. */
  public static final String USER = "demo";

  /** How often the demo reads and pushes: often enough to watch the color move. */
  public static final Duration INTERVAL = Duration.ofSeconds(3);

  private final BlotreServer server;
  private final String baseUrl;
  private final Path folder;
  private final PrintWriter out;
  private boolean closed;

  private DemoSession(BlotreServer server, String baseUrl, Path folder, PrintWriter out) {
    this.server = server;
    this.baseUrl = baseUrl;
    this.folder = folder;
    this.out = out;
  }

  /** The demo plant is thirsty below this percent, so that the demo shows the thirsty tag. */
  public static final int THIRSTY_BELOW = 30;

  /**
   * Starts the server, makes the credentials folder and tells the user where to look.
   *
   * @param host the address to listen on; null for loopback only
   * @param port the port; null for {@link #PREFERRED_PORT}, or any free port when that is taken
   */
  public static DemoSession start(PrintWriter out, String host, Integer port) throws IOException {
    BlotreServer.Builder builder = BlotreServer.builder().user(USER);
    if (host != null) {
      builder.host(host);
    }
    BlotreServer server;
    if (port != null) {
      server = builder.port(port).start();
    } else {
      try {
        server = builder.port(PREFERRED_PORT).start();
      } catch (IllegalStateException portTaken) {
        server = builder.port(0).start();
      }
    }
    // Listening on every address, the server is still reached here on the loopback one.
    URI address = URI.create(server.baseUrl());
    String baseUrl =
        address.getHost().equals("0.0.0.0") || address.getHost().startsWith("[")
            ? "http://127.0.0.1:" + address.getPort()
            : server.baseUrl();
    Path folder;
    try {
      folder = Files.createTempDirectory("blotre-agent-demo");
    } catch (IOException e) {
      server.close();
      throw e;
    }
    out.println(
        "A Blot're server is running in memory at "
            + baseUrl
            + " (the demo's own: it forgets everything when the demo stops).");
    out.println();
    out.println("  Watch the plant: open " + baseUrl + "/ in your browser.");
    if (host != null && !host.startsWith("127.") && !host.equals("localhost")) {
      out.println(
          "  From another machine: http://"
              + hostName()
              + ":"
              + address.getPort()
              + "/ (if the firewall lets it through).");
    }
    out.println();
    out.println("The agent authorizes itself as on a Raspberry Pi after `blotre-agent setup`:");
    out.flush();
    return new DemoSession(server, baseUrl, folder, out);
  }

  /**
   * The defaults (one sensor, Plant, thirsty below {@link #THIRSTY_BELOW} %) pointed at the server,
   * read every {@code interval}.
   */
  public AgentConfig config(Duration interval) {
    AgentConfig defaults = AgentConfig.defaults();
    return new AgentConfig(
        Optional.of(baseUrl),
        defaults.parentStream(),
        interval,
        defaults.heartbeatEvery(),
        defaults.sampling(),
        defaults.sensors().stream()
            .map(s -> s.withThirst(new ThirstRule(THIRSTY_BELOW, ThirstRule.DEFAULT_TAG)))
            .toList());
  }

  /**
   * A config path unique to this demo, which names its status file: {@code agent.conf.status.json}
   * in the demo's folder, deleted with it.
   */
  public String statusKey() {
    return folder.resolve("agent.conf").toAbsolutePath().toString();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "<this machine's address>";
    }
  }

  /** Where the demo's credentials go: a temporary folder, deleted by {@link #close()}. */
  public Path credsFile() {
    return folder.resolve("creds.json");
  }

  /** Shows what a real user would do, then does it on the server. */
  public UserChannel userChannel() {
    return new AutoRedeemChannel(server, USER, out);
  }

  /** Says how to follow the readings; call once the daemon is about to start. */
  public void announceReadings(Duration interval) {
    out.println();
    out.println(
        "Reading a simulated plant every "
            + interval.toSeconds()
            + " s: its soil dries"
            + " out for a minute, then it is watered. Each reading logs one line; the color on "
            + baseUrl
            + "/ follows. Ctrl-C stops the demo.");
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      out.println("Could not delete the demo's credentials folder " + folder + ": " + e);
    }
    out.println("Demo stopped.");
    out.flush();
  }
}
