package re.blot.client.disposable;

import java.nio.file.Path;
import java.util.Objects;
import re.blot.client.BlotreException;

/**
 * A credentials file exists but cannot be used: it is unreadable, empty, truncated, not JSON, or
 * not in the expected layout. The message names the file and the problem and never contains the
 * file's content, so it is safe to log.
 *
 * <p>The file is left untouched. Call {@link CredentialStore#moveAside(String)} to keep it for
 * inspection before writing a new one.
 */
public final class CredentialFileException extends BlotreException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /** The problem, without the path. */
  private final String problem;

  /**
   * Creates an exception for a problem with the file at {@code path}.
   *
   * @param path the credentials file
   * @param problem what is wrong, phrased to follow "credentials file PATH", e.g. "is empty"
   * @param cause the underlying failure, or null
   */
  public CredentialFileException(Path path, String problem, Throwable cause) {
    super("credentials file " + path + " " + problem, cause);
    this.path = Objects.requireNonNull(path, "path");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * Returns the credentials file the problem is about.
   *
   * @return the file's path, as given to the store
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the problem without the path, e.g. {@code "is empty"}.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }
}
