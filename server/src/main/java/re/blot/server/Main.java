package re.blot.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import re.blot.server.storage.Database;

/**
 * {@code java -jar blotre-server.jar [flags]}: a durable server on a SQLite file (default), a
 * PostgreSQL database, or in memory; serves until stopped (Ctrl-C stops it cleanly). Settings come
 * from {@code /etc/blotre-server/server.conf} (or {@code --config FILE}), then from flags.
 */
public final class Main {
  static final Path DEFAULT_CONFIG = Path.of("/etc/blotre-server/server.conf");
  static final String DEFAULT_DATA = "blotre-server.db";
  static final int DEFAULT_DURABLE_PORT = 8080;

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar blotre-server.jar [flags]",
          "  --data PATH             SQLite database file (default ./" + DEFAULT_DATA + ")",
          "  --database URL          jdbc:postgresql://HOST/DB?user=... or jdbc:sqlite:FILE",
          "  --in-memory             keep nothing: the emulator for tests and the demo",
          "  --host ADDR             address to bind (default 127.0.0.1: this machine only)",
          "  --port N                port (default "
              + DEFAULT_DURABLE_PORT
              + "; in memory 0: any free port)",
          "  --tls-cert FILE         serve HTTPS with this PEM certificate chain (fullchain.pem)",
          "  --tls-key FILE          and this PEM private key (privkey.pem); both or neither",
          "  --retention-days N      days of status history to keep (default 90)",
          "  --public-url URL        the address people use, e.g. behind a reverse proxy",
          "  --trust-proxy-headers   behind one reverse proxy: client address and scheme from the",
          "                          last entry of its X-Forwarded-For and X-Forwarded-Proto",
          "  --user NAME             a user with its root stream, created if missing; repeatable",
          "                          (default: none; in memory: demo)",
          "  --control               serve the /_emulator/ control API (--in-memory, loopback only)",
          "  --open-sign-up          let anyone make an account on /signup (default: closed)",
          "  --config FILE           settings file (default " + DEFAULT_CONFIG + " if it exists)",
          "  --help                  show this help",
          "The settings file takes the same names without the dashes, one `name = value` a line.",
          "",
          "Accounts (the same --data/--database/--config flags say which database):",
          "  java -jar blotre-server.jar user add NAME      new user; asks for the password",
          "  java -jar blotre-server.jar user passwd NAME   new password; signs NAME out everywhere",
          "  java -jar blotre-server.jar user remove NAME   deletes NAME with their streams and apps",
          "  java -jar blotre-server.jar user list",
          "Without a terminal the password is the first line of standard input.");

  private static final Set<String> SWITCHES =
      Set.of("in-memory", "trust-proxy-headers", "control", "open-sign-up");
  private static final Set<String> VALUES =
      Set.of(
          "data",
          "database",
          "host",
          "port",
          "retention-days",
          "public-url",
          "user",
          "config",
          "tls-cert",
          "tls-key");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("user")) {
      System.exit(
          UserCommand.run(
              List.of(args).subList(1, args.length),
              UserCommand.passwordSource(System.console(), System.in, System.err),
              System.out,
              System.err));
      return;
    }
    Settings settings;
    try {
      settings = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("blotre-server: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (settings == null) {
      System.out.println(USAGE);
      return;
    }
    BlotreServer server;
    try {
      server = settings.builder().start();
    } catch (Database.CannotOpenException | IllegalArgumentException e) {
      System.err.println("blotre-server: " + e.getMessage());
      System.exit(1);
      return;
    } catch (IllegalStateException e) {
      System.err.println("blotre-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println("Blot're server stopped.");
                },
                "blotre-server-stop"));
    describe(server, settings, System.out);
    server.join();
  }

  /** What the settings file and the flags ask for (flags win). */
  record Settings(Map<String, String> values, List<String> users) {
    boolean inMemory() {
      return values.containsKey("in-memory");
    }

    String database() {
      if (inMemory()) {
        return null;
      }
      String url = values.get("database");
      return url != null
          ? url
          : Database.sqliteUrl(Path.of(values.getOrDefault("data", DEFAULT_DATA)));
    }

    String publicUrl() {
      return values.get("public-url");
    }

    BlotreServer.Builder builder() {
      if (values.containsKey("database") && values.containsKey("data")) {
        throw new IllegalArgumentException("give --data or --database, not both");
      }
      if (values.containsKey("control") && !inMemory()) {
        throw new IllegalArgumentException("--control is only available with --in-memory");
      }
      BlotreServer.Builder builder =
          BlotreServer.builder()
              .database(database())
              .host(values.getOrDefault("host", "127.0.0.1"))
              .port(
                  port(
                      values.getOrDefault(
                          "port", inMemory() ? "0" : String.valueOf(DEFAULT_DURABLE_PORT))))
              .controlApi(values.containsKey("control"))
              .openSignUp(values.containsKey("open-sign-up"))
              .trustProxyHeaders(values.containsKey("trust-proxy-headers"));
      if (values.containsKey("retention-days")) {
        builder.historyRetention(Duration.ofDays(positive("retention-days")));
      }
      if (publicUrl() != null && !publicUrl().matches("https?://[^\\s/]+(/\\S*)?")) {
        throw new IllegalArgumentException(
            "public-url must be an http(s) URL, was: " + publicUrl());
      }
      if (values.containsKey("tls-cert") != values.containsKey("tls-key")) {
        throw new IllegalArgumentException("give both tls-cert and tls-key, or neither");
      }
      if (values.containsKey("tls-cert")) {
        builder.tls(Path.of(values.get("tls-cert")), Path.of(values.get("tls-key")));
      }
      users.forEach(builder::user);
      return builder;
    }

    private long positive(String name) {
      try {
        long value = Long.parseLong(values.get(name).trim());
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " must be a whole number above 0, was: " + values.get(name));
    }
  }

  /** The settings the arguments ask for, or null for {@code --help}; throws on bad arguments. */
  static Settings parse(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      String name = arg.startsWith("--") ? arg.substring(2) : "";
      if (SWITCHES.contains(name)) {
        flags.put(name, "true");
      } else if (VALUES.contains(name)) {
        String value = value(args, ++i, arg);
        if (name.equals("user")) {
          users.add(value);
        } else {
          flags.put(name, value);
        }
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    Path configFile = flags.containsKey("config") ? Path.of(flags.get("config")) : DEFAULT_CONFIG;
    Map<String, String> values = new LinkedHashMap<>();
    if (flags.containsKey("config") || Files.exists(configFile)) {
      values.putAll(readConfig(configFile));
    }
    values.putAll(flags);
    values.remove("config");
    values.values().removeIf("false"::equalsIgnoreCase);
    if (values.containsKey("user")) {
      users.add(0, values.remove("user"));
    }
    Settings settings = new Settings(values, users);
    settings.builder(); // checks every value now, so errors come before anything starts
    return settings;
  }

  private static Map<String, String> readConfig(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the settings file " + file + ": " + e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!SWITCHES.contains(name) && !VALUES.contains(name) || name.equals("config")) {
        throw new IllegalArgumentException("unknown setting in " + file + ": " + name);
      }
      values.put(name, properties.getProperty(name).trim());
    }
    return values;
  }

  private static String value(List<String> args, int index, String flag) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(index);
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535, was: " + text);
  }

  private static void describe(BlotreServer server, Settings settings, PrintStream out) {
    String url = settings.publicUrl() != null ? settings.publicUrl() : server.baseUrl();
    out.println("Blot're server serving at " + url);
    out.println(
        "  data:     "
            + (settings.inMemory()
                ? "in memory (gone when it stops)"
                : Database.withoutPassword(settings.database())));
    if (settings.publicUrl() != null) {
      out.println("  listening on " + server.baseUrl());
    }
    out.println("  streams:  " + url + "/");
    out.println("  redeem:   " + url + "/v0/oauth2/redeem");
    if (!settings.inMemory()) {
      out.println("  sign in:  " + url + "/login");
      if (server.store().users().stream().allMatch(u -> server.store().passwordHash(u).isEmpty())) {
        out.println("  (nobody can sign in yet: java -jar blotre-server.jar user add NAME)");
      }
    }
    server
        .store()
        .users()
        .forEach(u -> out.println("  user:     " + u.userName() + " (id " + u.id() + ")"));
    server
        .registeredClient()
        .ifPresent(
            app ->
                out.println(
                    "  app for the code flow: client_id "
                        + app.clientId()
                        + ", redirect "
                        + app.redirectUri()));
    out.println("Press Ctrl-C to stop.");
  }
}
