package re.blot.server.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.StatusRecord;
import re.blot.server.store.Storage;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.UserRecord;

/**
 * Rows in maps: the in-memory mode (tests, the demo). Gone when the process ends. Not thread-safe
 * on its own: the {@link re.blot.server.store.Store} calls it under its lock.
 */
public final class MemoryStorage implements Storage {
  private record HistoryEntry(String streamId, StatusRecord status) {}

  private final Map<String, UserRecord> users = new LinkedHashMap<>();
  private final Map<String, StreamRecord> streams = new LinkedHashMap<>();
  private final Map<String, String> streamIdsByUri = new HashMap<>();
  private final List<Link> links = new ArrayList<>();
  private final List<HistoryEntry> history = new ArrayList<>();
  private final Map<String, ClientRecord> clients = new LinkedHashMap<>();
  private final Map<String, TokenRow> tokens = new LinkedHashMap<>();
  private final Map<String, AuthCodeRow> authCodes = new HashMap<>();
  private final Map<String, OneTimeCodeRow> oneTimeCodes = new HashMap<>();
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, SessionRow> sessions = new HashMap<>();

  @Override
  public <T> T read(Supplier<T> work) {
    return work.get();
  }

  @Override
  public <T> T write(Supplier<T> work) {
    return work.get();
  }

  @Override
  public void close() {}

  // ---- users

  @Override
  public void insertUser(UserRecord user) {
    users.put(user.id(), user);
  }

  @Override
  public Optional<UserRecord> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public List<UserRecord> users() {
    return List.copyOf(users.values());
  }

  @Override
  public void deleteUser(String userId) {
    List<String> owned =
        streams.values().stream()
            .filter(s -> s.owner().equals(userId))
            .map(StreamRecord::id)
            .toList();
    links.removeIf(l -> owned.contains(l.parentId()) || owned.contains(l.childId()));
    owned.forEach(this::deleteStream);
    clientsOf(userId).forEach(c -> deleteClient(c.id()));
    tokens.values().removeIf(t -> t.userId().equals(userId));
    authCodes.values().removeIf(c -> c.userId().equals(userId));
    deleteSessions(userId);
    passwords.remove(userId);
    users.remove(userId);
  }

  // ---- accounts

  @Override
  public void putPassword(String userId, String passwordHash) {
    passwords.put(userId, passwordHash);
  }

  @Override
  public Optional<String> password(String userId) {
    return Optional.ofNullable(passwords.get(userId));
  }

  @Override
  public void putSession(SessionRow session) {
    sessions.put(session.tokenHash(), session);
  }

  @Override
  public Optional<SessionRow> session(String tokenHash) {
    return Optional.ofNullable(sessions.get(tokenHash));
  }

  @Override
  public void deleteSession(String tokenHash) {
    sessions.remove(tokenHash);
  }

  @Override
  public void deleteSessions(String userId) {
    sessions.values().removeIf(s -> s.userId().equals(userId));
  }

  @Override
  public int pruneSessions(long now) {
    int size = sessions.size();
    sessions.values().removeIf(s -> s.expires() < now);
    return size - sessions.size();
  }

  // ---- streams

  @Override
  public void insertStream(StreamRecord stream) {
    streams.put(stream.id(), stream);
    streamIdsByUri.put(stream.uri(), stream.id());
  }

  @Override
  public void updateStream(StreamRecord stream) {
    streams.put(stream.id(), stream);
  }

  @Override
  public void deleteStream(String id) {
    StreamRecord gone = streams.remove(id);
    if (gone != null) {
      streamIdsByUri.remove(gone.uri());
      history.removeIf(h -> h.streamId().equals(id));
    }
  }

  @Override
  public Optional<StreamRecord> stream(String id) {
    return Optional.ofNullable(streams.get(id));
  }

  @Override
  public Optional<StreamRecord> streamByUri(String uri) {
    return Optional.ofNullable(streamIdsByUri.get(uri)).map(streams::get);
  }

  @Override
  public List<StreamRecord> streams() {
    return List.copyOf(streams.values());
  }

