package re.blot.server.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * OAuth2 state (contract §2, §3): clients, authorization codes, one-time codes and tokens, with one
 * token row per (client, user). Not thread-safe: {@link Store} calls it under its lock.
 */
final class GrantTable {
  private record TokenRow(
      String clientId,
      String userId,
      String access,
      String refresh,
      Expiry accessExpiry,
      Expiry refreshExpiry,
      boolean revoked) {

    boolean accessValid(long now) {
      return !revoked && !accessExpiry.isExpired(now);
    }

    boolean refreshValid(long now) {
      return !revoked && !refreshExpiry.isExpired(now);
    }

    TokenRow shiftedBack(long millis) {
      return new TokenRow(
          clientId,
          userId,
          access,
          refresh,
          accessExpiry.shiftedBack(millis),
          refreshExpiry.shiftedBack(millis),
          revoked);
    }
  }

  private record AuthCode(
      String code, String clientId, String userId, String redirectUri, Expiry expiry) {}

  private record OneTimeCode(String code, String clientId, Expiry expiry) {}

  private final Clock clock;
  private final Ids ids;
  private final Lifetimes lifetimes;
  private final StreamTable directory;
  private final Map<String, ClientRecord> clients = new HashMap<>();
  private final Map<String, TokenRow> tokens = new HashMap<>();
  private final Map<String, AuthCode> authCodes = new HashMap<>();
  private final Map<String, OneTimeCode> oneTimeCodes = new HashMap<>();

  GrantTable(Clock clock, Ids ids, Lifetimes lifetimes, StreamTable directory) {
    this.clock = clock;
    this.ids = ids;
    this.lifetimes = lifetimes;
    this.directory = directory;
  }

  // ---- clients

  ClientRecord register(String id, String secret, String name, String redirectUri) {
    String clientId =
        Ids.parseObjectId(id)
            .orElseThrow(
                () -> new IllegalArgumentException("Client id must be 24 hex digits: " + id));
    ClientRecord client = new ClientRecord(clientId, secret, name, name, redirectUri, false, null);
    clients.put(clientId, client);
    return client;
  }

  DisposableClient createDisposable(String name, String blurb) {
    ClientRecord client =
        new ClientRecord(ids.objectId(), ids.token(), name, blurb, null, true, null);
    clients.put(client.id(), client);
    OneTimeCode code =
        new OneTimeCode(
            ids.oneTimeCode(), client.id(), expiry(lifetimes.oneTimeCode().toSeconds()));
    oneTimeCodes.put(code.code(), code);
    return new DisposableClient(client, code.code(), lifetimes.oneTimeCode().toSeconds());
  }

  /**
   * The registered client whose (trimmed, one trailing slash dropped) redirect equals {@code
   * redirectUri}.
   */
  Optional<ClientRecord> registeredClient(String clientId, String redirectUri) {
    return client(clientId)
        .filter(c -> !c.disposable() && c.redirectUri() != null)
        .filter(c -> withoutTrailingSlash(c.redirectUri().trim()).equals(redirectUri));
  }

  private static String withoutTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private Optional<ClientRecord> client(String clientId) {
    return Ids.parseObjectId(clientId).map(clients::get);
  }

  private boolean hasClient(String clientId, String secret, Predicate<ClientRecord> kind) {
    return client(clientId).filter(kind).filter(c -> c.secret().equals(secret)).isPresent();
  }

  // ---- authorization code flow

  String issueAuthCode(ClientRecord client, UserRecord user, String redirectUri) {
    AuthCode code =
        new AuthCode(
            ids.token(),
            client.id(),
            user.id(),
            redirectUri,
            expiry(lifetimes.authCode().toSeconds()));
    authCodes
        .values()
        .removeIf(c -> c.clientId().equals(client.id()) && c.userId().equals(user.id()));
    authCodes.put(code.code(), code);
    return code.code();
  }

  TokenGrant exchangeAuthCode(String clientId, String secret, String code, String redirectUri) {
    long now = clock.millis();
    AuthCode found =
        Optional.ofNullable(authCodes.get(code))
            .filter(c -> c.redirectUri().equals(redirectUri) && !c.expiry().isExpired(now))
            .filter(c -> Ids.parseObjectId(clientId).filter(c.clientId()::equals).isPresent())
            .orElseThrow(TokenError::invalidGrant);
    UserRecord user = directory.user(found.userId()).orElseThrow(TokenError::invalidClient);
    if (!hasClient(clientId, secret, c -> !c.disposable())) {
      throw TokenError.invalidClient();
    }
    authCodes.remove(found.code());
    return grant(found.clientId(), user);
  }

  // ---- disposable flow

  /**
   * The client a still-valid one-time code belongs to, or empty when the code is unknown or
   * expired.
   */
  Optional<ClientRecord> clientForCode(String code) {
    long now = clock.millis();
    return Optional.ofNullable(code)
        .map(oneTimeCodes::get)
        .filter(c -> !c.expiry().isExpired(now))
        .flatMap(c -> client(c.clientId()));
  }

  /** The user pressed Allow on the redeem consent page: bind the client to the user (§3.2). */
  ClientRecord redeem(String code, UserRecord user) {
    ClientRecord client =
        clientForCode(code)
            .filter(c -> c.userId() == null)
            .orElseThrow(() -> ApiFailure.notFound("No matching application found."));
    ClientRecord bound = client.boundTo(user.id());
    clients.put(bound.id(), bound);
    grant(bound.id(), user);
    return bound;
  }

