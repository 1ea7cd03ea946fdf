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
  private final Map<String, ClientRecord> clients = new HashMap<>();
  private final Map<String, TokenRow> tokens = new LinkedHashMap<>();
  private final Map<String, AuthCodeRow> authCodes = new HashMap<>();
  private final Map<String, OneTimeCodeRow> oneTimeCodes = new HashMap<>();

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
