package re.blot.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.Expiry;
import re.blot.server.store.StatusRecord;
import re.blot.server.store.Storage;
import re.blot.server.store.StorageException;
import re.blot.server.store.StoreEvent;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.UserRecord;

/**
 * Rows in SQLite or PostgreSQL over JDBC, with the same SQL for both. One connection per
 * transaction, bound to the calling thread while it runs. Open one with {@link Database#open}.
 */
final class JdbcStorage implements Storage {
  /** Rows fetched at a time while scanning streams for {@link #newest}. */
  private static final int SCAN_BATCH = 200;

  private static final String STREAM_COLUMNS =
      "s.id, s.name, s.uri, s.created, s.updated, s.color, s.status_created, s.poster, s.owner,"
          + " s.tags";

  private final HikariDataSource pool;
  private final Database.Kind kind;
  private final EventChannel events;
  private final Runnable onClose;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  /**
   * @param events the channel between instances (PostgreSQL), or null
   * @param onClose runs after the pool is closed (releases the SQLite file lock)
   */
  JdbcStorage(HikariDataSource pool, Database.Kind kind, EventChannel events, Runnable onClose) {
    this.pool = pool;
    this.kind = kind;
    this.events = events;
    this.onClose = onClose;
  }

  @Override
  public <T> T read(Supplier<T> work) {
    return transaction(work, false);
  }

  @Override
  public <T> T write(Supplier<T> work) {
    return transaction(work, true);
  }

  private <T> T transaction(Supplier<T> work, boolean write) {
    if (current.get() != null) {
      return work.get();
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        if (write && kind == Database.Kind.POSTGRESQL) {
          // Instances sharing the database take turns at writing, as one instance's lock does.
          query("SELECT pg_advisory_xact_lock(7411)", r -> null);
        }
        T result = work.get();
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException e) {
        undo(connection);
        throw e;
      } finally {
        current.remove();
      }
    } catch (SQLException e) {
      throw new StorageException("The database is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Rolls back; when the connection turns out to be dead (the database restarted or went away),
   * drops every pooled connection, so the next request gets a new one instead of another corpse.
   */
  private void undo(Connection connection) {
    try {
      connection.rollback();
      if (connection.isValid(1)) {
        return;
      }
    } catch (SQLException e) {
      // Dead: dropped below.
    }
    pool.getHikariPoolMXBean().softEvictConnections();
  }

  @Override
  public boolean announce(List<StoreEvent> changes) {
    if (events == null || changes.isEmpty()) {
      return events != null;
    }
    // Delivered to every listening instance (this one too) at commit, in commit order.
    for (StoreEvent event : changes) {
      query("SELECT pg_notify(?, ?)", r -> null, EventChannel.CHANNEL, events.payload(event));
    }
    return true;
  }

  @Override
  public void awaitAnnounced() {
    if (events != null) {
      events.awaitOwn();
    }
  }

  @Override
  public void listen(Consumer<List<StoreEvent>> sink) {
    if (events != null) {
      events.start(sink);
    }
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    pool.close();
    onClose.run();
  }

  // ---- users

  @Override
  public void insertUser(UserRecord user) {
    update(
        "INSERT INTO users (id, user_name, root_stream, seq)"
            + " SELECT ?, ?, ?, COALESCE(MAX(seq), 0) + 1 FROM users",
        user.id(),
        user.userName(),
        user.rootStream());
  }

  @Override
  public Optional<UserRecord> user(String id) {
    return first(
        query("SELECT id, user_name, root_stream FROM users WHERE id = ?", JdbcStorage::user, id));
  }

  @Override
  public List<UserRecord> users() {
    return query("SELECT id, user_name, root_stream FROM users ORDER BY seq", JdbcStorage::user);
  }

  @Override
  public void deleteUser(String userId) {
    String owned = "SELECT id FROM streams WHERE owner = ?";
    update("DELETE FROM status_history WHERE stream_id IN (" + owned + ")", userId);
    update(
        "DELETE FROM links WHERE parent_id IN (" + owned + ") OR child_id IN (" + owned + ")",
        userId,
        userId);
    update("DELETE FROM streams WHERE owner = ?", userId);
    clientsOf(userId).forEach(c -> deleteClient(c.id()));
    update("DELETE FROM tokens WHERE user_id = ?", userId);
    update("DELETE FROM auth_codes WHERE user_id = ?", userId);
    deleteSessions(userId);
    update("DELETE FROM passwords WHERE user_id = ?", userId);
    update("DELETE FROM users WHERE id = ?", userId);
  }

  // ---- accounts

  @Override
  public void putPassword(String userId, String passwordHash) {
    update(
        "INSERT INTO passwords (user_id, password_hash) VALUES (?, ?)"
            + " ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash",
        userId,
        passwordHash);
  }

  @Override
  public Optional<String> password(String userId) {
    return first(
        query(
            "SELECT password_hash FROM passwords WHERE user_id = ?", r -> r.getString(1), userId));
  }

  @Override
  public void putSession(SessionRow s) {
    update(
        "INSERT INTO sessions (token_hash, user_id, created, expires) VALUES (?, ?, ?, ?)",
        s.tokenHash(),
        s.userId(),
        s.created(),
        s.expires());
  }

  @Override
  public Optional<SessionRow> session(String tokenHash) {
    return first(
        query(
            "SELECT token_hash, user_id, created, expires FROM sessions WHERE token_hash = ?",
            r -> new SessionRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)),
            tokenHash));
  }

