package re.blot.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import re.blot.server.store.Storage;

/**
 * Opens a durable {@link Storage}: SQLite (a file; the default) or PostgreSQL, chosen by a JDBC
 * URL, with the schema migrated to the newest version. Faults at start (a file that is locked,
 * read-only, corrupt or on a full disk; an unreachable PostgreSQL) become a {@link
 * CannotOpenException} whose message names the database and the problem.
 */
public final class Database {
  /** Which database a URL points at. */
  enum Kind {
    SQLITE,
    POSTGRESQL
  }

  private Database() {}

  /** The JDBC URL of a SQLite file. */
  public static String sqliteUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /**
   * Opens {@code jdbcUrl} ({@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}) and migrates
   * its schema.
   */
  public static Storage open(String jdbcUrl) {
    return open(jdbcUrl, true);
  }

  /**
   * {@link #open(String)}; with {@code exclusive} false a SQLite file is opened even while a server
   * holds it, for the short admin commands ({@code user add}): SQLite's own locking keeps the two
   * writers apart.
   */
  public static Storage open(String jdbcUrl, boolean exclusive) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return openSqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())), exclusive);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return openPostgresql(jdbcUrl);
    }
    throw new CannotOpenException(
        "unsupported database URL " + jdbcUrl + " (use jdbc:sqlite:FILE or jdbc:postgresql://...)");
  }

  private static Storage openSqlite(Path file, boolean exclusive) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileLock lock = exclusive ? lockSqlite(file, lockFile) : null;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(sqliteUrl(file));
    // One connection: the store writes one transaction at a time anyway, and SQLite has one writer.
    config.setMaximumPoolSize(1);
    config.setPoolName("blotre-sqlite");
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "5000");
    config.addDataSourceProperty("foreign_keys", "true");
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(config);
      migrate(pool);
      return new JdbcStorage(pool, Kind.SQLITE, null, () -> release(lock));
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      release(lock);
      throw new CannotOpenException(
          "cannot use the database file " + file.toAbsolutePath() + ": " + sqliteProblem(e), e);
    }
  }

  /** One server per file: a second one would fight over it. */
  private static FileLock lockSqlite(Path file, Path lockFile) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new CannotOpenException(
            "cannot use the database file " + file.toAbsolutePath() + ": no directory " + dir);
      }
      if (Files.exists(file) && !Files.isWritable(file)) {
        throw new CannotOpenException(
            "cannot use the database file " + file.toAbsolutePath() + ": it is read-only");
      }
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new CannotOpenException(
            "cannot use the database file "
                + file.toAbsolutePath()
                + ": it is locked by another blotre-server");
      }
      return lock;
    } catch (IOException e) {
      throw new CannotOpenException(
          "cannot use the database file "
              + file.toAbsolutePath()
              + ": cannot create "
              + lockFile
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static void release(FileLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.release();
      lock.channel().close();
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
  }

  /** What a person can do something about, from SQLite's result codes. */
  private static String sqliteProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      String upper = message.toUpperCase(Locale.ROOT);
      if (upper.contains("SQLITE_NOTADB") || upper.contains("SQLITE_CORRUPT")) {
        return "it is not a SQLite database or it is corrupt (restore it from a backup)";
      }
      if (upper.contains("SQLITE_FULL")) {
        return "the disk is full";
      }
      if (upper.contains("SQLITE_READONLY") || upper.contains("SQLITE_CANTOPEN")) {
        return "it cannot be written (read-only file or directory, or wrong owner)";
      }
      if (upper.contains("SQLITE_BUSY") || upper.contains("SQLITE_LOCKED")) {
        return "it is locked by another program";
      }
      if (t instanceof SQLException && t.getCause() == null) {
        return message;
      }
    }
    return String.valueOf(e.getMessage());
  }

  private static Storage openPostgresql(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(4);
    config.setPoolName("blotre-postgresql");
    // A lost database fails requests quickly (503) instead of holding them; the pool reconnects.
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(config);
      migrate(pool);
      return new JdbcStorage(pool, Kind.POSTGRESQL, new EventChannel(jdbcUrl), () -> {});
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw new CannotOpenException(
          "cannot use the PostgreSQL database " + withoutPassword(jdbcUrl) + ": " + rootCause(e),
          e);
    }
  }

  private static void migrate(HikariDataSource pool) {
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:re/blot/server/storage/migration")
        .load()
        .migrate();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  public static String withoutPassword(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** The database cannot be used; the message names it and says why, in one line. */
  public static final class CannotOpenException extends RuntimeException {
    CannotOpenException(String message) {
      super(message);
    }

    CannotOpenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
