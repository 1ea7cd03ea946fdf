package re.blot.server.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of the emulator's state behind one lock: users, streams, tags, clients, codes and tokens.
 * Operations either return a value or throw {@link ApiFailure} / {@link TokenError} with the
 * contract's status and text. Changes to streams are published as {@link StoreEvent}s to listeners,
 * after the lock is released and in the order they happened.
 */
public final class Store {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Object lock = new Object();
  private final StreamTable streams;
  private final GrantTable grants;
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

  public Store(Clock clock, Lifetimes lifetimes) {
    Ids ids = new Ids(clock);
    this.streams = new StreamTable(clock, ids);
    this.grants = new GrantTable(clock, ids, lifetimes, streams);
  }

  /** Adds a listener for stream changes (statuses, children, tags, deletes). */
  public void addListener(StoreListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StoreListener listener) {
    listeners.remove(listener);
  }

  // ---- users

  /** Creates a user and its root stream; 422 for an invalid name, 409 when the name is taken. */
  public UserRecord createUser(String name) {
    return locked(() -> streams.createUser(name));
  }

  public Optional<UserRecord> user(String id) {
    return locked(() -> streams.user(id));
  }

  public Optional<UserRecord> userByName(String name) {
    return locked(() -> streams.userByName(name));
  }

  public List<UserRecord> users() {
    return locked(streams::users);
  }

  // ---- stream reads

  public StreamRecord stream(String id) {
    return locked(() -> streams.existing(id));
  }

  /** The stream at a uri, normalised as in §4.2 (the WebSocket API addresses streams by uri). */
  public Optional<StreamRecord> streamByUri(String uri) {
    return locked(() -> streams.streamByUri(uri));
  }

  public List<StreamRecord> allStreams() {
    return locked(streams::allStreams);
  }

  public List<StreamRecord> latest(StreamQuery query) {
    return locked(() -> streams.latest(query));
  }

  public List<StreamRecord> children(String id, StreamQuery query) {
    return locked(() -> streams.children(id, query));
  }

  public StreamRecord child(String id, String childId) {
    return locked(() -> streams.child(id, childId));
  }

  /**
   * The streams that have the stream {@code id} as a child (hierarchical or linked); empty when it
   * has none.
   */
  public List<StreamRecord> parents(String id) {
    return locked(() -> streams.parents(id));
  }

  public StatusRecord status(String id) {
    return locked(() -> streams.status(id));
  }

  public String tag(String id, String tag) {
    return locked(() -> streams.tag(id, tag));
  }

  public List<StreamRecord> tagged(String tag, StreamQuery query) {
    return locked(() -> streams.tagged(tag, query));
  }

  // ---- stream writes

  /**
   * R2. {@code color} and {@code tags} may be null (not given); tags must be valid and distinct.
   */
  public Created<StreamRecord> createOrUpdateStream(
      UserRecord caller, String name, String uri, String color, List<String> tags) {
    return publishing(
        events -> streams.createOrUpdate(caller, name, uri, color, tags, events::add));
  }

  public StreamRecord deleteStream(UserRecord caller, String id) {
    return publishing(events -> streams.delete(caller, id, events::add));
  }

  public StatusRecord setStatus(UserRecord caller, String id, String color) {
    return publishing(events -> streams.setStatus(caller, id, color, events::add).status());
  }

  public List<String> setTags(UserRecord caller, String id, List<String> tags) {
    return publishing(events -> streams.replaceTags(caller, id, tags, events::add).tags());
  }

  public Created<String> addTag(UserRecord caller, String id, String tag) {
    return publishing(events -> streams.addTag(caller, id, tag, events::add));
  }

  public String removeTag(UserRecord caller, String id, String tag) {
    return publishing(events -> streams.removeTag(caller, id, tag, events::add));
  }

  public Created<StreamRecord> linkChild(UserRecord caller, String id, String childId) {
    return publishing(events -> streams.linkChild(caller, id, childId, events::add));
  }

  public StreamRecord unlinkChild(UserRecord caller, String id, String childId) {
    return publishing(events -> streams.unlinkChild(caller, id, childId, events::add));
  }

  // ---- OAuth2

  /**
   * Registers an app for the authorization-code flow under a fixed id (24 hex digits) and secret.
   */
  public ClientRecord registerClient(String id, String secret, String name, String redirectUri) {
    return locked(() -> grants.register(id, secret, name, redirectUri));
  }

  public DisposableClient createDisposableClient(String name, String blurb) {
    return locked(() -> grants.createDisposable(name, blurb));
  }

  public Optional<ClientRecord> registeredClient(String clientId, String redirectUri) {
    return locked(() -> grants.registeredClient(clientId, redirectUri));
  }

  public String issueAuthCode(ClientRecord client, UserRecord user, String redirectUri) {
    return locked(() -> grants.issueAuthCode(client, user, redirectUri));
  }

  /** The disposable client a valid, unexpired one-time code belongs to. */
  public Optional<ClientRecord> clientForCode(String code) {
    return locked(() -> grants.clientForCode(code));
  }

  /**
   * As if {@code user} redeemed the one-time code and pressed Allow; 404 when it cannot be
   * redeemed.
   */
  public ClientRecord redeem(String code, UserRecord user) {
    return locked(() -> grants.redeem(code, user));
  }

  /**
   * {@link #redeem(String, UserRecord)} for the user with this name; 404 {@code No such user.} when
   * none.
   */
  public ClientRecord redeem(String code, String userName) {
    return locked(
        () ->
            grants.redeem(
                code,
                streams
                    .userByName(userName)
                    .orElseThrow(() -> ApiFailure.notFound("No such user."))));
  }

  public TokenGrant exchangeAuthCode(
      String clientId, String secret, String code, String redirectUri) {
    return locked(() -> grants.exchangeAuthCode(clientId, secret, code, redirectUri));
  }

  public TokenGrant exchangeOneTimeCode(String clientId, String secret, String code) {
    return locked(() -> grants.exchangeOneTimeCode(clientId, secret, code));
  }

  public TokenGrant exchangeRefreshToken(String clientId, String secret, String refreshToken) {
    return locked(() -> grants.exchangeRefreshToken(clientId, secret, refreshToken));
  }

  /** Who an access token belongs to (null token = nobody). */
  public Caller caller(String accessToken) {
    return locked(() -> grants.caller(accessToken));
  }

  public Optional<TokenInfo> tokenInfo(String token) {
    return locked(() -> grants.tokenInfo(token));
  }

  public boolean revoke(String token) {
    return locked(() -> grants.revoke(token));
  }

  /** Ages every token and code by {@code seconds}; returns the number of token rows. */
  public int ageTokens(long seconds) {
    return locked(() -> grants.age(seconds));
  }

  /**
   * Expires every access token now; refresh tokens keep working. Returns the number of token rows.
   */
  public int expireAccessTokens() {
    return locked(grants::expireAccessTokens);
  }

  // ---- locking

  private <T> T locked(Supplier<T> operation) {
    synchronized (lock) {
      return operation.get();
    }
  }

  private <T> T publishing(Function<List<StoreEvent>, T> operation) {
    List<StoreEvent> events = new ArrayList<>();
    T result;
    synchronized (lock) {
      result = operation.apply(events);
    }
    for (StoreEvent event : events) {
      for (StoreListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn(
              "Store listener {} failed on {}; other listeners still get it", listener, event, e);
        }
      }
    }
    return result;
  }
}
