package re.blot.client.socket;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.BlotreException;
import re.blot.client.NewStream;
import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;
import re.blot.client.TransportException;
import re.blot.client.internal.HttpCaller;
import re.blot.client.internal.StreamUris;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;

/**
 * A connection to the Blot're WebSocket API ({@code /v0/ws}) that stays up: requests, live events
 * of subscribed streams and collections, and reconnects. Thread-safe.
 *
 * <pre>{@code
 * BlotreSocket socket = blotre.openSocket(event -> {
 *     if (event instanceof SocketEvent.StatusUpdated update) {
 *         System.out.println(update.from() + " is now " + update.status().color());
 *     }
 * });
 * socket.subscribe("matt/mr+tree").join();   // the current status, then every change
 * }</pre>
 *
 * <p><b>Authorization.</b> The server decides who the socket acts for once, at the upgrade, from
 * {@code Authorization: Bearer <access token>}; without a valid token it accepts the socket as
 * anonymous (writes then fail with permission errors). So before each connection, when the
 * credentials can be refreshed, the socket asks {@code token_info} whether the access token is
 * still valid and refreshes it first if not; if the refresh is refused, it connects anonymously and
 * logs why. A token that expires while connected does not matter.
 *
 * <p><b>Requests</b> return a {@link CompletableFuture} matched to its reply by the message's
 * {@code correlation} number. It fails with a {@link RestException} carrying the server's error
 * text as {@link RestException#error()} (the texts are the REST ones, for example {@code Stream
 * does not exist.}) and {@link RestException#status()} 0, since socket errors have no HTTP status;
 * with a {@link TransportException} when no reply came within the request timeout, when the
 * connection was lost before the reply, or when the socket was closed. Requests made while
 * disconnected are sent once the socket is connected again. Streams are addressed by uri, never by
 * id; otherwise the methods are named as on {@link Blotre} ({@code getStreamStatus}, {@code
 * setStreamStatus}, {@code getStreamChildren}, ...).
 *
 * <p><b>Subscriptions</b> are kept by the socket and sent again after every reconnect, so events
 * resume by themselves; each reconnect also brings the current status of every subscribed stream.
 * The server's limits (256 streams, 8 collections per socket) are enforced here too: going past
 * them fails with the server's text, {@value #LIMIT_EXCEEDED}
 *
 * <p><b>Connection.</b> When the connection drops or the server closes it, the socket reconnects
 * after a {@link Backoff} delay and tells the {@link SocketListener}. The delays grow until a
 * connection proves itself by delivering a frame, so a server that accepts and then drops every
 * connection at once is not hammered. Connecting (with its token check) runs on OkHttp's dispatcher
 * threads, never on the thread that fires request timeouts. Only {@link #close()} ends it. Tokens
 * are sent in headers only and never logged.
 */
public final class BlotreSocket implements AutoCloseable {
  /** Streams one socket may subscribe to (§6.5). */
  public static final int MAX_STREAM_SUBSCRIPTIONS = 256;

  /** Collections one socket may subscribe to (§6.5). */
  public static final int MAX_COLLECTION_SUBSCRIPTIONS = 8;

  /** The server's error text for going past a subscription limit. */
  public static final String LIMIT_EXCEEDED = "Subscription limit exceeded.";

  private static final Logger log = LoggerFactory.getLogger(BlotreSocket.class);
  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
  private static final Backoff DEFAULT_BACKOFF =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

  private enum State {
    CONNECTING,
    OPEN,
    WAITING,
    CLOSED
  }

  /** A subscription: a stream uri, or a collection address (uri or {@code #tag}). */
  private record Subscription(boolean collection, String key) {}

  /** A request waiting for its reply. */
  private record Pending<T>(
      String type, Function<Map<String, Object>, T> reader, CompletableFuture<T> future) {
    void complete(Map<String, Object> frame, String text) {
      try {
        future.complete(reader.apply(frame));
      } catch (JsonDataException | IllegalArgumentException | ClassCastException e) {
        future.completeExceptionally(
            new RestException(
                type + ": unreadable reply (" + e.getMessage() + ")", 0, null, null, text, e));
      }
    }
  }

