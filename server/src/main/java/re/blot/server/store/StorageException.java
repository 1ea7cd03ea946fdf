package re.blot.server.store;

/**
 * The database could not do what was asked (gone, locked, full). Requests that hit it get a 503;
 * the server keeps running and recovers when the database does.
 */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
