package re.blot.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import re.blot.server.store.Storage.SessionRow;
import re.blot.server.store.Storage.TokenRow;

/**
 * The account side (issue 15): browser sessions, the apps that hold a user's tokens, and the OAuth
 * clients a user registers as a developer (contract §2.2, "account-side"). Session tokens and
 * client secrets reach the {@link Storage} only as SHA-256 hashes. {@link Store} calls it inside a
 * storage transaction, under its lock.
 */
final class AccountTable {
  static final int MAX_CLIENTS_PER_DEVELOPER = 10;
  static final int MAX_REDIRECTS = 10;

  private final Clock clock;
  private final Ids ids;
  private final Storage storage;
  private final StreamTable directory;

  AccountTable(Clock clock, Ids ids, Storage storage, StreamTable directory) {
    this.clock = clock;
    this.ids = ids;
    this.storage = storage;
    this.directory = directory;
  }

  UserRecord existingUser(String userName) {
    return directory.userByName(userName).orElseThrow(() -> ApiFailure.notFound("No such user."));
  }

  // ---- sessions

  String openSession(UserRecord user, Duration lifetime) {
    long now = clock.millis();
    storage.pruneSessions(now);
    String token = ids.token();
    storage.putSession(
        new SessionRow(Secrets.hash(token), user.id(), now, now + lifetime.toMillis()));
    return token;
  }

  Optional<UserRecord> sessionUser(String token) {
    long now = clock.millis();
    return Optional.ofNullable(token)
        .flatMap(t -> storage.session(Secrets.hash(t)))
        .filter(s -> s.expires() >= now)
        .flatMap(s -> directory.user(s.userId()));
  }

  void closeSession(String token) {
    storage.deleteSession(Secrets.hash(token));
  }

  // ---- the apps that hold my tokens

  List<Authorization> authorizations(UserRecord user) {
    long now = clock.millis();
    return storage.tokensOf(user.id()).stream()
        .filter(t -> !t.revoked() && !t.refreshExpiry().isExpired(now))
        .flatMap(
            t ->
                storage.client(t.clientId()).stream()
                    .map(c -> new Authorization(c, t.refreshExpiry().issuedMs())))
        .toList();
  }

  /** Revokes the user's token for that client; false when there is none to revoke. */
  boolean revoke(UserRecord user, String clientId) {
    long now = clock.millis();
    Optional<TokenRow> row =
        storage.tokensOf(user.id()).stream()
            .filter(t -> t.clientId().equalsIgnoreCase(String.valueOf(clientId)))
            .filter(t -> !t.revoked() && !t.refreshExpiry().isExpired(now))
            .findFirst();
    row.ifPresent(t -> storage.putToken(t.with(t.accessExpiry(), t.refreshExpiry(), true)));
    return row.isPresent();
  }

  // ---- developer clients

  List<ClientRecord> developerClients(UserRecord developer) {
    return storage.clientsOf(developer.id()).stream().filter(c -> !c.disposable()).toList();
  }

  NewClientSecret register(
      UserRecord developer, String rawName, String rawBlurb, List<String> redirects) {
    String name = text(rawName, 3, "Name");
    String blurb = text(rawBlurb, 3, "Description");
    String redirectLines = redirects(redirects);
    if (developerClients(developer).size() >= MAX_CLIENTS_PER_DEVELOPER) {
      throw ApiFailure.unprocessable(
          "You have " + MAX_CLIENTS_PER_DEVELOPER + " applications; delete one first.");
    }
    String secret = ids.token();
    ClientRecord client =
        new ClientRecord(
            ids.objectId(),
            Secrets.hash(secret),
            name,
            blurb,
            redirectLines,
            false,
            developer.id());
    storage.putClient(client);
    return new NewClientSecret(client, secret);
  }

  /** A new secret for the developer's client; the old one stops working at once. */
  NewClientSecret regenerateSecret(UserRecord developer, String clientId) {
    ClientRecord client = ownClient(developer, clientId);
    String secret = ids.token();
    ClientRecord renewed =
        new ClientRecord(
            client.id(),
            Secrets.hash(secret),
            client.name(),
            client.blurb(),
            client.redirectUri(),
            false,
            client.userId());
    storage.putClient(renewed);
    return new NewClientSecret(renewed, secret);
  }

  void deleteClient(UserRecord developer, String clientId) {
    storage.deleteClient(ownClient(developer, clientId).id());
  }

  private ClientRecord ownClient(UserRecord developer, String clientId) {
    return Ids.parseObjectId(clientId)
        .flatMap(storage::client)
        .filter(c -> !c.disposable() && developer.id().equals(c.userId()))
        .orElseThrow(() -> ApiFailure.notFound("No such application."));
  }

  private static String text(String raw, int min, String what) {
    String text = raw == null ? "" : raw.trim();
    if (text.length() < min || text.length() > 255) {
      throw ApiFailure.unprocessable(what + " must be " + min + " to 255 characters.");
    }
    return text;
  }

  /** 1 to 10 http(s) URLs, one per line as stored. */
  private static String redirects(List<String> raw) {
    List<String> uris = raw.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
    if (uris.isEmpty() || uris.size() > MAX_REDIRECTS) {
      throw ApiFailure.unprocessable("Give 1 to " + MAX_REDIRECTS + " redirect URLs.");
    }
    for (String uri : uris) {
      if (!isHttpUrl(uri)) {
        throw ApiFailure.unprocessable("Not an http(s) URL: " + uri);
      }
    }
    return String.join("\n", uris);
  }

  private static boolean isHttpUrl(String text) {
    if (text.length() > 2000) {
      return false;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