  private final Blotre blotre;
  private final OkHttpClient http;
  private final String url;
  private final SocketListener listener;
  private final Duration requestTimeout;
  private final Backoff backoff;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final AtomicInteger correlations = new AtomicInteger();

  private final Object lock = new Object();
  // Everything below is guarded by lock.
  private State state = State.CONNECTING;
  private WebSocket socket;
  private int failures;
  private boolean connectedBefore;
  private ScheduledFuture<?> reconnect;
  private final Map<Integer, Pending<?>> pending = new HashMap<>();

  /** Requests made while not connected, by correlation, in order. */
  private final Map<Integer, String> outbox = new LinkedHashMap<>();

  private final Set<String> streams = new LinkedHashSet<>();
  private final Set<String> collections = new LinkedHashSet<>();

  /** The subscription frames sent on the current connection, by correlation, to match errors. */
  private final Map<Integer, Subscription> sentSubscriptions = new HashMap<>();

  /** Callers of {@link #subscribe(String)} waiting for the stream's first status, by uri. */
  private final Map<String, List<CompletableFuture<Status>>> firstStatus = new HashMap<>();

  private BlotreSocket(Builder builder) {
    this.blotre = builder.blotre;
    // Same pool and dispatcher as the Blotre's REST calls; pings find a silently dead connection.
    this.http = blotre.getOkHttpClient().newBuilder().pingInterval(builder.pingInterval).build();
    this.url = blotre.getWebsocketUrl();
    this.listener = Objects.requireNonNull(builder.listener, "listener");
    this.requestTimeout = builder.requestTimeout;
    this.backoff = builder.backoff;
    this.ownScheduler = builder.scheduler == null;
    this.scheduler =
        ownScheduler
            ? Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "blotre-socket");
                  thread.setDaemon(true);
                  return thread;
                })
            : builder.scheduler;
  }

  /**
   * Starts configuring a socket to the server of {@code blotre}, using its credentials and its
   * OkHttp client.
   *
   * @param blotre the client whose server, credentials and connection pool to use
   * @return a builder with the defaults: 30 s request timeout, 30 s ping interval, reconnects after
   *     0.5 s doubling up to 60 s
   */
  public static Builder builder(Blotre blotre) {
    return new Builder(Objects.requireNonNull(blotre, "blotre"));
  }

  // ---- Requests (§6.3) ------------------------------------------------------------------------

  /**
   * Gets a stream ({@code GetStream}).
   *
   * @param uri the stream's uri
   * @return the stream; fails with {@code Stream does not exist.}
   */
  public CompletableFuture<Stream> getStream(String uri) {
    return request("GetStream", Frames.STREAM_REPLY, "uri", uri);
  }

  /**
   * Lists the latest streams ({@code GetStreams}).
   *
   * @return at most 20 streams
   */
  public CompletableFuture<List<Stream>> getStreams() {
    return request("GetStreams", Frames.STREAMS_REPLY);
  }

  /**
   * Searches streams ({@code GetStreams} with {@code query}).
   *
   * @param query a color ({@code #rrggbb}), a tag ({@code #tag}) or text in names
   * @return at most 20 streams
   */
  public CompletableFuture<List<Stream>> getStreams(String query) {
    return request("GetStreams", Frames.STREAMS_REPLY, "query", query);
  }

  /**
   * Creates a stream, or updates the caller's existing one at that uri ({@code CreateStream}).
   *
   * @param stream the name, uri, and optional status and tags
   * @return the stream; fails with the texts of {@code PUT /v0/api/stream}, or {@code Could not
   *     process request.} for a bad color or tags
   */
  public CompletableFuture<Stream> createStream(NewStream stream) {
    return request("CreateStream", Frames.STREAM_REPLY, stream.toJson());
  }

  /**
   * Deletes a stream and its hierarchical children ({@code DeleteStream}).
   *
   * @param uri the stream's uri
   * @return the stream as it was; fails with {@code Stream does not exist.}, {@code User does not
   *     have permission to delete stream.} or {@code Cannot delete root streams.}
   */
  public CompletableFuture<Stream> deleteStream(String uri) {
    return request("DeleteStream", Frames.STREAM_REPLY, "uri", uri);
  }

  /**
   * Gets a stream's status ({@code GetStatus}).
   *
   * @param uri the stream's uri
   * @return the status; fails with {@code Stream does not exist.}
   */
  public CompletableFuture<Status> getStreamStatus(String uri) {
    return request("GetStatus", Frames.STATUS_REPLY, "of", uri);
  }

  /**
   * Sets a stream's status ({@code SetStatus}).
   *
   * @param uri the stream's uri
   * @param color the color, exactly {@code #rrggbb}
   * @return the new status; fails with {@code Could not process request.} (bad color), {@code
   *     Stream does not exist.} or {@code User does not have permission to edit stream.}
   */
  public CompletableFuture<Status> setStreamStatus(String uri, String color) {
    return request("SetStatus", Frames.STATUS_REPLY, "of", uri, "status", Map.of("color", color));
  }

  /**
   * Lists a stream's children ({@code GetChildren}).
   *
   * @param uri the parent's uri
   * @return at most 20 children; fails with {@code Stream does not exist.}
   */
  public CompletableFuture<List<Stream>> getStreamChildren(String uri) {
    return request("GetChildren", Frames.CHILDREN_REPLY, "of", uri);
  }

  /**
   * Searches a stream's children ({@code GetChildren} with {@code query}).
   *
   * @param uri the parent's uri
   * @param query a color ({@code #rrggbb}), a tag ({@code #tag}) or text in names
   * @return at most 20 children; fails with {@code Stream does not exist.}
   */
  public CompletableFuture<List<Stream>> getStreamChildren(String uri, String query) {
    return request("GetChildren", Frames.CHILDREN_REPLY, "of", uri, "query", query);
  }

  /**
   * Gets one child of a stream ({@code GetChild}).
   *
   * @param uri the parent's uri
   * @param childUri the child's uri
   * @return the child; fails with {@code Stream does not exist.} (parent, link or child missing).
   *     The last server release fails here for every child (its bug B8)
   */
  public CompletableFuture<Stream> getChild(String uri, String childUri) {
    return request("GetChild", Frames.CHILD_REPLY, "of", uri, "child", childUri);
  }

  /**
   * Links a stream as a child ({@code CreateChild}).
   *
   * @param uri the parent's uri
   * @param childUri the child's uri
   * @return the child; fails with {@code Parent stream does not exist.}, {@code Child stream does
   *     not exist.}, {@code Too many children.}, {@code I'm my own grandpa.} or {@code User does
   *     not have permission to add child.}
   */
  public CompletableFuture<Stream> createChild(String uri, String childUri) {
    return request("CreateChild", Frames.CHILD_REPLY, "of", uri, "child", childUri);
  }

  /**
   * Unlinks a child ({@code DeleteChild}); the child itself stays.
   *
   * @param uri the parent's uri
   * @param childUri the child's uri
   * @return the child; fails with {@code Stream does not exist.}, {@code Cannot remove hierarchical
   *     child.} or {@code User does not have permission to edit stream.}. The last server release
   *     fails here for every child (its bug B8)
   */
  public CompletableFuture<Stream> deleteChild(String uri, String childUri) {
    return request("DeleteChild", Frames.CHILD_REPLY, "of", uri, "child", childUri);
  }

  /**
   * Lists a stream's tags ({@code GetTags}).
   *
   * @param uri the stream's uri
   * @return the tags; fails with {@code Stream does not exist.}
   */
  public CompletableFuture<List<Tag>> getTags(String uri) {
    return request("GetTags", Frames.TAGS_REPLY, "of", uri);
  }

  /**
   * Replaces all tags of a stream ({@code SetTags}).
   *
   * @param uri the stream's uri
   * @param tags the new tags (at most 6, distinct)
   * @return the new tags, lower-cased; fails with {@code Could not process request.}, {@code Stream
   *     does not exist.} or {@code User does not have permission to add tags.}
   */
  public CompletableFuture<List<Tag>> setTags(String uri, List<String> tags) {
    List<Map<String, String>> objects = new ArrayList<>();
    tags.forEach(tag -> objects.add(Map.of("tag", tag)));
    return request("SetTags", Frames.TAGS_REPLY, "of", uri, "tags", objects);
  }

  /**
   * Gets one tag of a stream ({@code GetTag}); the tag is compared as given, so pass it
   * lower-cased.
   *
   * @param uri the stream's uri
   * @param tag the tag
   * @return the tag; fails with {@code Stream does not exist.} or {@code Tag does not exist.}
   */
  public CompletableFuture<Tag> getTag(String uri, String tag) {
    return request("GetTag", Frames.TAG_REPLY, "of", uri, "tag", tag);
  }

  /**
   * Adds a tag to a stream ({@code SetTag}).
   *
   * @param uri the stream's uri
   * @param tag the tag
   * @return the tag; fails with {@code Tag is not valid.}, {@code Stream does not exist.}, {@code
   *     Too many tags.} or {@code User does not have permission to edit stream.}
   */
  public CompletableFuture<Tag> setTag(String uri, String tag) {
    return request("SetTag", Frames.TAG_REPLY, "of", uri, "tag", tag);
  }

  /**
   * Removes a tag from a stream ({@code DeleteTag}). The last server release adds the tag instead
   * (its bug B1); the emulator removes it.
   *
   * @param uri the stream's uri
   * @param tag the tag
   * @return the tag; fails with {@code Tag is not valid.}, {@code Stream does not exist.}, {@code
   *     No such tag.} or {@code User does not have permission to edit stream.}
   */
  public CompletableFuture<Tag> deleteTag(String uri, String tag) {
    return request("DeleteTag", Frames.TAG_REPLY, "of", uri, "tag", tag);
  }

  // ---- Subscriptions (§6.4, §6.5) -------------------------------------------------------------

  /**
   * Subscribes to a stream: its status changes, children, parents and deletion arrive as events,
   * starting with its current status. Subscribing again is harmless (the current status is sent
   * again).
   *
   * @param uri the stream's uri (normalised as by {@link Blotre#normalizeUri(String)})
   * @return the current status (also delivered as a {@link SocketEvent.StatusUpdated}); fails with
   *     {@value #LIMIT_EXCEEDED} past {@value #MAX_STREAM_SUBSCRIPTIONS} streams, or with {@code No
   *     such stream.}, in which case the subscription is kept: the stream is reported once it is
   *     created
   */
  public CompletableFuture<Status> subscribe(String uri) {
    String key = StreamUris.normalize(uri);
    CompletableFuture<Status> future = new CompletableFuture<>();
    synchronized (lock) {
      if (refused(future, "Subscribe", streams, key, MAX_STREAM_SUBSCRIPTIONS)) {
        return future;
      }
      streams.add(key);
      firstStatus.computeIfAbsent(key, k -> new ArrayList<>()).add(future);
      if (state == State.OPEN) {
        sendSubscription(new Subscription(false, key));
      }
    }
    expire(
        future,
        "Subscribe " + key,
        () -> {
          synchronized (lock) {
            List<CompletableFuture<Status>> waiting = firstStatus.get(key);
            if (waiting != null) {
              waiting.remove(future);
            }
          }
        });
    return future;
  }

  /**
   * Ends a stream subscription. The server sends no reply.
   *
   * @param uri the stream's uri
   */
  public void unsubscribe(String uri) {
    String key = StreamUris.normalize(uri);
    List<CompletableFuture<Status>> waiting;
    synchronized (lock) {
      streams.remove(key);
      waiting = firstStatus.remove(key);
      sendIfOpen("Unsubscribe", "to", List.of(key));
    }
    if (waiting != null) {
      waiting.forEach(future -> future.cancel(false));
    }
  }

  /**
   * Subscribes to a collection: a stream's children (their status changes, additions and removals;
   * not the stream's own status) or every stream with a tag. Events carry the collection as {@code
   * source}. There is no initial snapshot: use {@link #getStreamChildren(String)} or {@link
   * Blotre#getTagChildren(String)}. Subscribing again is harmless.
   *
   * <p>The server does not answer a collection subscription that works (and silently drops an
   * invalid address), so the returned future cannot say when the server has it: it completes once
   * the socket has recorded the subscription, which it sends now if connected and again after every
   * reconnect.
   *
   * @param address a stream uri, or {@code #tag}
   * @return completes once the subscription is recorded; fails with {@value #LIMIT_EXCEEDED} past
   *     {@value #MAX_COLLECTION_SUBSCRIPTIONS} collections, or when the socket is closed
   */
  public CompletableFuture<Void> subscribeCollection(String address) {
    String key = collectionKey(address);
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (lock) {
      if (refused(future, "SubscribeCollection", collections, key, MAX_COLLECTION_SUBSCRIPTIONS)) {
        return future;
      }
      if (collections.add(key) && state == State.OPEN) {
        sendSubscription(new Subscription(true, key));
      }
    }
    future.complete(null);
    return future;
  }

  /**
   * Ends a collection subscription. The server sends no reply.
   *
   * @param address a stream uri, or {@code #tag}
   */
  public void unsubscribeCollection(String address) {
    String key = collectionKey(address);
    synchronized (lock) {
      collections.remove(key);
      sendIfOpen("UnsubscribeCollection", "to", key);
    }
  }

  // ---- Connection -----------------------------------------------------------------------------

  /**
   * Tells whether the socket is connected right now.
   *
   * @return true between a connect and the next disconnect or {@link #close()}
   */
  public boolean isConnected() {
    synchronized (lock) {
      return state == State.OPEN;
    }
  }

  /**
   * Closes the socket for good: the connection is closed normally, no reconnect follows, and every
   * request and subscription still waiting fails with a {@link TransportException}. Closing again
   * does nothing.
   */
  @Override
  public void close() {
    WebSocket open;
    List<CompletableFuture<?>> waiting = new ArrayList<>();
    synchronized (lock) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      open = socket;
      socket = null;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
      pending.values().forEach(p -> waiting.add(p.future()));
      firstStatus.values().forEach(waiting::addAll);
      pending.clear();
      outbox.clear();
      firstStatus.clear();
    }
    if (open != null) {
      open.close(1000, "Client closed the socket");
    }
    TransportException closed =
        new TransportException(
            "The Blot're socket was closed before the reply arrived",
            new IOException("socket closed"));
    waiting.forEach(future -> future.completeExceptionally(closed));
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
    log.debug("Socket to {} closed", url);
    listener.onClosed();
  }

  /**
   * Describes the socket without any secret.
   *
   * @return the url and the connection state
   */
  @Override
  public String toString() {
    synchronized (lock) {
      return "BlotreSocket[" + url + ", " + state.name().toLowerCase(Locale.ROOT) + "]";
    }
  }

  // ---- Plumbing -------------------------------------------------------------------------------

  private BlotreSocket start() {
    prepareConnection();
    return this;
  }

  /**
   * Connects on OkHttp's dispatcher threads, never on the scheduler: the token check calls the
   * server, and a hung check must not hold up the request timeouts the scheduler fires.
   */
  private void prepareConnection() {
    try {
      http.dispatcher().executorService().execute(this::connect);
    } catch (RejectedExecutionException e) {
      connectionLost(null, "cannot prepare the connection: the OkHttp client was shut down");
    }
  }

  /** Runs on a dispatcher thread: the token check may call the server. */
  private void connect() {
    Request request;
    try {
      request = upgradeRequest();
    } catch (BlotreException | IllegalStateException e) {
      connectionLost(null, "cannot prepare the connection: " + e.getMessage());
      return;
    }
    synchronized (lock) {
      if (state != State.CLOSED) {
        state = State.CONNECTING;
        socket = http.newWebSocket(request, new Connection());
      }
    }
  }

  private Request upgradeRequest() {
    Request.Builder request =
        new Request.Builder().url(url).header("User-Agent", HttpCaller.USER_AGENT);
    String token = freshAccessToken();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  /**
   * The access token to connect with. The server would silently make a socket with an expired token
   * anonymous, so a refreshable token is checked first ({@code token_info} knows only valid access
   * tokens) and refreshed unless it is still valid.
   */
  private String freshAccessToken() {
    Creds creds = blotre.getCreds();
    if (creds == null || creds.accessToken() == null) {
      return null;
    }
    if (!creds.hasRefreshToken() || blotre.getClientInfo() == null) {
      return creds.accessToken();
    }
    try {
      if (blotre.getTokenInfo().expiresIn() > 0) {
        return creds.accessToken();
      }
    } catch (RestException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    log.info("The access token has expired; refreshing it before connecting the socket");
    try {
      return blotre.exchangeRefreshToken().accessToken();
    } catch (TokenEndpointException e) {
      // The refresh token is dead too: only a new authorization helps. Events need none.
      log.warn(
          "Cannot refresh the access token ({}); the socket connects anonymously: reads and "
              + "events work, writes fail until the client is authorized again",
          e.error());
      return null;
    }
  }

  private void connectionLost(WebSocket lost, String reason) {
    Duration delay;
    List<Pending<?>> failed = new ArrayList<>();
    synchronized (lock) {
      if (state == State.CLOSED || (lost != null && lost != socket)) {
        return;
      }
      socket = null;
      state = State.WAITING;
      // Requests already sent will get no reply; those still in the outbox wait for the reconnect.
      pending
          .entrySet()
          .removeIf(
              entry -> {
                boolean sent = !outbox.containsKey(entry.getKey());
                if (sent) {
                  failed.add(entry.getValue());
                }
                return sent;
              });
      sentSubscriptions.clear();
      delay = backoff.delay(++failures);
      reconnect = scheduler.schedule(this::prepareConnection, delay.toMillis(), MILLISECONDS);
    }
    log.warn("Socket to {} lost ({}); reconnecting in {} ms", url, reason, delay.toMillis());
    for (Pending<?> request : failed) {
      request
          .future()
          .completeExceptionally(
              new TransportException(
                  request.type() + ": the connection was lost before the reply (" + reason + ")",
                  new IOException(reason)));
    }
    listener.onDisconnected(reason, delay);
  }

  private void connected(WebSocket open) {
    boolean reconnected;
    synchronized (lock) {
      if (state == State.CLOSED || open != socket) {
        return;
      }
      state = State.OPEN;
      // The backoff resets only once the connection has proved itself (a frame arrived): a server
      // that accepts and drops every connection at once must see the delays grow.
      reconnected = connectedBefore;
      connectedBefore = true;
      streams.forEach(key -> sendSubscription(new Subscription(false, key)));
      collections.forEach(key -> sendSubscription(new Subscription(true, key)));
      outbox.values().forEach(open::send);
      outbox.clear();
    }
    log.info("Socket {} to {}", reconnected ? "reconnected" : "connected", url);
    listener.onConnected(reconnected);
  }

  private void received(String text) {
    Map<String, Object> frame;
    try {
      frame = Frames.parse(text);
    } catch (JsonDataException e) {
      log.warn("Ignoring a socket frame that is not a JSON object: {}", e.getMessage());
      return;
    }
    Integer correlation = Frames.correlation(frame);
    if (correlation == null) {
      receivedEvent(frame);
    } else if ("Error".equals(frame.get("type"))) {
      receivedError(correlation, frame, text);
    } else {
      Pending<?> request;
      synchronized (lock) {
        request = pending.remove(correlation);
      }
      if (request == null) {
        log.debug(
            "Ignoring a {} reply nobody waits for (correlation {})",
            frame.get("type"),
            correlation);
      } else {
        request.complete(frame, text);
      }
    }
  }

  private void receivedError(int correlation, Map<String, Object> frame, String text) {
    String error = frame.get("error") instanceof String message ? message : "(no error text)";
    Pending<?> request;
    Subscription subscription;
    List<CompletableFuture<Status>> waiting = null;
    synchronized (lock) {
      request = pending.remove(correlation);
      subscription = sentSubscriptions.remove(correlation);
      if (subscription != null) {
        if (error.equals(LIMIT_EXCEEDED)) {
          (subscription.collection() ? collections : streams).remove(subscription.key());
        }
        waiting = subscription.collection() ? null : firstStatus.remove(subscription.key());
      }
    }
    if (request != null) {
      request.future().completeExceptionally(socketError(request.type(), error, text));
    } else if (waiting != null) {
      RestException failure = socketError("Subscribe " + subscription.key(), error, text);
      waiting.forEach(future -> future.completeExceptionally(failure));
    } else if (subscription != null && !subscription.collection()) {
      log.debug("Socket error for {}, which nobody waits for: {}", subscription.key(), error);
    } else {
      log.warn(
          "Socket error for {}: {}",
          subscription == null ? "no waiting request" : subscription.key(),
          error);
    }
  }

  private void receivedEvent(Map<String, Object> frame) {
    SocketEvent event;
    try {
      event = Frames.event(frame);
    } catch (JsonDataException | IllegalArgumentException e) {
      log.warn("Ignoring a malformed {} event: {}", frame.get("type"), e.getMessage());
      return;
    }
    if (event == null) {
      log.debug("Ignoring a frame of unknown type {}", frame.get("type"));
      return;
    }
    if (event instanceof SocketEvent.StatusUpdated update && update.source() == null) {
      String key = StreamUris.normalize(update.from());
      List<CompletableFuture<Status>> waiting;
      synchronized (lock) {
        waiting = firstStatus.remove(key);
        sentSubscriptions.values().removeIf(s -> !s.collection() && s.key().equals(key));
      }
      if (waiting != null) {
        waiting.forEach(future -> future.complete(update.status()));
      }
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.error("Socket listener failed on {}; later events are still delivered", event, e);
    }
  }

  private <T> CompletableFuture<T> request(
      String type, Function<Map<String, Object>, T> reader, Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        body.put((String) fields[i], fields[i + 1]);
      }
    }
    return request(type, reader, body);
  }

  private <T> CompletableFuture<T> request(
      String type, Function<Map<String, Object>, T> reader, Map<String, Object> fields) {
    CompletableFuture<T> future = new CompletableFuture<>();
    int correlation = nextCorrelation();
    String text = Frames.json(frame(type, fields, correlation));
    synchronized (lock) {
      if (state == State.CLOSED) {
        future.completeExceptionally(
            new TransportException(
                type + ": the socket is closed", new IOException("socket closed")));
        return future;
      }
      pending.put(correlation, new Pending<>(type, reader, future));
      if (state == State.OPEN) {
        socket.send(text);
      } else {
        outbox.put(correlation, text);
      }
    }
    expire(
        future,
        type,
        () -> {
          synchronized (lock) {
            pending.remove(correlation);
            outbox.remove(correlation);
          }
        });
    return future;
  }

  /** Fails {@code future} after the request timeout unless it completed, after {@code forget}. */
  private void expire(CompletableFuture<?> future, String what, Runnable forget) {
    ScheduledFuture<?> timeout;
    try {
      timeout =
          scheduler.schedule(
              () -> {
                forget.run();
                future.completeExceptionally(
                    new TransportException(
                        what + ": no reply within " + requestTimeout.toMillis() + " ms",
                        new SocketTimeoutException("socket request timed out")));
              },
              requestTimeout.toMillis(),
              MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return; // Closed meanwhile: close() has failed the future already.
    }
    future.whenComplete((value, failure) -> timeout.cancel(false));
  }

  /**
   * Fails {@code future} when the socket is closed or the subscription would pass the limit. Holds
   * lock.
   */
  private boolean refused(
      CompletableFuture<?> future, String type, Set<String> subscribed, String key, int limit) {
    if (state == State.CLOSED) {
      future.completeExceptionally(
          new TransportException(
              type + ": the socket is closed", new IOException("socket closed")));
      return true;
    }
    if (!subscribed.contains(key) && subscribed.size() >= limit) {
      future.completeExceptionally(socketError(type + " " + key, LIMIT_EXCEEDED, null));
      return true;
    }
    return false;
  }

  /** Holds lock; the socket is open. */
  private void sendSubscription(Subscription subscription) {
    int correlation = nextCorrelation();
    sentSubscriptions.put(correlation, subscription);
    socket.send(
        Frames.json(
            subscription.collection()
                ? frame("SubscribeCollection", Map.of("to", subscription.key()), correlation)
                : frame("Subscribe", Map.of("to", List.of(subscription.key())), correlation)));
  }

  /**
   * Holds lock. Unsubscribing needs no resend after a reconnect, so it is dropped when not
   * connected.
   */
  private void sendIfOpen(String type, String field, Object value) {
    if (state == State.OPEN) {
      socket.send(Frames.json(frame(type, Map.of(field, value), nextCorrelation())));
    }
  }

  private static Map<String, Object> frame(
      String type, Map<String, Object> fields, int correlation) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", type);
    frame.putAll(fields);
    frame.put("correlation", correlation);
    return frame;
  }

  /** 1, 2, ... wrapping to 1 again: an Int32, and never the server's default 0. */
  private int nextCorrelation() {
    return correlations.updateAndGet(n -> n == Integer.MAX_VALUE ? 1 : n + 1);
  }

  private static String collectionKey(String address) {
    Objects.requireNonNull(address, "address");
    String trimmed = address.strip();
    return trimmed.startsWith("#")
        ? trimmed.toLowerCase(Locale.ROOT)
        : StreamUris.normalize(trimmed);
  }

  private static RestException socketError(String what, String error, String frame) {
    return new RestException(what + ": " + error, 0, error, null, frame == null ? "" : frame, null);
  }

  /** Callbacks of one connection; those of a connection that is no longer current are ignored. */
  private final class Connection extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      connected(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      synchronized (lock) {
        if (webSocket != socket) {
          return;
        }
        failures = 0;
      }
      received(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      connectionLost(
          webSocket,
          "server closed the connection: " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
      connectionLost(
          webSocket,
          response != null && response.code() != 101
              ? "upgrade refused with HTTP " + response.code()
              : failure.toString());
    }
  }

  /** Configures a {@link BlotreSocket}. Not thread-safe. */
  public static final class Builder {
    private final Blotre blotre;
    private SocketListener listener;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Backoff backoff = DEFAULT_BACKOFF;
    private ScheduledExecutorService scheduler;

    private Builder(Blotre blotre) {
      this.blotre = blotre;
    }

    /**
     * Sets who hears events, disconnects and reconnects (required).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SocketListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long a request (or a subscription's first status) may wait for its reply, including
     * any time spent reconnecting (default 30 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Sets how often to ping the server (default 30 s). The server never sends anything on an idle
     * socket, so without pings a connection that died silently (a sleeping laptop, a NAT timeout)
     * would go unnoticed; a ping without a pong counts as a lost connection.
     *
     * @param interval the interval, or {@link Duration#ZERO} for no pings
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative, was " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    /**
     * Sets the waits between reconnect attempts (default 0.5 s doubling up to 60 s, with jitter).
     *
     * @param backoff the backoff
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets where reconnect delays and request timeouts are timed (default a daemon thread of the
     * socket's own, stopped by {@link BlotreSocket#close()}; a given scheduler is not shut down).
     * Its tasks are short: the connection itself, with its token check, is prepared on OkHttp's
     * dispatcher threads.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Creates the socket and starts connecting in the background.
     *
     * @return the socket; requests made before it is connected are sent once it is
     * @throws NullPointerException if no listener was set
     */
    public BlotreSocket open() {
      return new BlotreSocket(this).start();
    }
  }
}
