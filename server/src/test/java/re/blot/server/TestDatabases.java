package re.blot.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import re.blot.server.storage.Database;

/**
 * Databases for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL at 127.0.0.1:5432
 * (user postgres, database test), so parallel runs never meet. Without a PostgreSQL the test is
 * skipped with a message, except under CI=true, where it fails.
 */
final class TestDatabases implements AutoCloseable {
  static final String POSTGRESQL =
      System.getProperty(
          "blotre.test.postgresql", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /**
   * The storage the conformance suite runs on: {@code memory}, {@code sqlite}, {@code postgresql}.
   */
  static String storageUnderTest() {
    return System.getProperty("blotre.test.storage", "memory").toLowerCase(Locale.ROOT);
  }

  /** A new, empty database of the storage under test; a SQLite file when that is memory. */
  String durableUrl() {
    String kind = storageUnderTest();
    return url(kind.equals("memory") ? "sqlite" : kind);
  }

  private Path dir;
  private String schema;
  private String database;

  /** A JDBC URL of a new, empty database of this kind (null for memory). */
  String url(String kind) {
    return switch (kind) {
      case "memory" -> null;
      case "sqlite" -> Database.sqliteUrl(newDir().resolve("blotre.db"));
      case "postgresql" -> newSchema();
      default -> throw new IllegalArgumentException("unknown storage " + kind);
    };
  }

  Path newDir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("blotre-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private String newSchema() {
    String name = uniqueName();
    execute("CREATE SCHEMA " + name);
    schema = name;
    return POSTGRESQL + "&currentSchema=" + name;
  }

  /** A JDBC URL of a new PostgreSQL database of its own (for tests that take it down). */
  String newPostgresqlDatabase() {
    String name = uniqueName();
    execute("CREATE DATABASE " + name);
    database = name;
    return POSTGRESQL.replace("/test?", "/" + name + "?");
  }

  /**
   * Refuses (false) or allows new connections to the database of {@link #newPostgresqlDatabase}.
   */
  void allowConnections(boolean allow) {
    execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
    if (!allow) {
      execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + database
              + "'");
    }
  }

  private static String uniqueName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(POSTGRESQL);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      String message =
          "PostgreSQL test skipped: no PostgreSQL answers at "
              + POSTGRESQL
              + " ("
              + e.getMessage()
              + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + "; under CI=true this is a failure");
      }
      System.err.println(message);
      Assumptions.abort(message);
    }
  }

  @Override
  public void close() {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(POSTGRESQL);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
      }
    }
    if (database != null) {
      try (Connection c = DriverManager.getConnection(POSTGRESQL);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + database + " WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("Could not drop test database " + database + ": " + e.getMessage());
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temp directory left behind is harmless.
      }
    }
  }
}
