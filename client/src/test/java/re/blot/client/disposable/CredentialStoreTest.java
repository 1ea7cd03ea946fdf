package re.blot.client.disposable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CredentialStoreTest {
  @TempDir Path dir;
  Path file;
  CredentialStore store;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  static final CredentialsFile CONTENT =
      CredentialsFile.parse(
          CredentialsFileTest.PYTHON_FILE.getBytes(UTF_8), CredentialsFileTest.FILE);

  @BeforeEach
  void setUp() {
    file = dir.resolve("creds.json");
    store =
        CredentialStore.at(
            file, Clock.fixed(Instant.parse("2026-11-28T08:45:00Z"), ZoneOffset.UTC));
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(CredentialStore.class);
    logger.addAppender(logged);
    // The tests read INFO lines; the test configuration shows only WARN and above.
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
  }

  @AfterEach
  void noSecretIsEverLogged() {
    Logger logger = (Logger) LoggerFactory.getLogger(CredentialStore.class);
    logger.detachAppender(logged);
    logger.setLevel(null);
    logger.setAdditive(true);
    for (ILoggingEvent event : logged.list) {
      assertThat(event.getFormattedMessage())
          .doesNotContain(
              "Zjc0NGM1", "aB3dE5gH", "NGQ5ZjA3", "ODFkYjJm", "secret-of-the-test", "refresh-");
    }
  }

  @Test
  void aFailedWriteLeavesNoTempFileAndSaysWhatToFree() throws IOException {
    store.save(CONTENT);
    CredentialStore full =
        new CredentialStore(
            file,
            Clock.systemUTC(),
            step -> {
              if (step == CredentialStore.WriteStep.TEMP_CREATED) {
                throw sneaky(new IOException("No space left on device"));
              }
            });

    assertThatThrownBy(() -> full.save(CONTENT.withoutCreds()))
        .isInstanceOf(CredentialFileException.class)
        .hasMessage(
            "credentials file "
                + file
                + " cannot be written (No space left on device); free some space on the file"
                + " system of "
                + dir
                + " or make it writable, then the next save works");
    assertThat(listDir()).containsExactlyInAnyOrder("creds.json", "creds.json.lock");
    assertThat(store.load()).contains(CONTENT);
  }

  @Test
  void aLockFileThatCannotBeCreatedIsOneErrorAndTheFileIsStillRead() throws IOException {
    store.save(CONTENT);
    Files.delete(dir.resolve("creds.json.lock"));
    // As a read-only directory would (root, who runs the tests here, can write anywhere).
    Files.createDirectory(dir.resolve("creds.json.lock"));
    logged.list.clear();

    assertThat(store.load()).contains(CONTENT);
    assertThat(store.load()).contains(CONTENT);

    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.ERROR);
              assertThat(event.getFormattedMessage())
                  .startsWith("Cannot create the lock file " + dir.resolve("creds.json.lock"))
                  .contains("Make " + dir + " writable for user");
            });
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  @Test
  void missingFileLoadsAsEmpty() {
    assertThat(store.load()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void firstSaveCreatesMissingDirectoriesPrivateToTheOwner() throws IOException {
    Path nested = dir.resolve("state/blotre/creds.json");
    CredentialStore fresh = CredentialStore.at(nested);
    assertThat(fresh.load()).isEmpty();
    assertThat(fresh.moveAside("corrupt")).isEmpty();
    assertThat(dir.resolve("state")).doesNotExist();

    fresh.save(CONTENT);

    assertThat(fresh.load()).contains(CONTENT);
    assertThat(permissions(dir.resolve("state"))).isEqualTo("rwx------");
    assertThat(permissions(dir.resolve("state/blotre"))).isEqualTo("rwx------");
  }

  @Test
  void savedContentLoadsBackAndTheFileIsPrivate() throws IOException {
    assertThat(store.save(CONTENT)).isTrue();

    assertThat(store.load()).contains(CONTENT);
    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThat(permissions(dir.resolve("creds.json.lock"))).isEqualTo("rw-------");
    assertThat(listDir()).containsExactlyInAnyOrder("creds.json", "creds.json.lock");
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Wrote credentials file " + file);
  }

  @Test
  void unchangedContentIsNotWrittenAgain() throws IOException {
    store.save(CONTENT);
    Object inode = attributes().fileKey();
    FileTime modified = attributes().lastModifiedTime();

    assertThat(store.save(CredentialsFile.parse(CONTENT.toJson(), file))).isFalse();
    assertThat(store.update(Optional::orElseThrow)).isEqualTo(CONTENT);

    assertThat(attributes().fileKey()).isEqualTo(inode);
    assertThat(attributes().lastModifiedTime()).isEqualTo(modified);
  }

  @Test
  void changedContentReplacesTheFile() throws IOException {
    store.save(CONTENT);
    Object inode = attributes().fileKey();

    CredentialsFile changed = CONTENT.withoutCreds();
    assertThat(store.save(changed)).isTrue();

    assertThat(attributes().fileKey()).isNotEqualTo(inode);
    assertThat(store.load()).contains(changed);
  }

  @Test
  void aFileOthersCanReadIsMadePrivate() throws IOException {
    Files.writeString(file, CredentialsFileTest.PYTHON_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(store.load()).contains(CONTENT);

    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Credentials file "
                + file
                + " was readable by others (rw-r--r--); changed it to rw-------");
  }

  @Test
  void aRewrittenPublicFileEndsPrivate() throws IOException {
    Files.writeString(file, CredentialsFileTest.PYTHON_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

    store.update(current -> current.orElseThrow().withoutCreds());

    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThat(store.load().orElseThrow().creds()).isEmpty();
  }

  @Test
  void aPythonFileIsKeptByteForByteUntilSomethingChanges() throws IOException {
    Files.writeString(file, CredentialsFileTest.PYTHON_FILE);

    assertThat(store.load()).contains(CONTENT);

    assertThat(Files.readString(file)).isEqualTo(CredentialsFileTest.PYTHON_FILE);
  }

  @Test
  void unusableFilesGiveAnErrorNamingThePathAndTheProblem() throws IOException {
    String whole = new String(CONTENT.toJson(), UTF_8);
    assertProblem("", "is empty (0 bytes)");
    assertProblem(
        whole.substring(0, 57),
        "is not valid JSON (truncated at byte 57, inside $.client.client_secret)");
    assertProblem(
        whole.substring(0, 20), "is not valid JSON (truncated at byte 20, inside $.client.)");
    assertProblem("not json", "is not valid JSON (malformed at path $)");
    assertProblem(whole + "}", "is not valid JSON (extra content after the document)");
    assertProblem(
        "{\"client\": []}",
        "is not a Blot're credentials file: \"client\" must be an object, but is an array");
  }

  private void assertProblem(String content, String problem) throws IOException {
    Files.writeString(file, content);

    assertThatThrownBy(store::load)
        .isInstanceOf(CredentialFileException.class)
        .hasMessage("credentials file " + file + " " + problem)
        .satisfies(e -> assertThat(((CredentialFileException) e).path()).isEqualTo(file));
    assertThatThrownBy(() -> store.save(CONTENT)).isInstanceOf(CredentialFileException.class);
    assertThatThrownBy(() -> store.update(Counter::increment))
        .isInstanceOf(CredentialFileException.class);
    assertThat(Files.readString(file)).as("never overwritten").isEqualTo(content);
  }

  @Test
  void aDirectoryInPlaceOfTheFileIsReported() throws IOException {
    Files.createDirectory(file);

    assertThatThrownBy(store::load)
        .isInstanceOf(CredentialFileException.class)
        .hasMessage("credentials file " + file + " cannot be read: is a directory");
  }

  @Test
  void anUnreadableFileIsReported() throws IOException {
    Files.writeString(file, CredentialsFileTest.PYTHON_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "root can read any file");

    assertThatThrownBy(store::load)
        .isInstanceOf(CredentialFileException.class)
        .hasMessage("credentials file " + file + " cannot be read: permission denied");
  }

  @Test
  void moveAsideKeepsTheOldFileUnderANewNameAndNeverClobbers() throws IOException {
    Files.writeString(file, "first");
    Path first = store.moveAside("corrupt").orElseThrow();
    Files.writeString(file, "second");
    Path second = store.moveAside("corrupt").orElseThrow();
    Files.writeString(file, "third");
    Path third = store.moveAside("corrupt").orElseThrow();

    assertThat(first).isEqualTo(dir.resolve("creds.json.corrupt-20261128T084500Z"));
    assertThat(second).isEqualTo(dir.resolve("creds.json.corrupt-20261128T084500Z-2"));
    assertThat(third).isEqualTo(dir.resolve("creds.json.corrupt-20261128T084500Z-3"));
    assertThat(first).hasContent("first");
    assertThat(second).hasContent("second");
    assertThat(third).hasContent("third");
    assertThat(file).doesNotExist();
    assertThat(store.moveAside("revoked")).isEmpty();
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("Moved credentials file " + file + " aside to " + first + " (corrupt)");
  }

  @Test
  void moveAsideWantsAReasonThatFitsAFileName() {
    for (String reason : new String[] {"", "Corrupt", "bad/reason", "two words", "-x", "x-"}) {
      assertThatThrownBy(() -> store.moveAside(reason))
          .as(reason)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void updateThatThrowsWritesNothing() {
    store.save(CONTENT);

    assertThatThrownBy(
            () ->
                store.update(
                    current -> {
                      throw new IllegalStateException("refresh failed");
                    }))
        .hasMessage("refresh failed");

    assertThat(store.load()).contains(CONTENT);
  }

  @Test
  void updateMayReadThroughTheSameStoreWhileHoldingTheLock() {
    store.save(CONTENT);

    CredentialsFile saved = store.update(current -> store.load().orElseThrow().withoutCreds());

    assertThat(saved.creds()).isEmpty();
    assertThat(store.load()).contains(saved);
  }

  @Test
  void concurrentUpdatesFromThreadsAreNeverLost() throws Exception {
    // The same file reached through a symbolic link to its directory.
    CredentialStore other =
        CredentialStore.at(
            Files.createSymbolicLink(dir.resolve("link"), dir).resolve("creds.json"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        CredentialStore mine = t % 2 == 0 ? store : other;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    mine.update(Counter::increment);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(Counter.value(store.load().orElseThrow())).isEqualTo(100);
  }

  private BasicFileAttributes attributes() throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class);
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }

  static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