  TokenGrant exchangeOneTimeCode(String clientId, String secret, String code) {
    OneTimeCode found =
        Optional.ofNullable(oneTimeCodes.get(code))
            .filter(c -> !c.expiry().isExpired(clock.millis()))
            .filter(c -> Ids.parseObjectId(clientId).filter(c.clientId()::equals).isPresent())
            .orElseThrow(TokenError::invalidGrant);
    if (!hasClient(clientId, secret, ClientRecord::disposable)) {
      throw TokenError.invalidClient();
    }
    ClientRecord client = clients.get(found.clientId());
    UserRecord user =
        Optional.ofNullable(client.userId())
            .flatMap(directory::user)
            .orElseThrow(TokenError::invalidGrant);
    oneTimeCodes.remove(found.code());
    return grant(client.id(), user);
  }

  // ---- tokens

  TokenGrant exchangeRefreshToken(String clientId, String secret, String refreshToken) {
    long now = clock.millis();
    TokenRow row =
        tokens.values().stream()
            .filter(t -> t.refresh().equals(refreshToken) && t.refreshValid(now))
            .findFirst()
            .orElseThrow(TokenError::invalidGrant);
    if (Ids.parseObjectId(clientId).filter(row.clientId()::equals).isEmpty()
        || !hasClient(clientId, secret, c -> true)) {
      throw TokenError.invalidClient();
    }
    UserRecord user = directory.user(row.userId()).orElseThrow(TokenError::invalidGrant);
    return grant(row.clientId(), user);
  }

  /** Issues fresh tokens for (client, user), replacing the row: older tokens become unknown. */
  private TokenGrant grant(String clientId, UserRecord user) {
    TokenRow row =
        new TokenRow(
            clientId,
            user.id(),
            ids.token(),
            ids.token(),
            expiry(lifetimes.accessToken().toSeconds()),
            expiry(lifetimes.refreshToken().toSeconds()),
            false);
    tokens.put(clientId + "/" + user.id(), row);
    return new TokenGrant(row.access(), row.refresh(), lifetimes.accessToken().toSeconds(), user);
  }

  Caller caller(String accessToken) {
    if (accessToken == null) {
      return Caller.NONE;
    }
    long now = clock.millis();
    return tokens.values().stream()
        .filter(t -> t.access().equals(accessToken))
        .findFirst()
        .map(
            t ->
                t.accessValid(now)
                    ? directory
                        .user(t.userId())
                        .map(u -> new Caller(Caller.Kind.USER, u))
                        .orElse(Caller.NONE)
                    : Caller.EXPIRED)
        .orElse(Caller.NONE);
  }

  Optional<TokenInfo> tokenInfo(String token) {
    long now = clock.millis();
    return findLive(token, now)
        .map(
            t ->
                new TokenInfo(
                    t.accessExpiry().issuedMs(),
                    t.accessValid(now) ? t.accessExpiry().secondsLeft(now) : 0,
                    t.clientId(),
                    t.accessValid(now) ? directory.user(t.userId()).orElse(null) : null));
  }

  /** Revokes the row a valid access or refresh token belongs to; false when there is none. */
  boolean revoke(String token) {
    Optional<TokenRow> row = findLive(token, clock.millis());
    row.ifPresent(
        t ->
            tokens.put(
                t.clientId() + "/" + t.userId(),
                new TokenRow(
                    t.clientId(),
                    t.userId(),
                    t.access(),
                    t.refresh(),
                    t.accessExpiry(),
                    t.refreshExpiry(),
                    true)));
    return row.isPresent();
  }

  private Optional<TokenRow> findLive(String token, long now) {
    if (token == null) {
      return Optional.empty();
    }
    Optional<TokenRow> byAccess =
        tokens.values().stream()
            .filter(t -> t.access().equals(token) && t.accessValid(now))
            .findFirst();
    return byAccess.isPresent()
        ? byAccess
        : tokens.values().stream()
            .filter(t -> t.refresh().equals(token) && t.refreshValid(now))
            .findFirst();
  }

  /** Moves every token and code {@code seconds} into the past, as if that much time had passed. */
  int age(long seconds) {
    long millis = seconds * 1000;
    tokens.replaceAll((k, t) -> t.shiftedBack(millis));
    authCodes.replaceAll(
        (k, c) ->
            new AuthCode(
                c.code(),
                c.clientId(),
                c.userId(),
                c.redirectUri(),
                c.expiry().shiftedBack(millis)));
    oneTimeCodes.replaceAll(
        (k, c) -> new OneTimeCode(c.code(), c.clientId(), c.expiry().shiftedBack(millis)));
    return tokens.size();
  }

  /**
   * Makes every access token expired now (refresh tokens keep working): the state after a long
   * sleep.
   */
  int expireAccessTokens() {
    long now = clock.millis();
    tokens.replaceAll(
        (k, t) ->
            new TokenRow(
                t.clientId(),
                t.userId(),
                t.access(),
                t.refresh(),
                new Expiry(
                    now - (t.accessExpiry().lifetimeSeconds() + 1) * 1000,
                    t.accessExpiry().lifetimeSeconds()),
                t.refreshExpiry(),
                t.revoked()));
    return tokens.size();
  }

  private Expiry expiry(long lifetimeSeconds) {
    return new Expiry(clock.millis(), lifetimeSeconds);
  }
}
