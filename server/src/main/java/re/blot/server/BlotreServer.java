package re.blot.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.accounts.Passwords;
import re.blot.server.accounts.SignInThrottle;
import re.blot.server.control.ControlRoutes;
import re.blot.server.control.Faults;
import re.blot.server.http.ProxyHeaders;
import re.blot.server.http.Route;
import re.blot.server.http.ServerHandler;
import re.blot.server.pages.PageRoutes;
import re.blot.server.routes.OAuthRoutes;
import re.blot.server.routes.RestRoutes;
import re.blot.server.socket.SocketHub;
import re.blot.server.storage.Database;
import re.blot.server.storage.MemoryStorage;
import re.blot.server.store.Lifetimes;
import re.blot.server.store.Storage;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * A Blot're server: the REST, OAuth2 and WebSocket API of the contract, the redeem/consent pages
 * and the live color page, and (when enabled) the {@code /_emulator/} control API. In memory by
 * default, with the user {@code demo} and the demo app; durable with {@link
 * Builder#database(String)}, with neither unless the builder asks for them. Start one with {@code
 * BlotreServer.builder().port(0).start()}, point a client at {@link #baseUrl()}, close it when
 * done.
 */
public final class BlotreServer implements AutoCloseable {
  /**
   * The demo app's id, secret and redirect: an in-memory server registers it unless the builder
   * sets another app. Published, so a durable server never registers it by itself.
   */
  public static final String DEFAULT_CLIENT_ID = "5e0000000000000000000001";

  public static final String DEFAULT_CLIENT_SECRET =
      "emulatorDemoClientSecretForTheCodeFlow0000000000";
  public static final String DEFAULT_REDIRECT_URI = "http://localhost/callback";

  private static final RegisteredClient DEMO_APP =
      new RegisteredClient(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI);

  private static final Logger log = LoggerFactory.getLogger(BlotreServer.class);

  static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofDays(14);

  private final Server server;
  private final Storage storage;
  private final HistoryPruner pruner;
  private final Store store;
  private final SocketHub sockets;
  private final Optional<RegisteredClient> registeredClient;
  private final Passwords passwords;
  private final String baseUrl;

  private BlotreServer(
      Server server,
      Storage storage,
      HistoryPruner pruner,
      Store store,
      SocketHub sockets,
      Optional<RegisteredClient> registeredClient,
      Passwords passwords,
      String baseUrl) {
    this.server = server;
    this.storage = storage;
    this.pruner = pruner;
    this.store = store;
    this.sockets = sockets;
    this.registeredClient = registeredClient;
    this.passwords = passwords;
    this.baseUrl = baseUrl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address to point a client at, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The state, for tests that need to look inside or listen to changes. */
  public Store store() {
    return store;
  }

  /**
   * The app registered for the authorization-code flow: the demo app in memory, the builder's
   * {@link Builder#registeredClient}, or none (a durable server not given one).
   */
  public Optional<RegisteredClient> registeredClient() {
    return registeredClient;
  }

  /** Adds a user with its root stream. */
  public UserRecord addUser(String name) {
    return store.createUser(name);
  }

  /**
   * Sets the password {@code userName} signs in with (and signs them out everywhere). Throws {@link
   * IllegalArgumentException} for a password that is too short or too long, {@link
   * re.blot.server.store.ApiFailure} when there is no such user.
   */
  public void setPassword(String userName, String password) {
    store.setPassword(userName, passwords.hash(password.toCharArray()));
  }

  /**
   * As if the user {@code userName} entered the one-time {@code code} on the redeem page and
   * pressed Allow. Throws {@link re.blot.server.store.ApiFailure} when the code is unknown, expired
   * or used, or there is no such user.
   */
  public void redeem(String code, String userName) {
    store.redeem(code, userName);
  }

  /** Ages every token and code by {@code elapsed}, as if that much time had passed. */
  public void ageTokens(Duration elapsed) {
    store.ageTokens(elapsed.toSeconds());
  }

  /** Expires every access token now; refresh tokens keep working. */
  public void expireAccessTokens() {
    store.expireAccessTokens();
  }

  /**
   * Closes every open WebSocket from the server side (close code 1001), as a server restart would;
   * clients see the connection end and must reconnect. Returns how many sockets were open.
   */
  public int closeSockets() {
    return sockets.closeAll();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server and closes its database; in-memory state is gone with it. */
  @Override
  public void close() {
    try {
      pruner.close();
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("BlotreServer at " + baseUrl + " did not stop cleanly", e);
    } finally {
      storage.close();
    }
  }

  @Override
  public String toString() {
    return "BlotreServer[" + baseUrl + "]";
  }

  /** Configures and starts an {@link BlotreServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private final Set<String> users = new LinkedHashSet<>();
    private boolean controlApi;
    private Clock clock = Clock.systemUTC();
    private Lifetimes lifetimes = Lifetimes.DEFAULTS;
    private RegisteredClient client;
    private String database;
    private Duration historyRetention = HistoryPruner.DEFAULT_RETENTION;
    private boolean trustProxyHeaders;
    private Boolean userPicker;
    private boolean openSignUp;
    private int passwordCost = Passwords.DEFAULT_COST;
    private Duration sessionLifetime = DEFAULT_SESSION_LIFETIME;
    private Path tlsCertificate;
    private Path tlsKey;

    private Builder() {}

    /**
     * Whether the redeem and consent pages offer a picker of users instead of asking to sign in.
     * Default: on in memory (tests and the demo), off with a database, where people sign in.
     */
    public Builder userPicker(boolean picker) {
      this.userPicker = picker;
      return this;
    }

    /** Lets anyone make an account on {@code /signup} (default off: {@code user add} only). */
    public Builder openSignUp(boolean open) {
      this.openSignUp = open;
      return this;
    }

    /** bcrypt's work factor for new passwords (default 10; tests use 4). */
    public Builder passwordCost(int cost) {
      this.passwordCost = cost;
      return this;
    }

    /** How long a browser stays signed in (default 14 days). */
    public Builder sessionLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("session lifetime must be positive, was " + lifetime);
      }
      this.sessionLifetime = lifetime;
      return this;
    }

    /**
     * Serves HTTPS with the certificate chain and unencrypted PKCS#8 private key in these PEM files
     * (certbot's {@code fullchain.pem} and {@code privkey.pem}); default: plain HTTP. The files are
     * read at {@link #start()}.
     */
    public Builder tls(Path certificateChain, Path privateKey) {
      this.tlsCertificate = Objects.requireNonNull(certificateChain, "certificateChain");
      this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * Takes the client address and scheme from the last entry of {@code X-Forwarded-For} / {@code
     * -Proto}, the one a reverse proxy in front added (default off: only behind a proxy that sets
     * them). See {@link ProxyHeaders}.
     */
    public Builder trustProxyHeaders(boolean trust) {
      this.trustProxyHeaders = trust;
      return this;
    }

    /**
     * Keeps everything in this database ({@code jdbc:sqlite:FILE} or {@code
     * jdbc:postgresql://...}), migrating its schema at start; default: in memory, gone at close.
     */
    public Builder database(String jdbcUrl) {
      this.database = jdbcUrl;
      return this;
    }

    /** How long status history is kept (default 90 days). */
    public Builder historyRetention(Duration retention) {
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("history retention must be positive, was " + retention);
      }
      this.historyRetention = retention;
      return this;
    }

    /** The address to bind (default {@code 127.0.0.1}: loopback only). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 0: a free port, see {@link BlotreServer#baseUrl()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Adds a user, created at start if missing (repeatable). Without any, an in-memory server has
     * one user, {@code demo}; a durable one creates nobody.
     */
    public Builder user(String name) {
      users.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Serves the {@code /_emulator/} control API (default off). */
    public Builder controlApi(boolean enabled) {
      this.controlApi = enabled;
      return this;
    }

    /** Where all times and expiries come from (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Token and code lifetimes (default the server's, §2.1). */
    public Builder lifetimes(Lifetimes lifetimes) {
      this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
      return this;
    }

    /**
     * The registered app of the authorization-code flow (id: 24 hex digits). Default: the demo app
     * ({@link BlotreServer#DEFAULT_CLIENT_ID}) in memory, none with a database.
     */
    public Builder registeredClient(String clientId, String clientSecret, String redirectUri) {
      this.client =
          new RegisteredClient(
              Objects.requireNonNull(clientId, "clientId"),
              Objects.requireNonNull(clientSecret, "clientSecret"),
              Objects.requireNonNull(redirectUri, "redirectUri"));
      return this;
    }

    /**
     * Reads the TLS files if any, opens the storage, creates the users that do not exist yet, binds
     * the port and starts serving. Throws {@link IllegalArgumentException} naming a TLS file that
     * cannot be used, and {@link re.blot.server.storage.Database.CannotOpenException} when the
     * database cannot be used.
     */
    public BlotreServer start() {
      checkAddress();
      PemKeyPair tls = tlsCertificate == null ? null : PemKeyPair.read(tlsCertificate, tlsKey);
      Storage storage = database == null ? new MemoryStorage() : Database.open(database);
      try {
        return start(storage, tls);
      } catch (RuntimeException e) {
        storage.close();
        throw e;
      }
    }

    private void checkAddress() {
      InetAddress address;
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot listen on " + host + ": no such address");
      }
      if (controlApi && !address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "the control API hands out secrets, so it is served only on a loopback address, not on "
                + host);
      }
    }

    private BlotreServer start(Storage storage, PemKeyPair tls) {
      Store store = new Store(clock, lifetimes, storage);
      // A durable server is kept for years: no user nobody created, no app with a published secret.
      boolean inMemory = database == null;
      (users.isEmpty() && inMemory ? List.of("demo") : users).forEach(store::ensureUser);
      Optional<RegisteredClient> client =
          Optional.ofNullable(this.client != null ? this.client : inMemory ? DEMO_APP : null);
      client.ifPresent(
          c ->
              store.registerClient(
                  c.clientId(), c.clientSecret(), "Blot're emulator demo app", c.redirectUri()));
      if (!inMemory
          && client.isEmpty()
          && store.registeredClient(DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI).isPresent()) {
        // An earlier version registered it, and the upgrade kept it because apps use it.
        log.warn(
            "The demo app (client id {}) is still registered in this database, and its secret is"
                + " published: anyone can pose as it. Apps hold tokens from it, so it was kept;"
                + " once they have a client of their own, remove it (docs/server.md, \"No demo in"
                + " a durable database\").",
            DEFAULT_CLIENT_ID);
      }
      String csrfToken = UUID.randomUUID().toString();
      Faults faults = new Faults();
      SocketHub sockets = new SocketHub(store);
      store.addListener(sockets);
      List<Route> routes = new ArrayList<>();
      routes.addAll(RestRoutes.routes(store));
      routes.addAll(OAuthRoutes.routes(store));
      Passwords passwords = new Passwords(passwordCost);
      boolean picker = userPicker != null ? userPicker : database == null;
      routes.addAll(
          PageRoutes.routes(
              store,
              new PageRoutes.Settings(
                  clock,
                  passwords,
                  new SignInThrottle(clock),
                  sessionLifetime,
                  openSignUp,
                  picker ? csrfToken : null)));
      if (controlApi) {
        routes.addAll(ControlRoutes.routes(store, faults, client, sockets::closeAll));
      }
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("blotre-server");
      Server server = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      if (trustProxyHeaders) {
        http.addCustomizer(new ProxyHeaders());
      }
      ServerConnector connector;
      if (tls == null) {
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
      } else {
        http.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        connector =
            new ServerConnector(
                server,
                new SslConnectionFactory(tls.sslContextFactory(), http11.getProtocol()),
                http11);
      }
      connector.setHost(host);
      connector.setPort(port);
      server.addConnector(connector);
      WebSocketUpgradeHandler webSockets =
          WebSocketUpgradeHandler.from(
              server,
              container -> {
                // The server never pings (§6.1): an idle socket stays open until one side closes
                // it.
                container.setIdleTimeout(Duration.ofDays(1));
                container.addMapping(SocketHub.PATH, sockets);
              });
      webSockets.setHandler(new ServerHandler(routes, faults, csrfToken));
      server.setHandler(webSockets);
      server.setStopTimeout(0);
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw new IllegalStateException(
            "Cannot start the emulator on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      String shownHost = host.contains(":") ? "[" + host + "]" : host;
      return new BlotreServer(
          server,
          storage,
          new HistoryPruner(store, clock, historyRetention),
          store,
          sockets,
          client,
          passwords,
          (tls == null ? "http://" : "https://") + shownHost + ":" + connector.getLocalPort());
    }
  }
}
