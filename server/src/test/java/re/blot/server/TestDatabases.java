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

  private Path dir;
  private String schema;

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
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(POSTGRESQL);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
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
    schema = name;
    return POSTGRESQL + "&currentSchema=" + name;
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
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temp directory left behind is harmless.
      }
    }
  }
}
