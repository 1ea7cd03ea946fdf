package re.blot.client.auth;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.CredsListener;
import re.blot.client.model.Creds;

/**
 * Holds a client's current credentials and tells the listener of every change. Refreshes are
 * single-flight: refresh tokens rotate, so a second concurrent refresh would kill the first one's
 * result. Thread-safe.
 */
public final class CredsStore {
  private static final Logger log = LoggerFactory.getLogger(CredsStore.class);

  private final Object lock = new Object();
  private final CredsListener listener;
  private volatile Creds creds;

  /**
   * Creates a store.
   *
   * @param initial the initial credentials, or null
   * @param listener told of every change, or null
   */
  public CredsStore(Creds initial, CredsListener listener) {
    this.creds = initial;
    this.listener = listener;
  }

  /**
   * Returns the current credentials.
   *
   * @return the credentials, or null if there are none
   */
  public Creds get() {
    return creds;
  }

  /**
   * Returns the current credentials once any refresh under way has finished. The server rotates the
   * tokens before the refreshing thread has stored the new ones, so a request that carried the old
   * token in between gets a plain 401; waiting here lets its caller see the new token.
   *
   * @return the credentials, or null if there are none
   */
  public Creds settled() {
    synchronized (lock) {
      return creds;
    }
  }

  /**
   * Replaces the credentials and tells the listener.
   *
   * @param newCreds the new credentials, or null to clear them
   */
  public void set(Creds newCreds) {
    synchronized (lock) {
      replace(newCreds);
    }
  }

  /**
   * Refreshes the credentials unless another thread already did.
   *
   * <p>Only one refresh runs at a time. If the access token in use is no longer {@code
   * staleAccessToken} when this thread gets its turn, another thread has refreshed and its
   * credentials are returned without a second request.
   *
   * @param staleAccessToken the access token the server called expired, or null to refresh
   *     unconditionally
   * @param exchange sends the refresh grant: refresh token in, new credentials out
   * @return the credentials to use now
   * @throws IllegalStateException if there is no refresh token
   */
  public Creds refresh(String staleAccessToken, UnaryOperator<Creds> exchange) {
    synchronized (lock) {
      Creds current = creds;
      if (current == null || !current.hasRefreshToken()) {
        throw new IllegalStateException("Cannot refresh: these credentials have no refresh token");
      }
      if (staleAccessToken != null && !Objects.equals(current.accessToken(), staleAccessToken)) {
        return current;
      }
      Creds fresh = exchange.apply(current);
      replace(fresh);
      return fresh;
    }
  }

  private void replace(Creds newCreds) {
    creds = newCreds;
    if (listener == null) {
      return;
    }
    try {
      listener.credsChanged(newCreds);
    } catch (RuntimeException e) {
      // The change has happened on the server already (tokens rotated); failing the caller's
      // request would not undo it, so report loudly and carry on with the new credentials.
      log.error(
          "Credentials listener {} failed; the new credentials may not have been saved",
          listener.getClass().getName(),
          e);
    }
  }
}