  @Override
  public List<StreamRecord> newest(Predicate<StreamRecord> filter, int limit) {
    return streams.values().stream()
        .filter(filter)
        .sorted(Comparator.comparingLong(StreamRecord::updated).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public long countStreamsOwnedBy(String userId) {
    return streams.values().stream().filter(s -> s.owner().equals(userId)).count();
  }

  // ---- links

  @Override
  public void insertLink(Link link) {
    links.add(link);
  }

  @Override
  public void deleteLink(String parentId, String childId) {
    links.removeIf(l -> l.parentId().equals(parentId) && l.childId().equals(childId));
  }

  @Override
  public Optional<Link> link(String parentId, String childId) {
    return links.stream()
        .filter(l -> l.parentId().equals(parentId) && l.childId().equals(childId))
        .findFirst();
  }

  @Override
  public List<Link> linksFrom(String parentId) {
    return links.stream().filter(l -> l.parentId().equals(parentId)).toList();
  }

  @Override
  public List<Link> linksTo(String childId) {
    return links.stream().filter(l -> l.childId().equals(childId)).toList();
  }

  @Override
  public List<Child> children(String parentId) {
    return linksFrom(parentId).stream().map(l -> new Child(l, streams.get(l.childId()))).toList();
  }

  @Override
  public List<StreamRecord> parents(String childId) {
    return linksTo(childId).stream().map(l -> streams.get(l.parentId())).toList();
  }

  @Override
  public long countChildren(String parentId) {
    return links.stream().filter(l -> l.parentId().equals(parentId)).count();
  }

  // ---- status history

  @Override
  public void appendHistory(String streamId, StatusRecord status) {
    history.add(new HistoryEntry(streamId, status));
  }

  @Override
  public List<StatusRecord> history(String streamId, long since, long until, int limit) {
    return history.stream()
        .filter(h -> h.streamId().equals(streamId))
        .map(HistoryEntry::status)
        .filter(s -> s.created() >= since && s.created() < until)
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<StatusRecord> statusBefore(String streamId, long before) {
    return history.stream()
        .filter(h -> h.streamId().equals(streamId) && h.status().created() < before)
        .map(HistoryEntry::status)
        .reduce((first, second) -> second);
  }

  @Override
  public Optional<Long> oldestHistory() {
    return history.stream().map(h -> h.status().created()).min(Long::compare);
  }

  @Override
  public int pruneHistory(long before) {
    int size = history.size();
    history.removeIf(h -> h.status().created() < before);
    return size - history.size();
  }

  // ---- OAuth2

  @Override
  public void putClient(ClientRecord client) {
    clients.put(client.id(), client);
  }

  @Override
  public Optional<ClientRecord> client(String id) {
    return Optional.ofNullable(clients.get(id));
  }

  @Override
  public List<ClientRecord> clientsOf(String userId) {
    return clients.values().stream().filter(c -> userId.equals(c.userId())).toList();
  }

  @Override
  public void deleteClient(String id) {
    clients.remove(id);
    tokens.values().removeIf(t -> t.clientId().equals(id));
    authCodes.values().removeIf(c -> c.clientId().equals(id));
    oneTimeCodes.values().removeIf(c -> c.clientId().equals(id));
  }

  @Override
  public void putToken(TokenRow row) {
    tokens.put(row.clientId() + "/" + row.userId(), row);
  }

  @Override
  public Optional<TokenRow> tokenByAccess(String accessHash) {
    return tokens.values().stream().filter(t -> t.accessHash().equals(accessHash)).findFirst();
  }

  @Override
  public Optional<TokenRow> tokenByRefresh(String refreshHash) {
    return tokens.values().stream().filter(t -> t.refreshHash().equals(refreshHash)).findFirst();
  }

  @Override
  public List<TokenRow> tokens() {
    return List.copyOf(tokens.values());
  }

  @Override
  public List<TokenRow> tokensOf(String userId) {
    return tokens.values().stream().filter(t -> t.userId().equals(userId)).toList();
  }

  @Override
  public void putAuthCode(AuthCodeRow code) {
    authCodes.put(code.codeHash(), code);
  }

  @Override
  public Optional<AuthCodeRow> authCode(String codeHash) {
    return Optional.ofNullable(authCodes.get(codeHash));
  }

  @Override
  public void deleteAuthCode(String codeHash) {
    authCodes.remove(codeHash);
  }

  @Override
  public void deleteAuthCodes(String clientId, String userId) {
    authCodes.values().removeIf(c -> c.clientId().equals(clientId) && c.userId().equals(userId));
  }

  @Override
  public List<AuthCodeRow> authCodes() {
    return List.copyOf(authCodes.values());
  }

  @Override
  public void putOneTimeCode(OneTimeCodeRow code) {
    oneTimeCodes.put(code.codeHash(), code);
  }

  @Override
  public Optional<OneTimeCodeRow> oneTimeCode(String codeHash) {
    return Optional.ofNullable(oneTimeCodes.get(codeHash));
  }

  @Override
  public void deleteOneTimeCode(String codeHash) {
    oneTimeCodes.remove(codeHash);
  }

  @Override
  public List<OneTimeCodeRow> oneTimeCodes() {
    return List.copyOf(oneTimeCodes.values());
  }
}
