package re.blot.server.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's rules over a {@link Storage}: users, streams, tags, clients, codes and tokens.
 * Operations either return a value or throw {@link ApiFailure} / {@link TokenError} with the
 * contract's status and text; each runs in one storage transaction, under one lock per instance.
 *
 * <p>Changes to streams are published as {@link StoreEvent}s to listeners by one ordered
 * dispatcher: events are queued in commit order (under the lock, or by the storage when it shares
 * them between instances) and delivered one at a time after the lock is released, so subscribers of
 * a stream always end on its stored state.
 */
public final class Store {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Object lock = new Object();
  private final Object dispatchLock = new Object();
  private final Queue<StoreEvent> pending = new ConcurrentLinkedQueue<>();
  private final Storage storage;
  private final StreamTable streams;
  private final GrantTable grants;
  private final AccountTable accounts;
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

  /** The rules over {@code storage}; the store does not own it (close the storage yourself). */
  public Store(Clock clock, Lifetimes lifetimes, Storage storage) {
    Ids ids = new Ids(clock);
    this.storage = storage;
    this.streams = new StreamTable(clock, ids, storage);
    this.grants = new GrantTable(clock, ids, lifetimes, storage, streams);
    this.accounts = new AccountTable(clock, ids, storage, streams);
    storage.listen(this::deliver);
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
    return write(() -> streams.createUser(name));
  }

  /** The user with this name, created with its root stream when there is none yet. */
  public UserRecord ensureUser(String name) {
    return write(() -> streams.userByName(name).orElseGet(() -> streams.createUser(name)));
  }

  public Optional<UserRecord> user(String id) {
    return read(() -> streams.user(id));
  }

  public Optional<UserRecord> userByName(String name) {
    return read(() -> streams.userByName(name));
  }

  public List<UserRecord> users() {
    return read(streams::users);
  }

  // ---- accounts (passwords arrive hashed: hashing is slow, so it happens outside the lock)

  /** Creates a user, its root stream and its password; as {@link #createUser(String)}. */
  public UserRecord createUser(String name, String passwordHash) {
    return write(
        () -> {
          UserRecord user = streams.createUser(name);
          storage.putPassword(user.id(), passwordHash);
          return user;
        });
  }

  /** Sets a user's password and signs them out everywhere; 404 when there is no such user. */
  public UserRecord setPassword(String userName, String passwordHash) {
    return write(
        () -> {
          UserRecord user = accounts.existingUser(userName);
          storage.putPassword(user.id(), passwordHash);
          storage.deleteSessions(user.id());
          return user;
        });
  }

  /** The user's password hash; empty when they have none (they cannot sign in). */
  public Optional<String> passwordHash(UserRecord user) {
    return read(() -> storage.password(user.id()));
  }

  /**
   * Deletes a user with their streams, sessions, tokens and applications; 404 when there is none.
   * Subscribers of the deleted streams are not told (an admin's act, done while few are looking).
   */
  public UserRecord removeUser(String userName) {
    return write(
        () -> {
          UserRecord user = accounts.existingUser(userName);
          storage.deleteUser(user.id());
          return user;
        });
  }

  /** A new browser session for {@code user}; returns its token (the cookie's value). */
  public String openSession(UserRecord user, Duration lifetime) {
    return write(() -> accounts.openSession(user, lifetime));
  }

  /** The user of a live session token; empty for an unknown, expired or null token. */
  public Optional<UserRecord> sessionUser(String token) {
    return read(() -> accounts.sessionUser(token));
  }

  public void closeSession(String token) {
    write(
        () -> {
          accounts.closeSession(token);
          return null;
        });
  }

  /** The apps that hold a live token for {@code user}. */
  public List<Authorization> authorizations(UserRecord user) {
    return read(() -> accounts.authorizations(user));
  }

