package re.blot.client.disposable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves a {@link CredentialsFile} at one path, safely against crashes, other processes
 * and other threads.
 *
 * <ul>
 *   <li><b>Atomic, private writes.</b> The new content goes to {@code NAME.tmp} in the same
 *       directory, created with mode {@code 0600} (never readable by others, even for a moment), is
 *       flushed to the device, renamed over the file, and the directory is flushed too. After a
 *       crash or power cut the file holds either the old or the new content, never a mix.
 *   <li><b>Few writes.</b> Nothing is written when the bytes on disk are already the new content,
 *       so a device on an SD card does not wear it out.
 *   <li><b>Locked.</b> Every operation holds an OS lock on the sidecar file {@code NAME.lock} (the
 *       data file itself is replaced by each write, so it cannot carry the lock), plus an
 *       in-process lock, so processes and threads that share the file take turns. {@link #update}
 *       holds it around a whole read-modify-write.
 *   <li><b>Never overwritten silently.</b> A file that cannot be read as credentials makes {@link
 *       #load()}, {@link #save} and {@link #update} throw {@link CredentialFileException}; {@link
 *       #moveAside(String)} keeps it under a new name before a new file is written.
 *   <li><b>Private.</b> A file found readable by other users (e.g. {@code 0644} from the Python
 *       client) is narrowed to {@code 0600} with a warning in the log.
 *   <li><b>Ready for a first run.</b> Missing parent directories are created (mode {@code 0700}) by
 *       the first save; until then {@link #load()} finds no file.
 * </ul>
 *
 * <p>Log lines name paths and reasons, never tokens, secrets or codes. Instances are thread-safe.
 * On file systems without POSIX permissions files get the platform's default protection.
 */
public final class CredentialStore {
  private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Pattern REASON = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final DateTimeFormatter ASIDE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * One lock per lock file (by its real path) in this JVM: two channels of one JVM cannot both hold
   * the OS lock, so threads take turns here first.
   */
  private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /** Lock files already reported as impossible to create: one ERROR each, not one per reading. */
  private static final Set<Path> UNLOCKABLE_WARNED = ConcurrentHashMap.newKeySet();

  private static final String CANNOT_LOCK = "cannot be locked";

  private final Path path;
  private final Path lockPath;
  private final Path tempPath;
  private final Clock clock;
  private final Consumer<WriteStep> writeSteps;

  /** The points of a write, so the crash tests can kill a writer at each of them. */
  enum WriteStep {
    /** The empty temp file exists. */
    TEMP_CREATED,
    /** The temp file holds the new content and is flushed to the device. */
    TEMP_WRITTEN,
    /** The temp file has been renamed over the credentials file. */
    RENAMED
  }

  CredentialStore(Path path, Clock clock, Consumer<WriteStep> writeSteps) {
    this.path = Objects.requireNonNull(path, "path");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writeSteps = Objects.requireNonNull(writeSteps, "writeSteps");
    Path fileName = path.getFileName();
    if (fileName == null) {
      throw new IllegalArgumentException("not a file path: " + path);
    }
    this.lockPath = path.resolveSibling(fileName + ".lock");
    this.tempPath = path.resolveSibling(fileName + ".tmp");
  }

  /**
   * Returns the store for the credentials file at {@code path}. Nothing is read or created yet.
   *
   * @param path the credentials file, e.g. {@code /var/lib/blotre-agent/credentials.json}
   * @return the store
   */
  public static CredentialStore at(Path path) {
    return new CredentialStore(path, Clock.systemUTC(), step -> {});
  }

  /**
   * Returns the store for the credentials file at {@code path}, naming files moved aside with the
   * time of {@code clock}.
   *
   * @param path the credentials file
   * @param clock the clock for {@link #moveAside(String)}'s names
   * @return the store
   */
  public static CredentialStore at(Path path, Clock clock) {
    return new CredentialStore(path, clock, step -> {});
  }

  /**
   * Returns the credentials file's path.
   *
   * @return the path given to {@link #at(Path)}
   */
  public Path path() {
    return path;
  }

  /**
   * Reads the file.
   *
   * @return the content, or empty when there is no file
   * @throws CredentialFileException if the file exists but cannot be read or is not a credentials
   *     file (empty, truncated, not JSON, wrong layout)
   */
  public Optional<CredentialsFile> load() {
    if (!directoryExists()) {
      return Optional.empty();
    }
    IoAction<Optional<CredentialsFile>> read =
        () -> {
          byte[] bytes = readBytes();
          return bytes == null ? Optional.empty() : Optional.of(CredentialsFile.parse(bytes, path));
        };
    try {
      return locked(read);
    } catch (CredentialFileException e) {
      if (!e.problem().startsWith(CANNOT_LOCK)) {
        throw e;
      }
      // Writes are atomic renames, so reading without the lock never sees half a file; the tokens
      // can be used, only saving new ones must wait until the directory is fixed.
      Path directory = path.toAbsolutePath().getParent();
      if (UNLOCKABLE_WARNED.add(lockPath.toAbsolutePath())) {
        log.error(
            "Cannot create the lock file {} ({}): the credentials in {} are used as they are, but"
                + " new tokens cannot be saved there. Make {} writable for user {} (e.g. sudo"
                + " chown {} {}) and remove anything in the way at {}",
            lockPath,
            e.getCause() != null ? e.getCause().toString() : e.problem(),
            path.getFileName(),
            directory,
            System.getProperty("user.name"),
            System.getProperty("user.name"),
            directory,
            lockPath);
      }
      try {
        return read.run();
      } catch (IOException io) {
        throw new CredentialFileException(path, "cannot be read: " + io, io);
      }
    }
  }

  /**
   * Writes {@code content} unless the file already holds exactly these bytes.
   *
   * @param content the new content
   * @return true if the file was written, false if it already held this content
   * @throws CredentialFileException if the existing file cannot be read or is not a credentials
   *     file (it is not overwritten: move it aside first), or the new one cannot be written
   */
  public boolean save(CredentialsFile content) {
    Objects.requireNonNull(content, "content");
    return locked(
        () -> {
          byte[] current = readBytes();
          if (current != null) {
            CredentialsFile.parse(current, path);
          }
          return writeIfChanged(current, content);
        });
  }

  /**
   * Reads the file, applies {@code change} and writes the result if it differs, all while holding
   * the lock, so no other process or thread can change the file in between. {@code change} may take
   * its time (e.g. refresh a token over the network): others wait for it.
   *
   * @param change maps the current content (empty when there is no file) to the new content; it may
   *     throw to abandon the update, and then nothing is written
   * @return the content now in the file
   * @throws CredentialFileException if the existing file cannot be read or is not a credentials
   *     file, or the new one cannot be written
   */
  public CredentialsFile update(Function<Optional<CredentialsFile>, CredentialsFile> change) {
    Objects.requireNonNull(change, "change");
    return locked(
        () -> {
          byte[] current = readBytes();
          Optional<CredentialsFile> before =
              current == null
                  ? Optional.empty()
                  : Optional.of(CredentialsFile.parse(current, path));
          CredentialsFile after =
              Objects.requireNonNull(change.apply(before), "update returned null");
          writeIfChanged(current, after);
          return after;
        });
  }

  /**
   * Renames the file to {@code NAME.REASON-yyyyMMddTHHmmssZ} beside it (adding {@code -2}, {@code
   * -3}, ... if that name is taken; an existing file is never replaced), so that a new file can be
   * written while the old one is kept for inspection. Logs the old and new path and the reason.
   *
   * @param reason why, as lower-case words joined by {@code -}, e.g. {@code corrupt} or {@code
   *     revoked}
   * @return the new path, or empty if there was no file
   * @throws IllegalArgumentException if {@code reason} is not lower-case words joined by {@code -}
   * @throws CredentialFileException if the file cannot be renamed
   */
  public Optional<Path> moveAside(String reason) {
    if (!REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException(
          "reason must be lower-case words joined by '-', was: " + reason);
    }
    if (!directoryExists()) {
      return Optional.empty();
    }
    return locked(
        () -> {
          if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
          }
          String base =
              path.getFileName() + "." + reason + "-" + ASIDE_TIME.format(clock.instant());
          for (int attempt = 1; ; attempt++) {
            Path aside = path.resolveSibling(attempt == 1 ? base : base + "-" + attempt);
            try {
              // Without REPLACE_EXISTING the move fails rather than replace an earlier file.
              Files.move(path, aside);
            } catch (FileAlreadyExistsException e) {
              continue;
            }
            syncDirectory();
            log.info("Moved credentials file {} aside to {} ({})", path, aside, reason);
            return Optional.of(aside);
          }
        });
  }

  @Override
  public String toString() {
    return "CredentialStore{" + path + "}";
  }

  /** Returns the file's bytes, or null when there is no file; narrows a file others can read. */
  private byte[] readBytes() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (AccessDeniedException e) {
      throw new CredentialFileException(path, "cannot be read: permission denied", e);
    } catch (IOException e) {
      String reason = Files.isDirectory(path) ? "is a directory" : e.toString();
      throw new CredentialFileException(path, "cannot be read: " + reason, e);
    }
    narrowPermissions();
    return bytes;
  }

  private void narrowPermissions() throws IOException {
    if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    if (OWNER_ONLY.containsAll(permissions)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, OWNER_ONLY);
      log.warn(
          "Credentials file {} was readable by others ({}); changed it to rw-------",
          path,
          PosixFilePermissions.toString(permissions));
    } catch (IOException e) {
      log.warn(
          "Credentials file {} is readable by others ({}) and could not be changed to rw-------: {}",
          path,
          PosixFilePermissions.toString(permissions),
          e.toString());
    }
  }

  private boolean writeIfChanged(byte[] current, CredentialsFile content) throws IOException {
    byte[] next = content.toJson();
    if (Arrays.equals(current, next)) {
      log.debug("Credentials file {} already up to date; not written", path);
      return false;
    }
    writeAtomically(next);
    // DEBUG: a pending code is marked before and after each check, every few seconds.
    log.debug("Wrote credentials file {}", path);
    return true;
  }

  private void writeAtomically(byte[] bytes) throws IOException {
    try {
      // A leftover from a writer that died mid-write; we hold the lock, so nobody else is writing
      // it.
      Files.deleteIfExists(tempPath);
      try (FileChannel channel =
          openPrivate(tempPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeSteps.accept(WriteStep.TEMP_CREATED);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      writeSteps.accept(WriteStep.TEMP_WRITTEN);
      Files.move(tempPath, path, StandardCopyOption.ATOMIC_MOVE);
      writeSteps.accept(WriteStep.RENAMED);
    } catch (IOException e) {
      // An empty or half-written temp file would only confuse whoever looks at the directory.
      try {
        Files.deleteIfExists(tempPath);
      } catch (IOException ignored) {
        // The next write deletes it first.
      }
      Path directory = path.toAbsolutePath().getParent();
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      throw new CredentialFileException(
          path,
          "cannot be written ("
              + reason
              + "); free some space on the file system of "
              + directory
              + " or make it writable, then the next save works",
          e);
    }
    syncDirectory();
  }

  /**
   * Makes the rename durable. Some platforms cannot open a directory; the rename is then all we can
   * do.
   */
  private void syncDirectory() {
    Path directory = path.toAbsolutePath().getParent();
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("Cannot flush directory {} on this platform: {}", directory, e.toString());
    }
  }

  /** Opens a file that, if created, is created with mode 0600 (where the file system has modes). */
  private static FileChannel openPrivate(Path file, OpenOption... options) throws IOException {
    Set<OpenOption> optionSet = Set.of(options);
    Path directory = file.toAbsolutePath().getParent();
    if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return FileChannel.open(file, optionSet, ownerOnly);
    }
    return FileChannel.open(file, optionSet);
  }

  private boolean directoryExists() {
    return Files.isDirectory(path.toAbsolutePath().getParent());
  }

  /** Creates missing parent directories, private to the owner, as a first save needs them. */
  private void createDirectory() throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    if (Files.isDirectory(directory)) {
      return;
    }
    Path existing = directory;
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (Files.getFileStore(existing).supportsFileAttributeView("posix")) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(
              EnumSet.of(
                  PosixFilePermission.OWNER_READ,
                  PosixFilePermission.OWNER_WRITE,
                  PosixFilePermission.OWNER_EXECUTE)));
    } else {
      Files.createDirectories(directory);
    }
    log.info("Created directory {} for credentials file {}", directory, path.getFileName());
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T locked(IoAction<T> action) {
    ReentrantLock jvmLock;
    try {
      createDirectory();
      // Two spellings of one file (symbolic links, relative paths) must share one lock.
      Path key = lockPath.toAbsolutePath().getParent().toRealPath().resolve(lockPath.getFileName());
      jvmLock = JVM_LOCKS.computeIfAbsent(key, unused -> new ReentrantLock());
    } catch (IOException e) {
      throw new CredentialFileException(path, CANNOT_LOCK + " with " + lockPath + ": " + e, e);
    }
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        // Re-entered from within update(): this thread already holds the OS lock.
        return action.run();
      }
      FileChannel channel;
      try {
        channel = openPrivate(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CredentialFileException(path, CANNOT_LOCK + " with " + lockPath + ": " + e, e);
      }
      // The lock file is never deleted: deleting it would let two processes lock different files.
      // Closing the channel releases the lock.
      try (channel) {
        channel.lock();
        return action.run();
      }
    } catch (IOException e) {
      throw new CredentialFileException(path, "cannot be used: " + e, e);
    } finally {
      jvmLock.unlock();
    }
  }
}
