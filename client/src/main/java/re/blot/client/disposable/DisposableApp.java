package re.blot.client.disposable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.Blotre;
import re.blot.client.BlotreException;
import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;
import re.blot.client.TransportException;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.client.model.DisposableClient;

/**
 * A command-line or headless app that authorizes itself as a Blot're disposable client and keeps
 * its credentials in a file, in the layout of the Python client's {@code NAME.client_data.json}.
 *
 * <pre>{@code
 * Blotre blotre = DisposableApp.builder("Plant're", "Blot're you a plant.")
 *     .credentialsFile(Path.of("Plant're.client_data.json"))
 *     .build()
 *     .authorize();
 * Stream root = blotre.getStream(blotre.getCreds().user().rootStream());
 * }</pre>
 *
 * <p>{@link #authorize()}:
 *
 * <ul>
 *   <li><b>Later runs.</b> Credentials in the file are used as they are: no prompt and no request.
 *       An access token known to have expired is refreshed first; otherwise the client refreshes
 *       when the server says the token expired. Every refresh runs under the file's lock and is
 *       saved before the new token is used (refresh tokens rotate: an unsaved one locks the app out
 *       after its next restart), and a second process on the same file uses the tokens the first
 *       one saved instead of spending the old refresh token again.
 *   <li><b>First run.</b> Registers a disposable client, saves it (so a restart resumes the same
 *       code while it is valid), shows the user one message with the redeem page and the code
 *       through the {@link UserChannel}, and polls every 5 seconds or slower until the user has
 *       redeemed it (no key to press; Enter on a terminal checks at once). Errors slow the polling
 *       down (doubling, up to a minute); it never speeds up again for that code. Blot're answers
 *       {@code invalid_grant} both before the redeem and after the code expired, so the deadline is
 *       tracked from the code's {@code expires_in}; when it passes, a new client is registered and
 *       the new code shown.
 *   <li><b>Lost authorization.</b> When the server refuses the refresh token ({@code
 *       invalid_grant}: revoked, or unused for 14 days) or the client ({@code invalid_client}), the
 *       file is moved aside ({@code NAME.revoked-TIME} or {@code NAME.unknown-client-TIME}) with a
 *       log line saying why, and the call that needed it fails with a {@link RestException} (401,
 *       caused by the {@link TokenEndpointException}); see {@link #isAuthorizationLost(Throwable)}.
 *       The next {@code authorize()} registers anew. At start-up this happens within {@code
 *       authorize()}.
 *   <li><b>Bad files.</b> A file that cannot be used (unreadable, empty, truncated, not JSON, wrong
 *       layout) is reported at ERROR with its path and problem, moved aside as {@code
 *       NAME.corrupt-TIME}, and the app registers anew. A file for another server than the
 *       configured one is moved aside as {@code NAME.other-server-TIME}.
 * </ul>
 *
 * <p>Log lines never contain tokens, secrets or the code; only the {@link UserChannel}'s message
 * shows the code, on purpose. Instances are thread-safe; {@link #authorize()} runs one at a time.
 */
public final class DisposableApp {
  private static final Logger log = LoggerFactory.getLogger(DisposableApp.class);

  /** The shortest poll interval: Blot're users are people typing a code, 5 s is quick enough. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(5);

  private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);

  private final String name;
  private final String blurb;
  private final CredentialStore store;
  private final UserChannel channel;
  private final String baseUrl;
  private final OkHttpClient okHttpClient;
  private final Clock clock;
  private final PollWaiter waiter;
  private final Duration pollInterval;
  private final WakeUp wakeUp = new WakeUp();
  private volatile boolean cancelled;

  /** The credentials of the client {@link #authorize()} returned last. */
  private final AtomicReference<FileTokenStore> tokens = new AtomicReference<>();

  /** Whether the server failed the last request of the registration or poll under way. */
  private boolean failing;

