package re.blot.client;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.model.Creds;

/** {@link TokenStore#inMemory}: credentials in a field, changes told to a listener. */
final class MemoryTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(MemoryTokenStore.class);

  /** Held while a refresh or replace runs; requests wait on it only in {@link #latest()}. */
  private final ReentrantLock lock = new ReentrantLock();

  /** Orders listener calls; only threads that changed the credentials take it. */
  private final Object listenerTurn = new Object();

  private final CredsListener listener;
  private volatile Creds creds;
  private long version;
  private long told;

  MemoryTokenStore(Creds initial, CredsListener listener) {
    this.creds = initial;
    this.listener = listener;
  }

  @Override
  public Creds current() {
    return creds;
  }

  @Override
  public void replace(Creds newCreds) {
    long changed;
    lock.lock();
    try {
      changed = store(newCreds);
    } finally {
      lock.unlock();
    }
    tell(changed, newCreds);
  }

  @Override
  public Creds latest() {
    lock.lock();
    try {
      return creds;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Creds refresh(String staleAccessToken, UnaryOperator<Creds> grant) {
    Creds fresh;
    long changed;
    lock.lock();
    try {
      Creds now = creds;
      if (now == null || !now.hasRefreshToken()) {
        throw new IllegalStateException("Cannot refresh: these credentials have no refresh token");
      }
      if (staleAccessToken != null && !Objects.equals(now.accessToken(), staleAccessToken)) {
        return now;
      }
      fresh = Objects.requireNonNull(grant.apply(now), "grant returned null");
      changed = store(fresh);
    } finally {
      lock.unlock();
    }
    tell(changed, fresh);
    return fresh;
  }

  private long store(Creds newCreds) {
    creds = newCreds;
    return ++version;
  }

  /** Tells the listener of change number {@code changed} unless a later one was told already. */
  private void tell(long changed, Creds newCreds) {
    if (listener == null) {
      return;
    }
    synchronized (listenerTurn) {
      if (changed <= told) {
        return;
      }
      told = changed;
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
}
