package re.blot.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import re.blot.client.internal.AuthorizedCaller;
import re.blot.client.internal.Bodies;
import re.blot.client.internal.HttpCaller;
import re.blot.client.internal.Json;
import re.blot.client.internal.Replies;
import re.blot.client.internal.Reply;
import re.blot.client.internal.StreamUris;
import re.blot.client.internal.TokenEndpoint;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.client.model.DisposableClient;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.client.model.TokenInfo;
import re.blot.client.model.User;
import re.blot.client.socket.BlotreSocket;
import re.blot.client.socket.SocketListener;

/**
 * A client of the Blot're REST and OAuth2 API. Thread-safe; share one instance.
 *
 * <pre>{@code
 * Blotre blotre = Blotre.builder()
 *     .baseUrl("http://127.0.0.1:8080")
 *     .clientInfo(new ClientInfo(clientId, clientSecret, redirectUri))
 *     .creds(savedCreds)
 *     .credsListener(store::save)
 *     .build();
 * Stream root = blotre.getStream(blotre.getCreds().user().rootStream());
 * blotre.setStreamStatus(root.id(), "#00ff00");
 * }</pre>
 *
 * <p>Configuration is immutable ({@link #newBuilder()} makes a changed copy). The credentials
 * change only through the grant calls, an automatic refresh, or {@link #setCreds(Creds)}; each
 * change is reported to the {@link CredsListener}.
 *
 * <p>Authorized calls send {@code Authorization: Bearer <access token>}. When the server answers
 * 401 with its expired-token challenge and a refresh token is held, the client refreshes once (one
 * refresh for any number of concurrent callers) and replays the request once; a request is sent at
 * most twice. Credentials live in a {@link TokenStore}: in memory by default, or one given to
 * {@link Builder#tokenStore(TokenStore)} (the disposable app's keeps them in its file).
 *
 * <p>Errors: {@link RestException} for an error status, {@link TokenEndpointException} when a grant
 * is refused, {@link TransportException} for I/O failures and timeouts. Requests other than GET are
 * never re-sent silently after a connection broke.
 */
public final class Blotre {
  /** The server used when no base url is given. */
  public static final String DEFAULT_BASE_URL = "https://blot.re";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final JsonAdapter<Map<String, String>> FIELDS =
      Json.moshi().adapter(Types.newParameterizedType(Map.class, String.class, String.class));
  private static final JsonAdapter<Stream> STREAM = Json.adapter(Stream.class);
  private static final JsonAdapter<List<Stream>> STREAMS = Json.listAdapter(Stream.class);
  private static final JsonAdapter<Status> STATUS = Json.adapter(Status.class);
  private static final JsonAdapter<Tag> TAG = Json.adapter(Tag.class);
  private static final JsonAdapter<List<Tag>> TAGS = Json.listAdapter(Tag.class);
  private static final JsonAdapter<User> USER = Json.adapter(User.class);
  private static final JsonAdapter<TokenInfo> TOKEN_INFO = Json.adapter(TokenInfo.class);
  private static final JsonAdapter<DisposableClient> DISPOSABLE =
      Json.adapter(DisposableClient.class);

  private final String baseUrlText;
  private final HttpUrl baseUrl;

  private final HttpUrl apiRoot;
  private final ClientInfo clientInfo;
  private final DisposableClient disposableClient;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final OkHttpClient okHttpClient;
  private final Clock clock;
  private final CredsListener credsListener;
  private final TokenStore customStore;
  private final TokenStore store;
  private final HttpCaller http;
  private final AuthorizedCaller authorized;