  private DisposableApp(Builder builder) {
    this.name = builder.name;
    this.blurb = builder.blurb;
    this.clock = builder.clock;
    this.store = CredentialStore.at(builder.credentialsFile, clock);
    this.channel = builder.channel != null ? builder.channel : UserChannels.detect();
    this.okHttpClient =
        builder.okHttpClient != null
            ? builder.okHttpClient
            : new OkHttpClient.Builder()
                // The Blotre defaults; a poll must never hang for good on a half-open connection.
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
    this.baseUrl =
        Blotre.builder().baseUrl(builder.baseUrl).okHttpClient(okHttpClient).build().getBaseUrl();
    // The file's layout keeps only protocol and host: refuse now what could not be saved later.
    fresh(new StoredClient("", "", null, null));
    this.waiter = builder.waiter;
    this.pollInterval = builder.pollInterval;
  }

  /**
   * Starts configuring an app.
   *
   * @param name the app's name, shown to the user when they redeem the code (3 to 254 characters)
   * @param blurb a short description of the app, shown with the name
   * @return the builder
   */
  public static Builder builder(String name, String blurb) {
    return new Builder(name, blurb);
  }

  /**
   * Returns a client authorized for this app: from the credentials file, or after the user redeemed
   * a new code. Blocks while waiting for the user.
   *
   * @return the authorized client; its credentials changes are saved to the file
   * @throws AuthorizationCancelledException if {@link #cancel()} was called or the thread was
   *     interrupted while waiting
   * @throws CredentialFileException if the file cannot be moved aside or written
   * @throws RestException if the server refused to register the app (e.g. an invalid name)
   */
  public synchronized Blotre authorize() {
    checkNotCancelled(null);
    Optional<CredentialsFile> file = loadUsable();
    if (file.isPresent() && file.get().creds().isPresent()) {
      Optional<Blotre> client = fromFile(file.get().client(), file.get().creds().get());
      if (client.isPresent()) {
        return client.get();
      }
      file = Optional.empty();
    }
    return register(file.flatMap(this::resumable).orElse(null));
  }

  /**
   * Stops a running or later {@link #authorize()}: it throws {@link
   * AuthorizationCancelledException} as soon as its current request returns. Final: a cancelled app
   * stays cancelled.
   */
  public void cancel() {
    cancelled = true;
    wakeUp.signal();
  }