  /**
   * Revokes {@code user}'s token for that client (later calls get the expired 401); false when
   * there is none.
   */
  public boolean revokeAuthorization(UserRecord user, String clientId) {
    return write(() -> accounts.revoke(user, clientId));
  }

  /** The registered clients {@code developer} made, oldest first. */
  public List<ClientRecord> developerClients(UserRecord developer) {
    return read(() -> accounts.developerClients(developer));
  }

  /** Registers a client for the code flow; 422 for a bad name, description or redirect. */
  public NewClientSecret registerClient(
      UserRecord developer, String name, String description, List<String> redirectUris) {
    return write(() -> accounts.register(developer, name, description, redirectUris));
  }

  /** A new secret for the developer's client; 404 when it is not theirs. */
  public NewClientSecret regenerateSecret(UserRecord developer, String clientId) {
    return write(() -> accounts.regenerateSecret(developer, clientId));
  }

  /** Deletes the developer's client with its tokens; 404 when it is not theirs. */
  public void deleteClient(UserRecord developer, String clientId) {
    write(
        () -> {
          accounts.deleteClient(developer, clientId);
          return null;
        });
  }

  // ---- stream reads

  public StreamRecord stream(String id) {
    return read(() -> streams.existing(id));
  }

  /** The stream at a uri, normalised as in §4.2 (the WebSocket API addresses streams by uri). */
  public Optional<StreamRecord> streamByUri(String uri) {
    return read(() -> streams.streamByUri(uri));
  }

  public List<StreamRecord> allStreams() {
    return read(streams::allStreams);
  }

  public List<StreamRecord> latest(StreamQuery query) {
    return read(() -> streams.latest(query));
  }

  public List<StreamRecord> children(String id, StreamQuery query) {
    return read(() -> streams.children(id, query));
  }

  public StreamRecord child(String id, String childId) {
    return read(() -> streams.child(id, childId));
  }

  /**
   * The streams that have the stream {@code id} as a child (hierarchical or linked); empty when it
   * has none.
   */
  public List<StreamRecord> parents(String id) {
    return read(() -> streams.parents(id));
  }

  public StatusRecord status(String id) {
    return read(() -> streams.status(id));
  }

  /**
   * The kept statuses of a stream with {@code since <= created < until}, oldest first, at most
   * {@code limit}; 404 when the stream does not exist.
   */
  public List<StatusRecord> history(String id, long since, long until, int limit) {
    return read(() -> streams.history(id, since, until, limit));
  }

  /** The newest kept status of a stream from before {@code before}, if any. */
  public Optional<StatusRecord> statusBefore(String id, long before) {
    return read(() -> storage.statusBefore(id, before));
  }

  /** Up to {@code limit} streams, most recently updated first; only {@code owner}'s unless null. */
  public List<StreamRecord> newestStreams(UserRecord owner, int limit) {
    return read(() -> storage.newest(s -> owner == null || s.owner().equals(owner.id()), limit));
  }

  /**
   * Deletes kept statuses older than {@code before}, a slice at a time so that requests never wait
   * long behind it; returns how many.
   */
  public int pruneHistory(long before, long sliceMillis) {
    int pruned = 0;
    while (true) {
      Optional<Long> oldest = read(storage::oldestHistory);
      if (oldest.isEmpty() || oldest.get() >= before) {
        return pruned;
      }
      long end = Math.min(before, oldest.get() + sliceMillis);
      pruned += write(() -> storage.pruneHistory(end));
    }
  }

  public String tag(String id, String tag) {
    return read(() -> streams.tag(id, tag));
  }

  public List<StreamRecord> tagged(String tag, StreamQuery query) {
    return read(() -> streams.tagged(tag, query));
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
    return write(() -> grants.register(id, secret, name, redirectUri));
  }

  public DisposableClient createDisposableClient(String name, String blurb) {
    return write(() -> grants.createDisposable(name, blurb));
  }

  public Optional<ClientRecord> registeredClient(String clientId, String redirectUri) {
    return read(() -> grants.registeredClient(clientId, redirectUri));
  }

