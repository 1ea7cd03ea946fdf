package re.blot.server.store;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import re.blot.server.store.Storage.AuthCodeRow;
import re.blot.server.store.Storage.OneTimeCodeRow;
import re.blot.server.store.Storage.TokenRow;

/**
 * OAuth2 rules (contract §2, §3): clients, authorization codes, one-time codes and tokens, with one
 * token row per (client, user). Tokens, codes and secrets reach the {@link Storage} only as hashes.
 * {@link Store} calls it inside a storage transaction, under its lock.
 */
final class GrantTable {
  private final Clock clock;
  private final Ids ids;
  private final Lifetimes lifetimes;
  private final Storage storage;
  private final StreamTable directory;

  GrantTable(Clock clock, Ids ids, Lifetimes lifetimes, Storage storage, StreamTable directory) {
    this.clock = clock;
    this.ids = ids;
    this.lifetimes = lifetimes;
    this.storage = storage;
    this.directory = directory;
  }

  // ---- clients

  ClientRecord register(String id, String secret, String name, String redirectUri) {
    String clientId =
        Ids.parseObjectId(id)
            .orElseThrow(
                () -> new IllegalArgumentException("Client id must be 24 hex digits: " + id));
    ClientRecord client =
        new ClientRecord(clientId, Secrets.hash(secret), name, name, redirectUri, false, null);
    storage.putClient(client);
    return client;
  }

  DisposableClient createDisposable(String name, String blurb) {
    String secret = ids.token();
    ClientRecord client =
        new ClientRecord(ids.objectId(), Secrets.hash(secret), name, blurb, null, true, null);
    storage.putClient(client);
    String code = ids.oneTimeCode();
    storage.putOneTimeCode(
        new OneTimeCodeRow(
            Secrets.hash(code), client.id(), expiry(lifetimes.oneTimeCode().toSeconds())));
    return new DisposableClient(client, secret, code, lifetimes.oneTimeCode().toSeconds());
  }

  /**
   * The registered client one of whose (trimmed, one trailing slash dropped) redirects equals
   * {@code redirectUri}.
   */
  Optional<ClientRecord> registeredClient(String clientId, String redirectUri) {
    return client(clientId)
        .filter(c -> !c.disposable())
        .filter(
            c ->
                c.redirectUris().stream()
                    .anyMatch(r -> withoutTrailingSlash(r.trim()).equals(redirectUri)));
  }

  private static String withoutTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private Optional<ClientRecord> client(String clientId) {
    return Ids.parseObjectId(clientId).flatMap(storage::client);
  }

  private boolean hasClient(String clientId, String secret, Predicate<ClientRecord> kind) {
    if (secret == null) {
      return false;
    }
    String hash = Secrets.hash(secret);
    return client(clientId).filter(kind).filter(c -> c.secretHash().equals(hash)).isPresent();
  }

  // ---- authorization code flow

  String issueAuthCode(ClientRecord client, UserRecord user, String redirectUri) {
    String code = ids.token();
    storage.deleteAuthCodes(client.id(), user.id());
    storage.putAuthCode(
        new AuthCodeRow(
            Secrets.hash(code),
            client.id(),
            user.id(),
            redirectUri,
            expiry(lifetimes.authCode().toSeconds())));
    return code;
  }

  TokenGrant exchangeAuthCode(String clientId, String secret, String code, String redirectUri) {
    long now = clock.millis();
    AuthCodeRow found =
        Optional.ofNullable(code)
            .flatMap(c -> storage.authCode(Secrets.hash(c)))
            .filter(c -> c.redirectUri().equals(redirectUri) && !c.expiry().isExpired(now))
            .filter(c -> Ids.parseObjectId(clientId).filter(c.clientId()::equals).isPresent())
            .orElseThrow(TokenError::invalidGrant);
    UserRecord user = directory.user(found.userId()).orElseThrow(TokenError::invalidClient);
    if (!hasClient(clientId, secret, c -> !c.disposable())) {
      throw TokenError.invalidClient();
    }
    storage.deleteAuthCode(found.codeHash());
    return grant(found.clientId(), user);
  }

  // ---- disposable flow

  /**
   * The client a still-valid one-time code belongs to, or empty when the code is unknown or
   * expired.
   */
  Optional<ClientRecord> clientForCode(String code) {
    return liveOneTimeCode(code).flatMap(c -> client(c.clientId()));
  }

  private Optional<OneTimeCodeRow> liveOneTimeCode(String code) {
    long now = clock.millis();
    return Optional.ofNullable(code)
        .flatMap(c -> storage.oneTimeCode(Secrets.hash(c)))
        .filter(c -> !c.expiry().isExpired(now));
  }