  private Blotre(Builder builder) {
    this.baseUrlText = stripTrailingSlash(builder.baseUrl);
    HttpUrl parsed = HttpUrl.parse(baseUrlText);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Invalid base url '"
              + builder.baseUrl
              + "': expected http://host[:port] or https://host[:port]");
    }
    this.baseUrl = parsed;
    this.apiRoot = parsed.newBuilder().addPathSegments("v0/api").build();
    this.clientInfo = builder.clientInfo;
    this.disposableClient = builder.disposableClient;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.callTimeout = builder.callTimeout;
    this.okHttpClient = okHttp(builder);
    this.clock = builder.clock;
    this.credsListener = builder.credsListener;
    if (builder.tokenStore != null && (builder.creds != null || builder.credsListener != null)) {
      throw new IllegalStateException(
          "Set either a token store or creds and a creds listener, not both: the token store holds"
              + " the credentials");
    }
    this.customStore = builder.tokenStore;
    this.store =
        customStore != null
            ? customStore
            : TokenStore.inMemory(builder.creds, builder.credsListener);
    this.http = new HttpCaller(okHttpClient);
    this.authorized =
        new AuthorizedCaller(http, store, creds -> tokens().refresh(creds.refreshToken()));
  }

  /**
   * Starts configuring a client.
   *
   * @return a builder with the defaults: {@value #DEFAULT_BASE_URL}, no client info, no credentials
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts configuring a client like this one. The new client shares this one's connection pool,
   * and its token store if one was set; otherwise it starts with this one's current credentials.
   *
   * @return a builder prefilled from this client
   */
  public Builder newBuilder() {
    Builder builder =
        new Builder().baseUrl(baseUrlText).clientInfo(clientInfo).okHttpClient(okHttpClient);
    builder.clock(clock);
    if (customStore != null) {
      builder.tokenStore(customStore);
    } else {
      builder.creds(getCreds()).credsListener(credsListener);
    }
    builder.connectTimeout = connectTimeout;
    builder.readTimeout = readTimeout;
    builder.callTimeout = callTimeout;
    builder.disposableClient = disposableClient;
    return builder;
  }

  // ---- Configuration and credentials -------------------------------------------------------

  /**
   * Returns the server's base url.
   *
   * @return the base url without a trailing slash, for example {@code https://blot.re}
   */
  public String getBaseUrl() {
    return baseUrlText;
  }

  /**
   * Returns the client's identity.
   *
   * @return the client info, or null if none was configured
   */
  public ClientInfo getClientInfo() {
    return clientInfo;
  }

  /**
   * Returns the disposable client this client was created as.
   *
   * @return the disposable client (with its one-time code and expiry), or null if this client was
   *     not made by {@link #createDisposable(String, String)}
   */
  public DisposableClient getDisposableClient() {
    return disposableClient;
  }

  /**
   * Returns the current credentials.
   *
   * @return the credentials, or null if there are none
   */
  public Creds getCreds() {
    return store.current();
  }

  /**
   * Replaces the credentials and tells the listener.
   *
   * @param creds the new credentials, or null to clear them
   */
  public void setCreds(Creds creds) {
    store.replace(creds);
  }

  // ---- Unauthenticated queries ---------------------------------------------------------------

  /**
   * Lists the latest streams ({@code GET /v0/api/stream}).
   *
   * @return at most 20 streams
   */
  public List<Stream> getStreams() {
    return getStreams(null);
  }

  /**
   * Searches streams ({@code GET /v0/api/stream?query=}).
   *
   * @param query the search query, or null for the latest streams
   * @return at most 20 streams
   */
  public List<Stream> getStreams(String query) {
    return get(withQuery(api("stream"), query), STREAMS);
  }

  /**
   * Gets one stream ({@code GET /v0/api/stream/:id}).
   *
   * @param id the stream id
   * @return the stream
   * @throws RestException 404 {@code Stream does not exist.}
   */
  public Stream getStream(String id) {
    return get(apiUrl("stream", id), STREAM);
  }

  /**
   * Gets a stream's status ({@code GET /v0/api/stream/:id/status}).
   *
   * @param id the stream id
   * @return the status
   * @throws RestException 404 {@code Stream does not exist.}
   */
  public Status getStreamStatus(String id) {
    return get(apiUrl("stream", id, "status"), STATUS);
  }

  /**
   * Lists a stream's children ({@code GET /v0/api/stream/:id/children}).
   *
   * @param id the parent stream id
   * @return at most 20 children
   * @throws RestException 404 {@code Stream does not exist.}
   */
  public List<Stream> getStreamChildren(String id) {
    return getStreamChildren(id, null);
  }

  /**
   * Searches a stream's children ({@code GET /v0/api/stream/:id/children?query=}).
   *
   * @param id the parent stream id
   * @param query the search query, or null for all
   * @return at most 20 children
   * @throws RestException 404 {@code Stream does not exist.}
   */
  public List<Stream> getStreamChildren(String id, String query) {
    return get(withQuery(api("stream", id, "children"), query), STREAMS);
  }

  /**
   * Gets one child of a stream ({@code GET /v0/api/stream/:id/children/:child}).
   *
   * @param id the parent stream id
   * @param childId the child stream id
   * @return the child
   * @throws RestException 404 {@code Stream does not exist.} (parent, link or child missing)
   */
  public Stream getChild(String id, String childId) {
    return get(apiUrl("stream", id, "children", childId), STREAM);
  }

  /**
   * Lists a stream's tags ({@code GET /v0/api/stream/:id/tags}).
   *
   * @param id the stream id
   * @return the tags
   * @throws RestException 404 {@code Stream does not exist.}
   */
  public List<Tag> getTags(String id) {
    return get(apiUrl("stream", id, "tags"), TAGS);
  }

  /**
   * Gets one tag of a stream ({@code GET /v0/api/stream/:id/tags/:tag}); the server compares the
   * tag as given, so pass it lower-cased.
   *
   * @param id the stream id
   * @param tag the tag
   * @return the tag
   * @throws RestException 404 {@code Stream does not exist.} or {@code Tag does not exist.}
   */
  public Tag getTag(String id, String tag) {
    return get(apiUrl("stream", id, "tags", tag), TAG);
  }

  /**
   * Lists the streams with a tag ({@code GET /v0/api/tag/:tag/children}).
   *
   * @param tag the tag
   * @return at most 20 streams
   * @throws RestException 422 {@code Invalid tag}
   */
  public List<Stream> getTagChildren(String tag) {
    return getTagChildren(tag, null);
  }

  /**
   * Searches the streams with a tag ({@code GET /v0/api/tag/:tag/children?query=}).
   *
   * @param tag the tag
   * @param query the search query, or null for all
   * @return at most 20 streams
   * @throws RestException 422 {@code Invalid tag}
   */
  public List<Stream> getTagChildren(String tag, String query) {
    return get(withQuery(api("tag", tag, "children"), query), STREAMS);
  }

  /**
   * Gets a user ({@code GET /v0/api/user/:id}).
   *
   * @param id the user id
   * @return the user
   * @throws RestException 404 with an empty body if there is no such user
   */
  public User getUser(String id) {
    return get(apiUrl("user", id), USER);
  }

  // ---- OAuth2 --------------------------------------------------------------------------------

  /**
   * Returns the page where a user authorizes this client (authorization code flow).
   *
   * @return {@code <base>/v0/oauth2/authorize?response_type=code&client_id=..&redirect_uri=..}
   * @throws IllegalStateException if there is no client info
   */
  public String getAuthorizationUrl() {
    return getAuthorizationUrl(null);
  }

  /**
   * Returns the page where a user authorizes this client, with a {@code state} parameter. (The
   * Blot're server does not send {@code state} back; it is offered for other servers.)
   *
   * @param state the state to add, or null for none
   * @return the authorization url
   * @throws IllegalStateException if there is no client info
   */
  public String getAuthorizationUrl(String state) {
    ClientInfo client = requireClientInfo();
    HttpUrl.Builder url =
        oauth("authorize")
            .addQueryParameter("response_type", "code")
            .addQueryParameter("client_id", client.clientId())
            .addQueryParameter(
                "redirect_uri", client.redirectUri() == null ? "" : client.redirectUri());
    if (state != null) {
      url.addQueryParameter("state", state);
    }
    return url.build().toString();
  }

  /**
   * Returns the page where a user redeems a disposable client's one-time code.
   *
   * @return {@code <base>/v0/oauth2/redeem}
   */
  public String getRedeemUrl() {
    return oauth("redeem").build().toString();
  }

  /**
   * Exchanges an authorization code for credentials, which become this client's.
   *
   * @param code the code the redirect carried
   * @return the new credentials
   * @throws TokenEndpointException if the server refused the code
   * @throws IllegalStateException if there is no client info
   */
  public Creds redeemAuthorizationCode(String code) {
    Creds creds = tokens().redeemAuthorizationCode(code);
    store.replace(creds);
    return creds;
  }

  /**
   * Exchanges the refresh token for new credentials, which become this client's. The old access and
   * refresh tokens stop working.
   *
   * @return the new credentials
   * @throws TokenEndpointException if the server refused the refresh token
   * @throws IllegalStateException if there is no client info or no refresh token
   */
  public Creds exchangeRefreshToken() {
    return store.refresh(null, creds -> tokens().refresh(creds.refreshToken()));
  }

  /**
   * Exchanges the one-time code of this disposable client for credentials, which become this
   * client's. Works only after the user redeemed the code at {@link #getRedeemUrl()}.
   *
   * @return the new credentials
   * @throws TokenEndpointException {@code invalid_grant} if the user has not redeemed the code yet
   *     (it stays valid, so the call may be retried), or if the code expired
   * @throws IllegalStateException if this client is not a disposable one
   */
  public Creds redeemOnetimeCode() {
    if (disposableClient == null) {
      throw new IllegalStateException(
          "No one-time code: this client was not made by Blotre.createDisposable");
    }
    return redeemOnetimeCode(disposableClient.code());
  }

  /**
   * Exchanges a disposable client's one-time code for credentials, which become this client's.
   *
   * @param code the one-time code
   * @return the new credentials
   * @throws TokenEndpointException {@code invalid_grant} if the user has not redeemed the code yet,
   *     or if it expired or was used
   * @throws IllegalStateException if there is no client info
   */
  public Creds redeemOnetimeCode(String code) {
    Creds creds = tokens().redeemOnetimeCode(code);
    store.replace(creds);
    return creds;
  }

  /**
   * Asks the server about the current access token ({@code GET /v0/oauth2/token_info}).
   *
   * <p>Unlike the Python client, an unknown token is reported as what the server sends, the error
   * envelope: a {@link RestException} with status 404 and error {@code No such token.}.
   *
   * @return what the server knows about the token
   * @throws RestException 404 {@code No such token.}
   * @throws IllegalStateException if there are no credentials
   */
  public TokenInfo getTokenInfo() {
    HttpUrl url = oauth("token_info").addQueryParameter("token", requireAccessToken()).build();
    return get(url, TOKEN_INFO);
  }

  /**
   * Revokes the current access token and its refresh token ({@code POST /v0/oauth2/revoke?token=},
   * no body). The credentials are kept: later authorized calls get 401, and a refresh is refused.
   *
   * @throws RestException 404 {@code No such token.}
   * @throws IllegalStateException if there are no credentials
   */
  public void revoke() {
    HttpUrl url = oauth("revoke").addQueryParameter("token", requireAccessToken()).build();
    Replies.success(exchange("POST", url, null, false));
  }

  /**
   * Creates a disposable client on {@value #DEFAULT_BASE_URL}. See {@link
   * #createDisposable(Builder, String, String)}.
   *
   * @param name the client's name (3 to 254 characters)
   * @param blurb the client's description
   * @return a client holding the new client id and secret, and the one-time code
   * @throws RestException 400 {@code Could not process request} if the name is not valid
   */
  public static Blotre createDisposable(String name, String blurb) {
    return createDisposable(builder(), name, blurb);
  }

  /**
   * Creates a disposable client ({@code PUT /v0/oauth2/disposable}) on the server configured in
   * {@code config}. The returned client holds the new client id and secret as its {@link
   * #getClientInfo()}, and the one-time code with its expiry as {@link #getDisposableClient()}:
   * show the user the code and {@link #getRedeemUrl()}, then call {@link #redeemOnetimeCode()}.
   *
   * @param config the configuration of the new client (its client info and credentials are
   *     replaced; {@code config} itself is not changed)
   * @param name the client's name (3 to 254 characters)
   * @param blurb the client's description
   * @return a client holding the new client id and secret, and the one-time code
   * @throws RestException 400 {@code Could not process request} if the name is not valid
   */
  public static Blotre createDisposable(Builder config, String name, String blurb) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", Objects.requireNonNull(name, "name"));
    body.put("blurb", Objects.requireNonNull(blurb, "blurb"));
    Blotre anonymous = config.build();
    Reply reply =
        anonymous.exchange("PUT", anonymous.oauth("disposable").build(), Bodies.json(body), false);
    DisposableClient created =
        Replies.value(reply, DISPOSABLE).receivedAt(anonymous.clock.instant());
    Builder builder =
        anonymous
            .newBuilder()
            .clientInfo(new ClientInfo(created.id(), created.secret(), ""))
            .tokenStore(null)
            .creds(null);
    builder.disposableClient = created;
    return builder.build();
  }

  // ---- Authorized requests -------------------------------------------------------------------

  /**
   * Creates a stream, or updates it if the caller already owns one at that uri ({@code PUT
   * /v0/api/stream}).
   *
   * @param stream the name, uri, and optional status and tags
   * @return the stream, with {@code created} true for 201 and false for 200 (it existed; status and
   *     tags were applied)
   * @throws RestException 400 (bad JSON, color or tags; see {@link RestException#details()}), 404
   *     {@code Parent stream does not exist.}, 422 (invalid name, name and uri do not match, too
   *     many children or streams), 401 (not authorized)
   */
  public CreateResult<Stream> createStream(NewStream stream) {
    return create("PUT", apiUrl("stream"), Bodies.json(stream.toJson()), STREAM);
  }

  /**
   * Deletes a stream ({@code DELETE /v0/api/stream/:id}).
   *
   * @param id the stream id
   * @return the stream as it was before deletion
   * @throws RestException 404 {@code Stream does not exist.}, 401 (not the owner), 422 {@code
   *     Cannot delete root streams.}
   */
  public Stream deleteStream(String id) {
    return authorizedCall("DELETE", apiUrl("stream", id), null, STREAM);
  }

  /**
   * Sets a stream's status ({@code POST /v0/api/stream/:id/status}).
   *
   * @param id the stream id
   * @param color the color, exactly {@code #rrggbb}
   * @return the new status
   * @throws RestException 400 (bad color), 404 {@code Stream does not exist.}, 401 (not the owner)
   */
  public Status setStreamStatus(String id, String color) {
    return authorizedCall(
        "POST",
        apiUrl("stream", id, "status"),
        Bodies.json(FIELDS, Map.of("color", color)),
        STATUS);
  }

  /**
   * Replaces all tags of a stream ({@code POST /v0/api/stream/:id/tags}).
   *
   * @param id the stream id
   * @param tags the new tags (at most 6, distinct)
   * @return the new tags, lower-cased, in the order sent
   * @throws RestException 422 {@code Could not process request.}, 404 {@code Stream does not
   *     exist.}, 401 (not the owner)
   */
  public List<Tag> setTags(String id, List<String> tags) {
    List<Map<String, String>> body = new ArrayList<>();
    for (String tag : tags) {
      body.add(Map.of("tag", tag));
    }
    return authorizedCall("POST", apiUrl("stream", id, "tags"), Bodies.json(body), TAGS);
  }

  /**
   * Adds a tag to a stream ({@code PUT /v0/api/stream/:id/tags/:tag}, no body).
   *
   * @param id the stream id
   * @param tag the tag
   * @return the tag, with {@code created} true if it was added and false if it was there
   * @throws RestException 404 ({@code Tag is not valid.}, {@code Stream does not exist.}, or not
   *     the owner), 422 {@code Too many tags.}
   */
  public CreateResult<Tag> setTag(String id, String tag) {
    return create("PUT", apiUrl("stream", id, "tags", tag), null, TAG);
  }

  /**
   * Removes a tag from a stream ({@code DELETE /v0/api/stream/:id/tags/:tag}). Note: the last
   * Blot're server release adds the tag instead (its bug B1); the emulator removes it.
   *
   * @param id the stream id
   * @param tag the tag
   * @return the tag the server answered with
   * @throws RestException 404 ({@code Tag is not valid.}, {@code Stream does not exist.}, or not
   *     the owner)
   */
  public Tag deleteTag(String id, String tag) {
    return authorizedCall("DELETE", apiUrl("stream", id, "tags", tag), null, TAG);
  }

  /**
   * Links an existing stream as a child ({@code PUT /v0/api/stream/:id/children/:child}, no body).
   *
   * @param id the parent stream id
   * @param childId the child stream id
   * @return the child, with {@code created} true if newly linked and false if already linked
   * @throws RestException 404 ({@code Parent stream does not exist.}, {@code Child stream does not
   *     exist.}), 422 ({@code Too many children.}, {@code I'm my own grandpa.}), 401 (not the
   *     owner)
   */
  public CreateResult<Stream> createChild(String id, String childId) {
    return create("PUT", apiUrl("stream", id, "children", childId), null, STREAM);
  }

  /**
   * Unlinks a child ({@code DELETE /v0/api/stream/:id/children/:child}); the child itself is not
   * deleted.
   *
   * @param id the parent stream id
   * @param childId the child stream id
   * @return the child
   * @throws RestException 404 {@code Stream does not exist.}, 401 (not the owner), 422 {@code
   *     Cannot remove hierarchical child.}
   */
  public Stream deleteChild(String id, String childId) {
    return authorizedCall("DELETE", apiUrl("stream", id, "children", childId), null, STREAM);
  }

  // ---- Uris ----------------------------------------------------------------------------------

  /**
   * Normalises a stream uri as the server does: trimmed, whitespace as {@code +}, lower case, one
   * trailing {@code /} removed, and percent-encoded only where a path segment needs it.
   *
   * @param uri the uri, for example {@code "Matt/Mr Tree"}
   * @return the canonical uri, for example {@code matt/mr+tree}
   */
  public static String normalizeUri(String uri) {
    return StreamUris.normalize(uri);
  }

  /**
   * Normalises each part and joins them with {@code /}.
   *
   * @param parts the parts, for example {@code ("matt", "Mr Tree")}
   * @return the joined uri, for example {@code matt/mr+tree}
   */
  public static String joinUri(String... parts) {
    return StreamUris.join(parts);
  }

  /**
   * Returns the OkHttp client this client sends through (with its timeouts applied). Sockets opened
   * from this client share its connection pool and dispatcher.
   *
   * @return the OkHttp client
   */
  public OkHttpClient getOkHttpClient() {
    return okHttpClient;
  }

  /**
   * Opens a WebSocket to the server with the default options: see {@link
   * BlotreSocket#builder(Blotre)} for the others.
   *
   * @param listener told of events, disconnects and reconnects
   * @return the socket, connecting in the background; requests made before it is connected are sent
   *     once it is
   */
  public BlotreSocket openSocket(SocketListener listener) {
    return BlotreSocket.builder(this).listener(listener).open();
  }

  /**
   * Returns the WebSocket API url of the server.
   *
   * @return {@code wss://<host>/v0/ws} for an https base url, {@code ws://..} for http
   */
  public String getWebsocketUrl() {
    String http = baseUrl.newBuilder().addPathSegments("v0/ws").build().toString();
    return "ws" + http.substring("http".length());
  }

  /**
   * Describes the client without any secret.
   *
   * @return the base url, client id and user
   */
  @Override
  public String toString() {
    Creds creds = getCreds();
    return "Blotre[baseUrl="
        + baseUrlText
        + ", clientId="
        + (clientInfo == null ? null : clientInfo.clientId())
        + ", user="
        + (creds == null || creds.user() == null ? null : creds.user().userName())
        + "]";
  }

  // ---- Plumbing: every endpoint goes through exchange() and Replies --------------------------

  private <T> T get(HttpUrl url, JsonAdapter<T> adapter) {
    return Replies.value(exchange("GET", url, null, false), adapter);
  }

  private <T> T authorizedCall(
      String method, HttpUrl url, RequestBody body, JsonAdapter<T> adapter) {
    return Replies.value(exchange(method, url, body, true), adapter);
  }

  private <T> CreateResult<T> create(
      String method, HttpUrl url, RequestBody body, JsonAdapter<T> adapter) {
    Reply reply = exchange(method, url, body, true);
    return new CreateResult<>(Replies.value(reply, adapter), reply.status() == 201);
  }

  private Reply exchange(String method, HttpUrl url, RequestBody body, boolean authorize) {
    var request = HttpCaller.request(method, url, body);
    return authorize ? authorized.send(request) : http.send(request);
  }

  private HttpUrl apiUrl(String... segments) {
    return api(segments).build();
  }

  private HttpUrl.Builder api(String... segments) {
    HttpUrl.Builder url = apiRoot.newBuilder();
    for (String segment : segments) {
      Objects.requireNonNull(segment, "id or tag");
      if (segment.equals(".") || segment.equals("..")) {
        // OkHttp resolves dot segments, which would send the request to another route.
        throw new IllegalArgumentException("'" + segment + "' is not a stream id or tag");
      }
      url.addPathSegment(segment);
    }
    return url;
  }

  private HttpUrl.Builder oauth(String endpoint) {
    return baseUrl.newBuilder().addPathSegments("v0/oauth2").addPathSegment(endpoint);
  }

  private static HttpUrl withQuery(HttpUrl.Builder url, String query) {
    if (query != null) {
      url.addQueryParameter("query", query);
    }
    return url.build();
  }

  private TokenEndpoint tokens() {
    return new TokenEndpoint(http, baseUrl, requireClientInfo());
  }

  private ClientInfo requireClientInfo() {
    if (clientInfo == null) {
      throw new IllegalStateException(
          "This call needs client info (client id and secret): set Blotre.Builder.clientInfo");
    }
    return clientInfo;
  }

  private String requireAccessToken() {
    Creds creds = getCreds();
    if (creds == null || creds.accessToken() == null) {
      throw new IllegalStateException("This call needs credentials with an access token");
    }
    return creds.accessToken();
  }

  private static String stripTrailingSlash(String url) {
    String trimmed = Objects.requireNonNull(url, "baseUrl").strip();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static OkHttpClient okHttp(Builder builder) {
    OkHttpClient.Builder okHttp;
    if (builder.okHttpClient != null) {
      okHttp = builder.okHttpClient.newBuilder();
    } else {
      okHttp =
          new OkHttpClient.Builder()
              .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
              .readTimeout(DEFAULT_READ_TIMEOUT)
              .writeTimeout(DEFAULT_READ_TIMEOUT)
              .callTimeout(DEFAULT_CALL_TIMEOUT);
    }
    if (builder.connectTimeout != null) {
      okHttp.connectTimeout(builder.connectTimeout);
    }
    if (builder.readTimeout != null) {
      okHttp.readTimeout(builder.readTimeout).writeTimeout(builder.readTimeout);
    }
    if (builder.callTimeout != null) {
      okHttp.callTimeout(builder.callTimeout);
    }
    return okHttp.build();
  }

  /** Configures a {@link Blotre} client. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private ClientInfo clientInfo;
    private Creds creds;
    private CredsListener credsListener;
    private TokenStore tokenStore;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private OkHttpClient okHttpClient;
    private Clock clock = Clock.systemUTC();
    private DisposableClient disposableClient;

    private Builder() {}

    /**
     * Sets the server.
     *
     * @param baseUrl {@code https://host} or {@code http://host:port} (default {@value
     *     Blotre#DEFAULT_BASE_URL})
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Sets the client's identity, needed for the grants.
     *
     * @param clientInfo the client id, secret and redirect uri, or null for none
     * @return this builder
     */
    public Builder clientInfo(ClientInfo clientInfo) {
      this.clientInfo = clientInfo;
      return this;
    }

    /**
     * Sets the initial credentials, for example ones saved by a {@link CredsListener}.
     *
     * @param creds the credentials, or null for none
     * @return this builder
     */
    public Builder creds(Creds creds) {
      this.creds = creds;
      return this;
    }

    /**
     * Sets the listener told of every change of the credentials.
     *
     * @param credsListener the listener, or null for none
     * @return this builder
     */
    public Builder credsListener(CredsListener credsListener) {
      this.credsListener = credsListener;
      return this;
    }

    /**
     * Sets where the credentials live, instead of {@link #creds} and {@link #credsListener}: a
     * store that persists them (for example to a file shared by several processes) and refreshes
     * them single-flight. See {@link TokenStore}.
     *
     * @param tokenStore the store, or null for an in-memory one made from {@link #creds} and {@link
     *     #credsListener}
     * @return this builder
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = tokenStore;
      return this;
    }

    /**
     * Sets the connect timeout (default 10 s, or the supplied OkHttp client's).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the read (and write) timeout (default 30 s, or the supplied OkHttp client's).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the timeout of a whole call, from connecting to reading the last byte (default 60 s, or
     * the supplied OkHttp client's).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets an OkHttp client whose connection pool and dispatcher to share. Timeouts set on this
     * builder override the client's.
     *
     * @param okHttpClient the client, or null to make one
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    /**
     * Sets the clock used to compute when a one-time code expires (default the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalArgumentException if the base url is not an http or https url
     * @throws IllegalStateException if both a token store and creds or a creds listener were set
     */
    public Blotre build() {
      return new Blotre(this);
    }
  }
}