  public String issueAuthCode(ClientRecord client, UserRecord user, String redirectUri) {
    return write(() -> grants.issueAuthCode(client, user, redirectUri));
  }

  /** The disposable client a valid, unexpired one-time code belongs to. */
  public Optional<ClientRecord> clientForCode(String code) {
    return read(() -> grants.clientForCode(code));
  }

  /**
   * As if {@code user} redeemed the one-time code and pressed Allow; 404 when it cannot be
   * redeemed.
   */
  public ClientRecord redeem(String code, UserRecord user) {
    return write(() -> grants.redeem(code, user));
  }

  /**
   * {@link #redeem(String, UserRecord)} for the user with this name; 404 {@code No such user.} when
   * none.
   */
  public ClientRecord redeem(String code, String userName) {
    return write(
        () ->
            grants.redeem(
                code,
                streams
                    .userByName(userName)
                    .orElseThrow(() -> ApiFailure.notFound("No such user."))));
  }

  public TokenGrant exchangeAuthCode(
      String clientId, String secret, String code, String redirectUri) {
    return write(() -> grants.exchangeAuthCode(clientId, secret, code, redirectUri));
  }

  public TokenGrant exchangeOneTimeCode(String clientId, String secret, String code) {
    return write(() -> grants.exchangeOneTimeCode(clientId, secret, code));
  }

  public TokenGrant exchangeRefreshToken(String clientId, String secret, String refreshToken) {
    return write(() -> grants.exchangeRefreshToken(clientId, secret, refreshToken));
  }

  /** Who an access token belongs to (null token = nobody). */
  public Caller caller(String accessToken) {
    return read(() -> grants.caller(accessToken));
  }

  public Optional<TokenInfo> tokenInfo(String token) {
    return read(() -> grants.tokenInfo(token));
  }

  public boolean revoke(String token) {
    return write(() -> grants.revoke(token));
  }

  /** Ages every token and code by {@code seconds}; returns the number of token rows. */
  public int ageTokens(long seconds) {
    return write(() -> grants.age(seconds));
  }

  /**
   * Expires every access token now; refresh tokens keep working. Returns the number of token rows.
   */
  public int expireAccessTokens() {
    return write(grants::expireAccessTokens);
  }

  // ---- locking

  private <T> T read(Supplier<T> operation) {
    synchronized (lock) {
      return storage.read(operation);
    }
  }

  private <T> T write(Supplier<T> operation) {
    synchronized (lock) {
      return storage.write(operation);
    }
  }

  private <T> T publishing(Function<List<StoreEvent>, T> operation) {
    T result;
    boolean[] shared = new boolean[1];
    synchronized (lock) {
      List<StoreEvent> events = new ArrayList<>();
      result =
          storage.write(
              () -> {
                T value = operation.apply(events);
                shared[0] = storage.announce(events);
                return value;
              });
      if (!shared[0]) {
        // Queued under the lock: the queue's order is the commit order.
        pending.addAll(events);
      }
    }
    if (shared[0]) {
      // Outside the lock: delivering may call back into the store.
      storage.awaitAnnounced();
    } else {
      drain();
    }
    return result;
  }

  /** Events announced by a storage shared between instances, in commit order. */
  private void deliver(List<StoreEvent> events) {
    pending.addAll(events);
    drain();
  }

  /**
   * Delivers queued events one at a time, in queue order. Whoever holds the dispatch lock delivers
   * everyone's events, so a writer returns only after its own events have been delivered.
   */
  private void drain() {
    synchronized (dispatchLock) {
      for (StoreEvent event = pending.poll(); event != null; event = pending.poll()) {
        for (StoreListener listener : listeners) {
          try {
            listener.onEvent(event);
          } catch (RuntimeException e) {
            log.warn(
                "Store listener {} failed on {}; other listeners still get it", listener, event, e);
          }
        }
      }
    }
  }
}
