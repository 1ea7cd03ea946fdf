package re.blot.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import re.blot.server.BlotreServer;

/**
 * The server under the load of many plants, measured side by side in one run: status updates per
 * second over REST for each store and for a floor that only answers 200, WebSocket fan-out, and the
 * resident memory of a server process under a day-to-day load. Absolute times on a shared machine
 * move between runs; the ratios within one run are what to compare.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar re.blot.bench.load.ServerLoad [--clients 16] [--seconds 15]
 *     [--subscribers 1000] [--rounds 50] [--agents 500] [--sockets 100] [--footprint-seconds 60]
 * </pre>
 */
public final class ServerLoad {
  private static final String USER = "load";
  private static final Path SERVER_JAR = Path.of("server/target/blotre-server.jar");
  private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Path SERVER_UNIT = Path.of("systemd/blotre-server.service");

  /** Used until the server has a unit of its own, whose flags then apply. */
  private static final String DEFAULT_JAVA_OPTS =
      "-XX:+UseSerialGC -Xms16m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m"
          + " -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError";

  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = options(args);
    int clients = options.get("clients");
    Duration seconds = Duration.ofSeconds(options.get("seconds"));
    Duration warmUp = Duration.ofSeconds(Math.max(3, options.get("seconds") / 3));
    PrintStream out = System.out;
    out.printf(
        "## Server load, %s %s, %d cores%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    Map<String, UpdateRate.Result> rates = new LinkedHashMap<>();
    rates.put("in-memory", updateRate(BlotreServer.builder(), clients, warmUp, seconds));
    Path sqlite = Files.createTempDirectory("blotre-load").resolve("blotre.db");
    rates.put(
        "SQLite (WAL, synchronous=FULL)",
        updateRate(
            BlotreServer.builder().database("jdbc:sqlite:" + sqlite), clients, warmUp, seconds));
    String database = "blotre_load_" + ProcessHandle.current().pid();
    try (Connection admin = DriverManager.getConnection(POSTGRESQL + "postgres", "postgres", "")) {
      admin.createStatement().execute("CREATE DATABASE " + database);
      try {
        rates.put(
            "PostgreSQL (127.0.0.1)",
            updateRate(
                BlotreServer.builder().database(POSTGRESQL + database + "?user=postgres"),
                clients,
                warmUp,
                seconds));
      } finally {
        admin.createStatement().execute("DROP DATABASE " + database + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      out.println("(PostgreSQL skipped: " + e.getMessage() + ")");
    }
    try (Floor floor = Floor.start()) {
      LoadClient client = new LoadClient(floor.baseUrl());
      List<Agent> agents = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        agents.add(new Agent("floorToken" + i, String.format("%024x", i), USER + "/plant-" + i));
      }
      rates.put(
          "floor (Jetty answering 200)", UpdateRate.run(client, agents, warmUp, seconds, false));
      client.close();
    }
    double memory = rates.get("in-memory").perSecond();
    out.printf(
        "### Status updates over REST: %d clients, each its own stream, %d s%n%n",
        clients, seconds.toSeconds());
    out.println(
        "| store | updates/s | ratio to in-memory | p50 ms | p99 ms | errors | lost updates |");
    out.println("|---|---|---|---|---|---|---|");
    rates.forEach(
        (name, r) ->
            out.printf(
                "| %s | %.0f | %.2f | %.2f | %.2f | %d | %s |%n",
                name,
                r.perSecond(),
                r.perSecond() / memory,
                r.latency().p50Millis(),
                r.latency().p99Millis(),
                r.errors(),
                r.lost() < 0 ? "n/a" : Long.toString(r.lost())));

    int subscribers = options.get("subscribers");
    int rounds = options.get("rounds");
    out.printf(
        "%n### WebSocket fan-out: %d subscribers, %d pushes, push to event%n%n",
        subscribers, rounds);
    out.println(
        "| store | watching | to last p50 ms | to last p99 ms | to each p50 ms | to each p99 ms | missed |");
    out.println("|---|---|---|---|---|---|---|");
    try (BlotreServer server = BlotreServer.builder().user(USER).start()) {
      LoadClient client = new LoadClient(server.baseUrl());
      Agent agent = client.authorize(USER, "watched", server::redeem);
      for (FanOut.Watch watch : FanOut.Watch.values()) {
        FanOut.Result r = FanOut.run(client, agent, subscribers, rounds, watch);
        out.printf(
            "| in-memory | %s | %.1f | %.1f | %.1f | %.1f | %d |%n",
            watch == FanOut.Watch.STREAM ? "the stream" : "its parent, as a collection",
            r.toLast().p50Millis(),
            r.toLast().p99Millis(),
            r.toEach().p50Millis(),
            r.toEach().p99Millis(),
            r.missed());
      }
      client.close();
    }

    footprint(options, out);
  }

  private static void footprint(Map<String, Integer> options, PrintStream out) throws Exception {
    if (!Files.isRegularFile(SERVER_JAR)) {
      out.printf("%n(footprint skipped: build %s first, from the repository root)%n", SERVER_JAR);
      return;
    }
    String javaOpts = unitJavaOpts().orElse(DEFAULT_JAVA_OPTS);
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
    List<String> inMemory = new ArrayList<>(java);
    inMemory.addAll(
        List.of(
            "-jar",
            SERVER_JAR.toString(),
            "--in-memory",
            "--port",
            "0",
            "--control",
            "--user",
            USER));
    // The server's own jar and libraries, plus the one bench class that opens the control API.
    List<String> sqlite = new ArrayList<>(java);
    sqlite.addAll(
        List.of(
            "-cp",
            SERVER_JAR
                + File.pathSeparator
                + SERVER_JAR.resolveSibling("lib").resolve("*")
                + File.pathSeparator
                + ControlledServer.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .getPath(),
            ControlledServer.class.getName(),
            Files.createTempDirectory("blotre-footprint").resolve("blotre.db").toString(),
            USER));
    int agents = options.get("agents");
    int sockets = options.get("sockets");
    Duration duration = Duration.ofSeconds(options.get("footprint-seconds"));
    out.printf(
        "%n### Server RSS: %d agents pushing every 10 s, %d sockets watching them all, %d s%n%n",
        agents, sockets, duration.toSeconds());
    out.printf(
        "JVM flags (%s): `%s`%n%n",
        Files.isRegularFile(SERVER_UNIT) ? SERVER_UNIT : "harness default", javaOpts);
    out.println(
        "| store | peak RSS MiB | RSS at end MiB | pushes | errors | lost updates | events"
            + " delivered |");
    out.println("|---|---|---|---|---|---|---|");
    Map<String, List<String>> runs = new LinkedHashMap<>();
    runs.put("in-memory", inMemory);
    runs.put("SQLite", sqlite);
    for (Map.Entry<String, List<String>> run : runs.entrySet()) {
      Footprint.Result r =
          Footprint.run(run.getValue(), USER, agents, Duration.ofSeconds(10), sockets, duration);
      out.printf(
          "| %s | %.1f | %.1f | %d | %d | %d | %d |%n",
          run.getKey(),
          r.peakRssKib() / 1024.0,
          r.endRssKib() / 1024.0,
          r.pushes(),
          r.errors(),
          r.lost(),
          r.events());
    }
  }

  private static Optional<String> unitJavaOpts() throws IOException {
    if (!Files.isRegularFile(SERVER_UNIT)) {
      return Optional.empty();
    }
    return Files.readAllLines(SERVER_UNIT).stream()
        .filter(l -> l.startsWith("Environment=\"JAVA_OPTS="))
        .map(l -> l.substring("Environment=\"JAVA_OPTS=".length(), l.length() - 1))
        .findFirst();
  }

  private static UpdateRate.Result updateRate(
      BlotreServer.Builder builder, int clients, Duration warmUp, Duration seconds)
      throws IOException, InterruptedException {
    try (BlotreServer server = builder.user(USER).start()) {
      LoadClient client = new LoadClient(server.baseUrl());
      List<Agent> agents = agents(client, clients, server::redeem);
      UpdateRate.Result result = UpdateRate.run(client, agents, warmUp, seconds, true);
      client.close();
      return result;
    }
  }

  private static List<Agent> agents(LoadClient client, int count, LoadClient.Redeemer redeemer)
      throws IOException {
    List<Agent> agents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      agents.add(client.authorize(USER, "plant-" + i, redeemer));
    }
    return agents;
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new HashMap<>();
    options.put("clients", 16);
    options.put("seconds", 15);
    options.put("subscribers", 1000);
    options.put("rounds", 50);
    options.put("agents", 500);
    options.put("sockets", 100);
    options.put("footprint-seconds", 60);
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!options.containsKey(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "unknown option or missing value: " + args[i] + "; known: " + options.keySet());
      }
      options.put(key, Integer.parseInt(args[i + 1]));
    }
    return options;
  }
}
