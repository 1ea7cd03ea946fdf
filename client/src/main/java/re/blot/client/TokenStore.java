package re.blot.client;

import java.util.function.UnaryOperator;
import re.blot.client.model.Creds;

/**
 * Where a {@link Blotre} client keeps its credentials: the one seam through which it reads,
 * replaces and refreshes them. The default ({@link #inMemory}) keeps them in memory and tells a
 * {@link CredsListener}; a store that persists them (the disposable app's file) does so inside
 * {@link #refresh}, so new tokens are saved before anyone uses them.
 *
 * <p>Implementations are thread-safe, and {@link #refresh} is single-flight: refresh tokens rotate,
 * so a second concurrent refresh would kill the first one's result. An implementation never calls
 * user code (a listener) while holding a lock that requests wait on.
 */
public interface TokenStore {
  /**
   * Returns the credentials to send now, without waiting.
   *
   * @return the credentials, or null if there are none
   */
  Creds current();

  /**
   * Replaces the credentials, after a grant or {@link Blotre#setCreds(Creds)}.
   *
   * @param creds the new credentials, or null to clear them
   */
  void replace(Creds creds);

  /**
   * Returns the newest credentials once any refresh under way has finished, here or (for a shared
   * store) in another process. Called when the server refused an access token without the expired
   * challenge: if the token was replaced meanwhile, the request is sent once more with the new one.
   *
   * @return the credentials, or null if there are none
   */
  Creds latest();

  /**
   * Refreshes the credentials unless that already happened: if the access token in use is no longer
   * {@code staleAccessToken}, someone else refreshed, and the current credentials are returned
   * without a grant. Otherwise {@code grant} is called, its result stored (and persisted) and
   * returned. Only one refresh runs at a time; other callers wait for its result.
   *
   * @param staleAccessToken the access token the server called expired, or null to refresh
   *     unconditionally
   * @param grant sends the refresh grant: current credentials in, new credentials out
   * @return the credentials to use now
   * @throws IllegalStateException if there is no refresh token
   * @throws BlotreException whatever {@code grant} threw
   */
  Creds refresh(String staleAccessToken, UnaryOperator<Creds> grant);

  /**
   * Returns a store that keeps credentials in memory.
   *
   * @param initial the initial credentials, or null
   * @param listener told of every change, after it happened and outside any lock; or null
   * @return the store
   */
  static TokenStore inMemory(Creds initial, CredsListener listener) {
    return new MemoryTokenStore(initial, listener);
  }
}