  @Override
  public void deleteSession(String tokenHash) {
    update("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
  }

  @Override
  public void deleteSessions(String userId) {
    update("DELETE FROM sessions WHERE user_id = ?", userId);
  }

  @Override
  public int pruneSessions(long now) {
    return update("DELETE FROM sessions WHERE expires < ?", now);
  }

  private static UserRecord user(ResultSet r) throws SQLException {
    return new UserRecord(r.getString(1), r.getString(2), r.getString(3));
  }

  // ---- streams

  @Override
  public void insertStream(StreamRecord s) {
    update(
        "INSERT INTO streams (id, name, uri, created, updated, color, status_created, poster,"
            + " owner, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.name(),
        s.uri(),
        s.created(),
        s.updated(),
        s.status().color(),
        s.status().created(),
        s.status().poster(),
        s.owner(),
        String.join(",", s.tags()));
  }

  @Override
  public void updateStream(StreamRecord s) {
    update(
        "UPDATE streams SET name = ?, updated = ?, color = ?, status_created = ?, poster = ?,"
            + " tags = ? WHERE id = ?",
        s.name(),
        s.updated(),
        s.status().color(),
        s.status().created(),
        s.status().poster(),
        String.join(",", s.tags()),
        s.id());
  }

  @Override
  public void deleteStream(String id) {
    update("DELETE FROM status_history WHERE stream_id = ?", id);
    update("DELETE FROM streams WHERE id = ?", id);
  }

  @Override
  public Optional<StreamRecord> stream(String id) {
    return first(
        query(
            "SELECT " + STREAM_COLUMNS + " FROM streams s WHERE s.id = ?",
            JdbcStorage::stream,
            id));
  }

  @Override
  public Optional<StreamRecord> streamByUri(String uri) {
    return first(
        query(
            "SELECT " + STREAM_COLUMNS + " FROM streams s WHERE s.uri = ?",
            JdbcStorage::stream,
            uri));
  }

  @Override
  public List<StreamRecord> streams() {
    return query(
        "SELECT " + STREAM_COLUMNS + " FROM streams s ORDER BY s.created, s.id",
        JdbcStorage::stream);
  }

  @Override
  public List<StreamRecord> newest(Predicate<StreamRecord> filter, int limit) {
    // The filters (name, color, tag searches) are the contract's rules, so they stay in Java; the
    // database hands over streams newest first, a batch at a time, until enough match.
    List<StreamRecord> found = new ArrayList<>();
    for (int offset = 0; found.size() < limit; offset += SCAN_BATCH) {
      List<StreamRecord> batch =
          query(
              "SELECT "
                  + STREAM_COLUMNS
                  + " FROM streams s ORDER BY s.updated DESC, s.id LIMIT ? OFFSET ?",
              JdbcStorage::stream,
              SCAN_BATCH,
              offset);
      batch.stream().filter(filter).limit(limit - found.size()).forEach(found::add);
      if (batch.size() < SCAN_BATCH) {
        break;
      }
    }
    return found;
  }

  @Override
  public long countStreamsOwnedBy(String userId) {
    return count("SELECT COUNT(*) FROM streams WHERE owner = ?", userId);
  }

  private static StreamRecord stream(ResultSet r) throws SQLException {
    String tags = r.getString(10);
    return new StreamRecord(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getLong(4),
        r.getLong(5),
        new StatusRecord(r.getString(6), r.getLong(7), r.getString(8)),
        r.getString(9),
        tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")));
  }

  // ---- links

  @Override
  public void insertLink(Link link) {
    update(
        "INSERT INTO links (parent_id, child_id, hierarchical, added) VALUES (?, ?, ?, ?)",
        link.parentId(),
        link.childId(),
        link.hierarchical(),
        link.added());
  }

  @Override
  public void deleteLink(String parentId, String childId) {
    update("DELETE FROM links WHERE parent_id = ? AND child_id = ?", parentId, childId);
  }

  @Override
  public Optional<Link> link(String parentId, String childId) {
    return first(
        query(
            "SELECT parent_id, child_id, hierarchical, added FROM links"
                + " WHERE parent_id = ? AND child_id = ?",
            JdbcStorage::link,
            parentId,
            childId));
  }

  @Override
  public List<Link> linksFrom(String parentId) {
    return query(
        "SELECT parent_id, child_id, hierarchical, added FROM links WHERE parent_id = ?"
            + " ORDER BY added, child_id",
        JdbcStorage::link,
        parentId);
  }

  @Override
  public List<Link> linksTo(String childId) {
    return query(
        "SELECT parent_id, child_id, hierarchical, added FROM links WHERE child_id = ?"
            + " ORDER BY added, parent_id",
        JdbcStorage::link,
        childId);
  }

  @Override
  public List<Child> children(String parentId) {
    return query(
        "SELECT "
            + STREAM_COLUMNS
            + ", l.parent_id, l.child_id, l.hierarchical, l.added FROM links l"
            + " JOIN streams s ON s.id = l.child_id WHERE l.parent_id = ? ORDER BY l.added, s.id",
        r ->
            new Child(
                new Link(r.getString(11), r.getString(12), r.getBoolean(13), r.getLong(14)),
                stream(r)),
        parentId);
  }

  @Override
  public List<StreamRecord> parents(String childId) {
    return query(
        "SELECT "
            + STREAM_COLUMNS
            + " FROM links l JOIN streams s ON s.id = l.parent_id WHERE l.child_id = ?"
            + " ORDER BY l.added, s.id",
        JdbcStorage::stream,
        childId);
  }

  @Override
  public long countChildren(String parentId) {
    return count("SELECT COUNT(*) FROM links WHERE parent_id = ?", parentId);
  }

  private static Link link(ResultSet r) throws SQLException {
    return new Link(r.getString(1), r.getString(2), r.getBoolean(3), r.getLong(4));
  }

  // ---- status history

  @Override
  public void appendHistory(String streamId, StatusRecord status) {
    update(
        "INSERT INTO status_history (stream_id, color, created, poster) VALUES (?, ?, ?, ?)",
        streamId,
        status.color(),
        status.created(),
        status.poster());
  }

  @Override
  public List<StatusRecord> history(String streamId, long since, long until, int limit) {
    return query(
        "SELECT color, created, poster FROM status_history"
            + " WHERE stream_id = ? AND created >= ? AND created < ? ORDER BY created LIMIT ?",
        r -> new StatusRecord(r.getString(1), r.getLong(2), r.getString(3)),
        streamId,
        since,
        until,
        limit);
  }

  @Override
  public Optional<StatusRecord> statusBefore(String streamId, long before) {
    return first(
        query(
            "SELECT color, created, poster FROM status_history"
                + " WHERE stream_id = ? AND created < ? ORDER BY created DESC LIMIT 1",
            r -> new StatusRecord(r.getString(1), r.getLong(2), r.getString(3)),
            streamId,
            before));
  }

  @Override
  public Optional<Long> oldestHistory() {
    return first(
        query(
            "SELECT MIN(created) FROM status_history",
            r -> {
              long value = r.getLong(1);
              return r.wasNull() ? null : value;
            }));
  }

  @Override
  public int pruneHistory(long before) {
    return update("DELETE FROM status_history WHERE created < ?", before);
  }

  // ---- OAuth2

  @Override
  public void putClient(ClientRecord c) {
    update(
        "INSERT INTO clients (id, secret_hash, name, blurb, redirect_uri, disposable, user_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " secret_hash = excluded.secret_hash, name = excluded.name, blurb = excluded.blurb,"
            + " redirect_uri = excluded.redirect_uri, disposable = excluded.disposable,"
            + " user_id = excluded.user_id",
        c.id(),
        c.secretHash(),
        c.name(),
        c.blurb(),
        c.redirectUri(),
        c.disposable(),
        c.userId());
  }

  private static final String CLIENT_QUERY =
      "SELECT id, secret_hash, name, blurb, redirect_uri, disposable, user_id FROM clients";

  @Override
  public Optional<ClientRecord> client(String id) {
    return first(query(CLIENT_QUERY + " WHERE id = ?", JdbcStorage::client, id));
  }

  @Override
  public List<ClientRecord> clientsOf(String userId) {
    return query(CLIENT_QUERY + " WHERE user_id = ? ORDER BY id", JdbcStorage::client, userId);
  }

  @Override
  public void deleteClient(String id) {
    update("DELETE FROM tokens WHERE client_id = ?", id);
    update("DELETE FROM auth_codes WHERE client_id = ?", id);
    update("DELETE FROM one_time_codes WHERE client_id = ?", id);
    update("DELETE FROM clients WHERE id = ?", id);
  }

  private static ClientRecord client(ResultSet r) throws SQLException {
    return new ClientRecord(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getBoolean(6),
        r.getString(7));
  }

  private static final String TOKEN_COLUMNS =
      "client_id, user_id, access_hash, refresh_hash, access_issued, access_lifetime,"
          + " refresh_issued, refresh_lifetime, revoked";

  @Override
  public void putToken(TokenRow t) {
    update(
        "INSERT INTO tokens ("
            + TOKEN_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, user_id) DO UPDATE SET"
            + " access_hash = excluded.access_hash, refresh_hash = excluded.refresh_hash,"
            + " access_issued = excluded.access_issued,"
            + " access_lifetime = excluded.access_lifetime,"
            + " refresh_issued = excluded.refresh_issued,"
            + " refresh_lifetime = excluded.refresh_lifetime, revoked = excluded.revoked",
        t.clientId(),
        t.userId(),
        t.accessHash(),
        t.refreshHash(),
        t.accessExpiry().issuedMs(),
        t.accessExpiry().lifetimeSeconds(),
        t.refreshExpiry().issuedMs(),
        t.refreshExpiry().lifetimeSeconds(),
        t.revoked());
  }

  @Override
  public Optional<TokenRow> tokenByAccess(String accessHash) {
    return first(
        query(
            "SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE access_hash = ?",
            JdbcStorage::token,
            accessHash));
  }

  @Override
  public Optional<TokenRow> tokenByRefresh(String refreshHash) {
    return first(
        query(
            "SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE refresh_hash = ?",
            JdbcStorage::token,
            refreshHash));
  }

  @Override
  public List<TokenRow> tokens() {
    return query("SELECT " + TOKEN_COLUMNS + " FROM tokens", JdbcStorage::token);
  }

  @Override
  public List<TokenRow> tokensOf(String userId) {
    return query(
        "SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE user_id = ? ORDER BY access_issued",
        JdbcStorage::token,
        userId);
  }

  private static TokenRow token(ResultSet r) throws SQLException {
    return new TokenRow(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        new Expiry(r.getLong(5), r.getLong(6)),
        new Expiry(r.getLong(7), r.getLong(8)),
        r.getBoolean(9));
  }

  @Override
  public void putAuthCode(AuthCodeRow c) {
    update(
        "INSERT INTO auth_codes (code_hash, client_id, user_id, redirect_uri, issued, lifetime)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code_hash) DO UPDATE SET"
            + " issued = excluded.issued, lifetime = excluded.lifetime",
        c.codeHash(),
        c.clientId(),
        c.userId(),
        c.redirectUri(),
        c.expiry().issuedMs(),
        c.expiry().lifetimeSeconds());
  }

  private static final String AUTH_CODE_QUERY =
      "SELECT code_hash, client_id, user_id, redirect_uri, issued, lifetime FROM auth_codes";

  @Override
  public Optional<AuthCodeRow> authCode(String codeHash) {
    return first(query(AUTH_CODE_QUERY + " WHERE code_hash = ?", JdbcStorage::authCode, codeHash));
  }

  @Override
  public void deleteAuthCode(String codeHash) {
    update("DELETE FROM auth_codes WHERE code_hash = ?", codeHash);
  }

  @Override
  public void deleteAuthCodes(String clientId, String userId) {
    update("DELETE FROM auth_codes WHERE client_id = ? AND user_id = ?", clientId, userId);
  }

  @Override
  public List<AuthCodeRow> authCodes() {
    return query(AUTH_CODE_QUERY, JdbcStorage::authCode);
  }

  private static AuthCodeRow authCode(ResultSet r) throws SQLException {
    return new AuthCodeRow(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        new Expiry(r.getLong(5), r.getLong(6)));
  }

  @Override
  public void putOneTimeCode(OneTimeCodeRow c) {
    update(
        "INSERT INTO one_time_codes (code_hash, client_id, issued, lifetime) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (code_hash) DO UPDATE SET issued = excluded.issued,"
            + " lifetime = excluded.lifetime",
        c.codeHash(),
        c.clientId(),
        c.expiry().issuedMs(),
        c.expiry().lifetimeSeconds());
  }

  private static final String ONE_TIME_CODE_QUERY =
      "SELECT code_hash, client_id, issued, lifetime FROM one_time_codes";

  @Override
  public Optional<OneTimeCodeRow> oneTimeCode(String codeHash) {
    return first(
        query(ONE_TIME_CODE_QUERY + " WHERE code_hash = ?", JdbcStorage::oneTimeCode, codeHash));
  }

  @Override
  public void deleteOneTimeCode(String codeHash) {
    update("DELETE FROM one_time_codes WHERE code_hash = ?", codeHash);
  }

  @Override
  public List<OneTimeCodeRow> oneTimeCodes() {
    return query(ONE_TIME_CODE_QUERY, JdbcStorage::oneTimeCode);
  }

  private static OneTimeCodeRow oneTimeCode(ResultSet r) throws SQLException {
    return new OneTimeCodeRow(
        r.getString(1), r.getString(2), new Expiry(r.getLong(3), r.getLong(4)));
  }

  // ---- plumbing

  /** Reads one row into a value. */
  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private Connection connection() {
    Connection connection = current.get();
    if (connection == null) {
      throw new IllegalStateException("Storage used outside read() or write()");
    }
    return connection;
  }

  private int update(String sql, Object... params) {
    try (PreparedStatement statement = prepare(sql, params)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("The database refused a write: " + e.getMessage(), e);
    }
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (PreparedStatement statement = prepare(sql, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        T value = mapper.map(rows);
        if (value != null) {
          out.add(value);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("The database refused a read: " + e.getMessage(), e);
    }
  }

  private long count(String sql, Object... params) {
    return query(sql, r -> r.getLong(1), params).get(0);
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement statement = connection().prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
    return statement;
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }
}
