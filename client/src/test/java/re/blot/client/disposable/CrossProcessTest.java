package re.blot.client.disposable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Other processes on the same file: a second JVM running {@link StoreChild}. */
class CrossProcessTest {
  private static final long CHILD_DEADLINE_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void concurrentUpdatesFromTwoProcessesAreNeverLost() throws Exception {
    Path file = dir.resolve("creds.json");
    Child first = Child.start(dir, "increment", file.toString(), "40");
    Child second = Child.start(dir, "increment", file.toString(), "40");
    CredentialStore store = CredentialStore.at(file);
    for (int i = 0; i < 40; i++) {
      store.update(Counter::increment);
    }

    first.awaitLine("done");
    second.awaitLine("done");
    first.awaitExit();
    second.awaitExit();

    assertThat(Counter.value(store.load().orElseThrow())).isEqualTo(120);
  }

  /**
   * Kills a child that rewrites the file in a tight loop, at a different moment each round: the
   * file must always be whole and hold at least the last write the child reported complete.
   */
  @Test
  void killingAWriterNeverLeavesABrokenFile() throws Exception {
    Path file = dir.resolve("creds.json");
    CredentialStore store = CredentialStore.at(file);
    long previous = 0;
    for (int round = 0; round < 30; round++) {
      Child child = Child.start(dir, "rewrite", file.toString());
      long reported = 0;
      // Kill after a varying number of completed writes, while the next one is under way.
      for (int writes = 1 + round * 7 % 13; writes > 0; writes--) {
        reported = Long.parseLong(child.awaitLine("wrote ").substring("wrote ".length()));
      }
      child.kill();

      CredentialsFile survivor = store.load().orElseThrow();
      long value = Counter.value(survivor);
      assertThat(Counter.isWhole(survivor))
          .as("round %d: file holds one complete write", round)
          .isTrue();
      assertThat(value)
          .as("round %d: no completed write lost", round)
          .isGreaterThanOrEqualTo(reported);
      assertThat(value).as("round %d: counter never goes back", round).isGreaterThan(previous);
      assertOnlyOwnerCanRead(dir);
      previous = value;
    }
  }

  /**
   * Kills a writer exactly at each point of a write: before the rename the file keeps the old
   * content, after it the new, and the temp file is private from the moment it exists.
   */
  @ParameterizedTest
  @EnumSource(CredentialStore.WriteStep.class)
  void killingAWriterAtEachStepLeavesTheOldOrTheNewFile(CredentialStore.WriteStep step)
      throws Exception {
    Path file = dir.resolve("creds.json");
    CredentialStore store = CredentialStore.at(file);
    store.save(Counter.withValue(CredentialsFile.of(Counter.CLIENT), 5));

    Child child = Child.start(dir, "stop-at", file.toString(), step.name());
    child.awaitLine("at " + step);
    Path temp = dir.resolve("creds.json.tmp");
    if (step != CredentialStore.WriteStep.RENAMED) {
      assertThat(temp).exists();
    }
    assertOnlyOwnerCanRead(dir);
    child.kill();

    long expected = step == CredentialStore.WriteStep.RENAMED ? 6 : 5;
    CredentialsFile survivor = store.load().orElseThrow();
    assertThat(Counter.value(survivor)).isEqualTo(expected);
    assertThat(Counter.isWhole(survivor)).isTrue();
    store.update(Counter::increment);
    assertThat(Counter.value(store.load().orElseThrow())).isEqualTo(expected + 1);
    assertThat(temp).doesNotExist();
  }

  /** Every file the store created, including a temp file left by a killed writer, is rw-------. */
  private static void assertOnlyOwnerCanRead(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path path :
          files.filter(path -> path.getFileName().toString().startsWith("creds.json")).toList()) {
        assertThat(Files.getPosixFilePermissions(path))
            .as(path.toString())
            .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      }
    }
  }

  /** A JVM running {@link StoreChild}, its output lines queued as they arrive. */
  private static final class Child {
    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(Process process, Path errors) {
      this.process = process;
      this.errors = errors;
      Thread reader = new Thread(this::readLines, "child-" + process.pid() + "-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, String... args) throws IOException {
      Path quietLogging = dir.resolve("logback-quiet.xml");
      if (!Files.exists(quietLogging)) {
        Files.writeString(quietLogging, "<configuration/>\n");
      }
      Path errors = Files.createTempFile(dir, "child-", ".stderr");
      List<String> command =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElseThrow(),
                  // Start fast: this test starts many short-lived JVMs.
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xshare:auto",
                  "-Dlogback.configurationFile=" + quietLogging,
                  "-cp",
                  System.getProperty("java.class.path"),
                  StoreChild.class.getName()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      return new Child(process, errors);
    }

    private void readLines() {
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // The child was killed; what it printed before is already queued.
      }
    }

    /** Returns the next line starting with {@code prefix}, skipping others. */
    String awaitLine(String prefix) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_DEADLINE_SECONDS);
      while (true) {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          process.destroyForcibly();
          throw new AssertionError(
              "child printed no '"
                  + prefix
                  + "' line in time; exit "
                  + (process.isAlive() ? "pending" : process.exitValue())
                  + "; stderr:\n"
                  + Files.readString(errors));
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    void awaitExit() throws Exception {
      assertThat(process.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS))
          .as("child exits")
          .isTrue();
      assertThat(process.exitValue())
          .as("child exit code; stderr: %s", Files.readString(errors))
          .isZero();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