  /** The user pressed Allow on the redeem consent page: bind the client to the user (§3.2). */
  ClientRecord redeem(String code, UserRecord user) {
    ClientRecord client =
        clientForCode(code)
            .filter(c -> c.userId() == null)
            .orElseThrow(() -> ApiFailure.notFound("No matching application found."));
    ClientRecord bound = client.boundTo(user.id());
    storage.putClient(bound);
    grant(bound.id(), user);
    return bound;
  }

  TokenGrant exchangeOneTimeCode(String clientId, String secret, String code) {
    OneTimeCodeRow found =
        liveOneTimeCode(code)
            .filter(c -> Ids.parseObjectId(clientId).filter(c.clientId()::equals).isPresent())
            .orElseThrow(TokenError::invalidGrant);
    if (!hasClient(clientId, secret, ClientRecord::disposable)) {
      throw TokenError.invalidClient();
    }
    ClientRecord client = storage.client(found.clientId()).orElseThrow(TokenError::invalidGrant);
    UserRecord user =
        Optional.ofNullable(client.userId())
            .flatMap(directory::user)
            .orElseThrow(TokenError::invalidGrant);
    storage.deleteOneTimeCode(found.codeHash());
    return grant(client.id(), user);
  }

  // ---- tokens

  TokenGrant exchangeRefreshToken(String clientId, String secret, String refreshToken) {
    long now = clock.millis();
    TokenRow row =
        Optional.ofNullable(refreshToken)
            .flatMap(t -> storage.tokenByRefresh(Secrets.hash(t)))
            .filter(t -> refreshValid(t, now))
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
    String access = ids.token();
    String refresh = ids.token();
    storage.putToken(
        new TokenRow(
            clientId,
            user.id(),
            Secrets.hash(access),
            Secrets.hash(refresh),
            expiry(lifetimes.accessToken().toSeconds()),
            expiry(lifetimes.refreshToken().toSeconds()),
            false));
    return new TokenGrant(access, refresh, lifetimes.accessToken().toSeconds(), user);
  }

  Caller caller(String accessToken) {
    if (accessToken == null) {
      return Caller.NONE;
    }
    long now = clock.millis();
    return storage
        .tokenByAccess(Secrets.hash(accessToken))
        .map(
            t ->
                accessValid(t, now)
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
                    accessValid(t, now) ? t.accessExpiry().secondsLeft(now) : 0,
                    t.clientId(),
                    accessValid(t, now) ? directory.user(t.userId()).orElse(null) : null));
  }

  /** Revokes the row a valid access or refresh token belongs to; false when there is none. */
  boolean revoke(String token) {
    Optional<TokenRow> row = findLive(token, clock.millis());
    row.ifPresent(t -> storage.putToken(t.with(t.accessExpiry(), t.refreshExpiry(), true)));
    return row.isPresent();
  }

  private Optional<TokenRow> findLive(String token, long now) {
    if (token == null) {
      return Optional.empty();
    }
    String hash = Secrets.hash(token);
    Optional<TokenRow> byAccess = storage.tokenByAccess(hash).filter(t -> accessValid(t, now));
    return byAccess.isPresent()
        ? byAccess
        : storage.tokenByRefresh(hash).filter(t -> refreshValid(t, now));
  }

  private static boolean accessValid(TokenRow row, long now) {
    return !row.revoked() && !row.accessExpiry().isExpired(now);
  }

  private static boolean refreshValid(TokenRow row, long now) {
    return !row.revoked() && !row.refreshExpiry().isExpired(now);
  }

  /** Moves every token and code {@code seconds} into the past, as if that much time had passed. */
  int age(long seconds) {
    long millis = seconds * 1000;
    var tokens = storage.tokens();
    tokens.forEach(
        t ->
            storage.putToken(
                t.with(
                    t.accessExpiry().shiftedBack(millis),
                    t.refreshExpiry().shiftedBack(millis),
                    t.revoked())));
    storage
        .authCodes()
        .forEach(
            c ->
                storage.putAuthCode(
                    new AuthCodeRow(
                        c.codeHash(),
                        c.clientId(),
                        c.userId(),
                        c.redirectUri(),
                        c.expiry().shiftedBack(millis))));
    storage
        .oneTimeCodes()
        .forEach(
            c ->
                storage.putOneTimeCode(
                    new OneTimeCodeRow(
                        c.codeHash(), c.clientId(), c.expiry().shiftedBack(millis))));
    return tokens.size();
  }

  /**
   * Makes every access token expired now (refresh tokens keep working): the state after a long
   * sleep.
   */
  int expireAccessTokens() {
    long now = clock.millis();
    var tokens = storage.tokens();
    tokens.forEach(
        t ->
            storage.putToken(
                t.with(
                    new Expiry(
                        now - (t.accessExpiry().lifetimeSeconds() + 1) * 1000,
                        t.accessExpiry().lifetimeSeconds()),
                    t.refreshExpiry(),
                    t.revoked())));
    return tokens.size();
  }

  private Expiry expiry(long lifetimeSeconds) {
    return new Expiry(clock.millis(), lifetimeSeconds);
  }
}
