package re.blot.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.server.store.Storage;
import re.blot.server.store.UserRecord;

/** A SQLite file that cannot be used gives one line naming the file and the problem. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void keepsRowsAcrossOpens() {
    Path file = dir.resolve("a.db");
    try (Storage storage = Database.open(Database.sqliteUrl(file))) {
      storage.write(
          () -> {
            storage.insertUser(new UserRecord("5e0000000000000000000009", "matt", "x"));
            return null;
          });
    }
    try (Storage storage = Database.open(Database.sqliteUrl(file))) {
      assertThat(storage.read(storage::users))
          .extracting(UserRecord::userName)
          .containsExactly("matt");
    }
  }

  @Test
  void aSecondServerOnTheSameFileIsRefused() {
    Path file = dir.resolve("b.db");
    try (Storage first = Database.open(Database.sqliteUrl(file))) {
      assertThatThrownBy(() -> Database.open(Database.sqliteUrl(file)))
          .isInstanceOf(Database.CannotOpenException.class)
          .hasMessage(
              "cannot use the database file " + file + ": it is locked by another blotre-server");
    }
  }

  @Test
  void aCorruptFileIsNamed() throws Exception {
    Path file = dir.resolve("c.db");
    Files.write(file, new byte[8192]);
    Files.writeString(file, "this is not a database at all, just some text that someone saved");
    assertThatThrownBy(() -> Database.open(Database.sqliteUrl(file)))
        .isInstanceOf(Database.CannotOpenException.class)
        .hasMessageStartingWith("cannot use the database file " + file + ": ")
        .hasMessageContaining("corrupt");
  }

  @Test
  void aReadOnlyFileIsNamed() throws Exception {
    Path file = dir.resolve("d.db");
    Database.open(Database.sqliteUrl(file)).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    Assumptions.assumeFalse(
        Files.isWritable(file), "runs as root, for whom no file is read-only: skipped");
    assertThatThrownBy(() -> Database.open(Database.sqliteUrl(file)))
        .isInstanceOf(Database.CannotOpenException.class)
        .hasMessageStartingWith("cannot use the database file " + file + ": ")
        .hasMessageContaining("read-only");
  }
}