  /**
   * Tells whether a failure means the app's authorization is gone (the server refused the refresh
   * token or the client), so that {@link #authorize()} must be called again to show a new code.
   *
   * @param failure a failure of a call on the client {@link #authorize()} returned
   * @return true if {@code failure} or one of its causes is a {@link TokenEndpointException} with
   *     {@code invalid_grant} or {@code invalid_client}
   */
  public static boolean isAuthorizationLost(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TokenEndpointException e && isRefusal(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the credentials file's path.
   *
   * @return the path
   */
  public Path credentialsFile() {
    return store.path();
  }

  @Override
  public String toString() {
    return "DisposableApp[name=" + name + ", baseUrl=" + baseUrl + ", file=" + store.path() + "]";
  }

  /** Loads the file; moves aside one that cannot be used here. */
  private Optional<CredentialsFile> loadUsable() {
    Optional<CredentialsFile> file;
    try {
      file = store.load();
    } catch (CredentialFileException e) {
      log.error(
          "Cannot use the credentials: {}; moving it aside and authorizing anew", e.getMessage());
      store.moveAside("corrupt");
      return Optional.empty();
    }
    if (file.isPresent()) {
      String fileServer = file.get().baseUrl().orElse(Blotre.DEFAULT_BASE_URL);
      if (!fileServer.equalsIgnoreCase(baseUrl)) {
        log.warn(
            "Credentials file {} is for {}, not {}; moving it aside and authorizing anew",
            store.path(),
            fileServer,
            baseUrl);
        store.moveAside("other-server");
        return Optional.empty();
      }
    }
    return file;
  }

  /** The client for saved credentials, refreshed first if they are known to have expired. */
  private Optional<Blotre> fromFile(StoredClient client, StoredCreds creds) {
    Blotre blotre = authorizedClient(client, creds.toCreds());
    boolean expired = creds.expiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
    if (!expired || creds.refreshToken() == null) {
      log.info("Using the saved credentials of {} in {}", userName(creds.toCreds()), store.path());
      return Optional.of(blotre);
    }
    log.info(
        "The saved access token in {} expired at {}; refreshing it",
        store.path(),
        seconds(creds.expiresAt().get()));
    try {
      blotre.exchangeRefreshToken();
    } catch (TokenEndpointException e) {
      if (isRefusal(e)) {
        // The token store has moved the file aside and said why.
        return Optional.empty();
      }
      throw e;
    } catch (TransportException | RestException e) {
      // Offline at boot is normal for a device; the client refreshes on its first call instead,
      // and the caller reports an outage if that fails too.
      log.info(
          "Cannot refresh the expired access token now ({}); will retry on the first request",
          e.getMessage());
    }
    return Optional.of(blotre);
  }

  /** The saved client and code, if its code can still be redeemed. */
  private Optional<StoredClient> resumable(CredentialsFile file) {
    StoredClient client = file.client();
    if (client.code() != null
        && client.codeExpiresAt() != null
        && clock.instant().isBefore(client.codeExpiresAt())) {
      log.info(
          "Resuming the code saved in {}, valid until {}",
          store.path(),
          seconds(client.codeExpiresAt()));
      return Optional.of(client);
    }
    log.info(
        client.code() == null
            ? "The code saved in {} may have been used up by an exchange that was cut short;"
                + " registering anew"
            : "The code saved in {} was never redeemed and is no longer valid; registering anew",
        store.path());
    return Optional.empty();
  }

  /** Registers (unless resuming {@code pending}) and waits until the user redeems a code. */
  private Blotre register(StoredClient pending) {
    StoredClient client = pending;
    while (true) {
      if (client == null) {
        client = newRegistration();
      }
      Optional<Blotre> authorized = awaitRedeem(client);
      if (authorized.isPresent()) {
        return authorized.get();
      }
      client = null;
    }
  }

  private StoredClient newRegistration() {
    Duration delay = pollInterval;
    while (true) {
      checkNotCancelled(null);
      try {
        Blotre created = Blotre.createDisposable(config(), name, blurb);
        DisposableClient disposable = created.getDisposableClient();
        StoredClient client =
            new StoredClient(
                disposable.id(), disposable.secret(), disposable.code(), disposable.expiresAt());
        store.update(
            current ->
                current
                    .map(file -> file.withClient(client).withoutCreds())
                    .orElseGet(() -> CredentialsFile.of(client))
                    .withBaseUrl(baseUrl));
        recovered("register " + name);
        log.info(
            "Registered disposable client {} for {} on {}; its code is valid until {}",
            client.clientId(),
            name,
            baseUrl,
            seconds(client.codeExpiresAt()));
        return client;
      } catch (TransportException | RestException e) {
        delay = slowerAfter(e, delay, "register " + name);
        pause(delay);
      }
    }
  }

  /**
   * Polls until the user redeemed the code (the client), or it expired or was forgotten (empty).
   */
  private Optional<Blotre> awaitRedeem(StoredClient client) {
    Instant expiresAt = client.codeExpiresAt();
    Blotre poller =
        config().clientInfo(new ClientInfo(client.clientId(), client.clientSecret(), "")).build();
    wakeUp.clear();
    channel.showCode(
        new AuthorizationPrompt(
            name,
            poller.getRedeemUrl(),
            client.code(),
            expiresAt,
            Duration.between(clock.instant(), expiresAt)),
        wakeUp::signal);
    Duration delay = pollInterval;
    while (true) {
      // Never polls past the deadline: the new code is shown the moment the old one expires.
      Duration left = Duration.between(clock.instant(), expiresAt);
      if (!left.isNegative() && !left.isZero()) {
        pause(delay.compareTo(left) < 0 ? delay : left);
      }
      if (!clock.instant().isBefore(expiresAt)) {
        log.info(
            "The code for {} expired at {} before anyone redeemed it; registering anew",
            name,
            seconds(expiresAt));
        return Optional.empty();
      }
      Creds creds;
      // Written ahead: a process killed while the exchange is under way may have used the code up,
      // so a restart must not show it again.
      markCode(client, null);
      try {
        creds = poller.redeemOnetimeCode(client.code());
      } catch (TokenEndpointException e) {
        if ("invalid_grant".equals(e.error())) {
          log.debug("Code for {} not redeemed yet", name);
          markCode(client, client.code());
          recovered("check the code for " + name);
          continue;
        }
        if ("invalid_client".equals(e.error())) {
          log.warn(
              "Blot're no longer knows client {} (invalid_client); registering anew",
              client.clientId());
          return Optional.empty();
        }
        throw e;
      } catch (TransportException | RestException e) {
        // The code stays out of the file: the exchange may have reached the server and used it.
        delay = slowerAfter(e, delay, "check the code for " + name);
        continue;
      }
      recovered("check the code for " + name);
      // Saved before the client that uses it exists.
      store.update(
          current -> ours(client, current).withCreds(StoredCreds.of(creds, clock.instant())));
      log.info(
          "{} is now authorized by Blot're user {}; credentials saved in {}",
          name,
          userName(creds),
          store.path());
      channel.authorized(userName(creds));
      return Optional.of(authorizedClient(client, creds));
    }
  }

  /**
   * Saves {@code client} with {@code code} (null: none). Best effort: a file that cannot be written
   * is reported when the tokens are saved.
   */
  private void markCode(StoredClient client, String code) {
    StoredClient marked =
        new StoredClient(client.clientId(), client.clientSecret(), code, client.codeExpiresAt());
    try {
      store.update(current -> ours(client, current).withClient(marked));
    } catch (CredentialFileException e) {
      log.debug("Cannot mark the code in {}: {}", store.path(), e.getMessage());
    }
  }

  /** Logs one INFO when the server answers again after {@link #slowerAfter} warned. */
  private void recovered(String doing) {
    if (failing) {
      failing = false;
      log.info("Could {} with {} again", doing, baseUrl);
    }
  }

  private Blotre authorizedClient(StoredClient client, Creds creds) {
    FileTokenStore file = new FileTokenStore(store, current -> ours(client, current), clock, creds);
    tokens.set(file);
    return config()
        .clientInfo(new ClientInfo(client.clientId(), client.clientSecret(), ""))
        .tokenStore(file)
        .build();
  }

  /**
   * Saves credentials that could not be saved when they changed (disk full, directory not
   * writable); does nothing when all are saved. Never throws: a failure is logged once.
   */
  public void saveUnsaved() {
    FileTokenStore file = tokens.get();
    if (file != null) {
      file.saveUnsaved();
    }
  }

  /**
   * The file's content if it belongs to {@code client}, else a new one for it: when two processes
   * registered at once, the one whose code is redeemed must not save its tokens beside the other's
   * client.
   */
  private CredentialsFile ours(StoredClient client, Optional<CredentialsFile> current) {
    return current
        .filter(file -> file.client().clientId().equals(client.clientId()))
        .orElseGet(() -> fresh(client));
  }

  private CredentialsFile fresh(StoredClient client) {
    return CredentialsFile.of(client).withBaseUrl(baseUrl);
  }

  private Blotre.Builder config() {
    return Blotre.builder().baseUrl(baseUrl).okHttpClient(okHttpClient).clock(clock);
  }

  private void pause(Duration delay) {
    try {
      waiter.await(delay, wakeUp);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cancelledException("the thread was interrupted", e);
    }
    checkNotCancelled(null);
  }

  private void checkNotCancelled(BlotreException failure) {
    if (cancelled) {
      throw cancelledException("cancel() was called", failure);
    }
    if (failure != null && Thread.currentThread().isInterrupted()) {
      throw cancelledException("the thread was interrupted", failure);
    }
  }

  private AuthorizationCancelledException cancelledException(String why, Throwable cause) {
    return new AuthorizationCancelledException(
        "Authorization of "
            + name
            + " stopped: "
            + why
            + "; "
            + store.path()
            + " keeps any pending code for the next run",
        cause);
  }

  /**
   * Returns the next, longer delay after a failure that waiting may cure (no connection, a 5xx);
   * rethrows one it cannot (any other error status).
   */
  private Duration slowerAfter(BlotreException failure, Duration delay, String doing) {
    if (failure instanceof RestException rest && rest.status() < 500) {
      throw rest;
    }
    checkNotCancelled(failure);
    Duration doubled = delay.multipliedBy(2);
    Duration next = doubled.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : doubled;
    // One WARN per outage; the retries that follow are details.
    if (failing) {
      log.debug("Still cannot {} with {} ({})", doing, baseUrl, failure.getMessage());
    } else {
      failing = true;
      log.warn(
          "Cannot {} with {} ({}); trying again every {} s or slower, the next line about this"
              + " comes when it works",
          doing,
          baseUrl,
          failure.getMessage(),
          next.toSeconds());
    }
    return next;
  }

  private static boolean isRefusal(TokenEndpointException e) {
    return "invalid_grant".equals(e.error()) || "invalid_client".equals(e.error());
  }

  /** Times in log lines are read by people: to the second, without the nanoseconds. */
  private static Instant seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS);
  }

