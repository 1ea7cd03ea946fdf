package re.blot.server.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where the {@link Store}'s rows live: the seam between the contract's rules (in {@code store}) and
 * a backend (memory, SQLite, PostgreSQL). Rows only: no rule of the contract lives here. Every
 * method runs inside {@link #read} or {@link #write}; secrets arrive already hashed.
 */
public interface Storage extends AutoCloseable {

  /** Runs {@code work} seeing one consistent state. */
  <T> T read(Supplier<T> work);

  /**
   * Runs {@code work} as one transaction: its writes are kept together or not at all, and are
   * durable when this returns. A {@link RuntimeException} from {@code work} undoes them.
   */
  <T> T write(Supplier<T> work);

  /**
   * Hands the events of the write in progress to every server sharing this storage; they are
   * delivered to {@link #listen} sinks in commit order. Returns false when this storage does not
   * share events (then the caller delivers them itself).
   */
  default boolean announce(List<StoreEvent> events) {
    return false;
  }

  /**
   * After a write whose events were {@link #announce announced}: waits until they have reached the
   * {@link #listen} sink, so the writer answers only once its own subscribers know.
   */
  default void awaitAnnounced() {}

  /** Where announced events (also this instance's own) go, in commit order. */
  default void listen(Consumer<List<StoreEvent>> sink) {}

  @Override
  void close();

  // ---- users

  void insertUser(UserRecord user);

  Optional<UserRecord> user(String id);

  /** Every user, oldest first. */
  List<UserRecord> users();

  /**
   * Deletes a user with everything that is theirs: password, sessions, tokens, codes, the clients
   * they registered or redeemed, the streams they own (with their links and history).
   */
  void deleteUser(String userId);

  // ---- accounts

  /** Inserts or replaces the user's password hash (bcrypt, never the password). */
  void putPassword(String userId, String passwordHash);

  Optional<String> password(String userId);

  /** A browser session: the SHA-256 of its cookie's token, whose user, and until when. */
  record SessionRow(String tokenHash, String userId, long created, long expires) {}

  void putSession(SessionRow session);

  Optional<SessionRow> session(String tokenHash);

  void deleteSession(String tokenHash);

  /** Signs a user out everywhere. */
  void deleteSessions(String userId);

  /** Deletes sessions that expired before {@code now}; returns how many. */
  int pruneSessions(long now);

  // ---- streams

  void insertStream(StreamRecord stream);

  /** Replaces the stored name, updated time, status and tags of {@code stream.id()}. */
  void updateStream(StreamRecord stream);

  void deleteStream(String id);

  Optional<StreamRecord> stream(String id);

  Optional<StreamRecord> streamByUri(String uri);

  /** Every stream, oldest first. */
  List<StreamRecord> streams();

  /** Up to {@code limit} streams matching {@code filter}, most recently updated first. */
  List<StreamRecord> newest(Predicate<StreamRecord> filter, int limit);

  long countStreamsOwnedBy(String userId);

  // ---- links

  /** A parent to child edge: hierarchical (the child was created under the parent) or a link. */
  record Link(String parentId, String childId, boolean hierarchical, long added) {}

  /** A link with the child it leads to. */
  record Child(Link link, StreamRecord stream) {}

  void insertLink(Link link);

  void deleteLink(String parentId, String childId);

  Optional<Link> link(String parentId, String childId);

  /** The links from {@code parentId}, oldest first. */
  List<Link> linksFrom(String parentId);

  /** The links to {@code childId}, oldest first. */
  List<Link> linksTo(String childId);

  List<Child> children(String parentId);

  List<StreamRecord> parents(String childId);

  long countChildren(String parentId);

  // ---- status history

  void appendHistory(String streamId, StatusRecord status);

  /**
   * Up to {@code limit} statuses of a stream with {@code since <= created < until}, oldest first.
   */
  List<StatusRecord> history(String streamId, long since, long until, int limit);

  /** The newest kept status of a stream with {@code created < before}, if any. */
  Optional<StatusRecord> statusBefore(String streamId, long before);

  /** The time of the oldest kept status, if any. */
  Optional<Long> oldestHistory();

  /** Deletes statuses older than {@code before}; returns how many. */
  int pruneHistory(long before);

  // ---- OAuth2

  /** Inserts or replaces a client ({@code secret} holds the secret's hash). */
  void putClient(ClientRecord client);

  Optional<ClientRecord> client(String id);

  /** The clients whose user is {@code userId} (registered by them, or redeemed by them). */
  List<ClientRecord> clientsOf(String userId);

  /** Deletes a client with its tokens and codes. */
  void deleteClient(String id);

  /** The one token row of (client, user), with hashed tokens. */
  record TokenRow(
      String clientId,
      String userId,
      String accessHash,
      String refreshHash,
      Expiry accessExpiry,
      Expiry refreshExpiry,
      boolean revoked) {

    /** The same tokens with other expiries or revocation. */
    public TokenRow with(Expiry access, Expiry refresh, boolean isRevoked) {
      return new TokenRow(clientId, userId, accessHash, refreshHash, access, refresh, isRevoked);
    }
  }

  /** Inserts or replaces the row of (client, user). */
  void putToken(TokenRow row);

  Optional<TokenRow> tokenByAccess(String accessHash);

  Optional<TokenRow> tokenByRefresh(String refreshHash);

  List<TokenRow> tokens();

  /** The token rows of one user. */
  List<TokenRow> tokensOf(String userId);

  /** An authorization code (hashed), one per (client, user). */
  record AuthCodeRow(
      String codeHash, String clientId, String userId, String redirectUri, Expiry expiry) {}

  /** Inserts or replaces the code with this hash. */
  void putAuthCode(AuthCodeRow code);

  Optional<AuthCodeRow> authCode(String codeHash);

  void deleteAuthCode(String codeHash);

  void deleteAuthCodes(String clientId, String userId);

  List<AuthCodeRow> authCodes();

  /** A disposable client's one-time code (hashed). */
  record OneTimeCodeRow(String codeHash, String clientId, Expiry expiry) {}

  void putOneTimeCode(OneTimeCodeRow code);

  Optional<OneTimeCodeRow> oneTimeCode(String codeHash);

  void deleteOneTimeCode(String codeHash);

  List<OneTimeCodeRow> oneTimeCodes();
}