  private static String userName(Creds creds) {
    return creds.user() == null ? "(unknown user)" : creds.user().userName();
  }

  /** Configures a {@link DisposableApp}. */
  public static final class Builder {
    private final String name;
    private final String blurb;
    private Path credentialsFile;
    private UserChannel channel;
    private String baseUrl = Blotre.DEFAULT_BASE_URL;
    private OkHttpClient okHttpClient;
    private Clock clock = Clock.systemUTC();
    private PollWaiter waiter = PollWaiter.realTime();
    private Duration pollInterval = MIN_POLL_INTERVAL;

    private Builder(String name, String blurb) {
      this.name = Objects.requireNonNull(name, "name");
      this.blurb = Objects.requireNonNull(blurb, "blurb");
    }

    /**
     * Sets the credentials file (default {@code NAME.client_data.json} in the working directory, as
     * the Python client names it).
     *
     * @param path the file
     * @return this builder
     */
    public Builder credentialsFile(Path path) {
      this.credentialsFile = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Sets how to tell the user the code (default {@link UserChannels#detect()}: the terminal if
     * there is one, else the log).
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder userChannel(UserChannel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    /**
     * Sets the server (default {@value Blotre#DEFAULT_BASE_URL}).
     *
     * @param baseUrl {@code https://host} or {@code http://host:port}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Sets the OkHttp client to send through, with its timeouts, proxy and connection pool (default
     * a new one with the {@link Blotre} defaults).
     *
     * @param okHttpClient the client
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /**
     * Sets the clock for code deadlines, token expiry and the names of files moved aside (default
     * the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how to wait between checks of a pending code (default {@link PollWaiter#realTime()}).
     *
     * @param waiter the waiter
     * @return this builder
     */
    public Builder pollWaiter(PollWaiter waiter) {
      this.waiter = Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /**
     * Sets how often to check a pending code while nothing fails (default and minimum {@link
     * #MIN_POLL_INTERVAL}).
     *
     * @param interval the interval
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is shorter than 5 seconds
     */
    public Builder pollInterval(Duration interval) {
      if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
        throw new IllegalArgumentException("poll interval must be at least 5 s, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Builds the app; nothing is read or sent yet.
     *
     * @return the app
     * @throws IllegalArgumentException if the base URL is not {@code http(s)://host[:port]}
     */
    public DisposableApp build() {
      if (credentialsFile == null) {
        credentialsFile = Path.of(name + ".client_data.json");
      }
      return new DisposableApp(this);
    }
  }
}
