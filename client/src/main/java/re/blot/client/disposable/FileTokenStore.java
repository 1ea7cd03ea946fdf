package re.blot.client.disposable;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.TokenEndpointException;
import re.blot.client.TokenStore;
import re.blot.client.model.Creds;

/**
 * The credentials of an authorized disposable app, kept in step with its file for any number of
 * processes sharing it.
 *
 * <ul>
 *   <li>A refresh runs inside {@link CredentialStore#update}, under the file's lock: the new tokens
 *       are in the file before anyone uses them, and two processes never spend the same refresh
 *       token (it rotates; the second would get {@code invalid_grant}). If the file already holds
 *       another refresh token than the one about to be spent, another process has refreshed: its
 *       tokens are taken, without a grant.
 *   <li>{@link #latest()} re-reads the file, so a request refused with a token another process
 *       replaced is sent again with the file's tokens.
 *   <li>A refresh token the server refuses ({@code invalid_grant}: revoked or expired; {@code
 *       invalid_client}: the server forgot the client) moves the file aside, so the next {@link
 *       DisposableApp#authorize()} registers anew.
 * </ul>
 */
final class FileTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(FileTokenStore.class);

  private final CredentialStore file;
  private final Function<Optional<CredentialsFile>, CredentialsFile> ours;
  private final Clock clock;

  /** Single-flight within this process; the file lock does it across processes. */
  private final ReentrantLock lock = new ReentrantLock();

  private volatile Creds creds;

  /** Whether {@link #creds} could not be saved yet. */
  private volatile boolean unsaved;

  /**
   * @param file the app's credentials file
   * @param ours the file's content if it belongs to this app's client, else a new file for it
   *     without credentials (the file is gone, or another process registered anew)
   * @param clock the time the saved credentials were obtained
   * @param initial the credentials to start with (already in the file)
   */
  FileTokenStore(
      CredentialStore file,
      Function<Optional<CredentialsFile>, CredentialsFile> ours,
      Clock clock,
      Creds initial) {
    this.file = file;
    this.ours = ours;
    this.clock = clock;
    this.creds = initial;
  }

  @Override
  public Creds current() {
    return creds;
  }

  @Override
  public void replace(Creds newCreds) {
    lock.lock();
    try {
      creds = newCreds;
      try {
        file.update(
            current -> {
              CredentialsFile content = ours.apply(current);
              if (newCreds == null) {
                return content.withoutCreds();
              }
              boolean saved =
                  content.creds().map(stored -> stored.sameTokens(newCreds)).orElse(false);
              return saved ? content : content.withCreds(StoredCreds.of(newCreds, clock.instant()));
            });
      } catch (CredentialFileException e) {
        notSaved(e);
        return;
      }
      saved();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Saves the credentials in use if an earlier save failed (disk full, directory not writable).
   * Never throws: a failure is logged once, at the first one.
   */
  void saveUnsaved() {
    if (unsaved) {
      replace(creds);
    }
  }

  /**
   * The server has rotated the tokens already: dropping the new ones would lock the app out now,
   * keeping them only in memory locks it out at the next restart unless {@link #saveUnsaved()}
   * works before. One ERROR per failure, not per retry.
   */
  private void notSaved(CredentialFileException e) {
    if (unsaved) {
      log.debug("Still cannot save the new tokens: {}", e.getMessage());
      return;
    }
    unsaved = true;
    log.error(
        "Cannot save the new tokens: {}. They are used meanwhile; the save is tried again at"
            + " each request, and if the app stops before it works it must be authorized again",
        e.getMessage());
  }

  private void saved() {
    if (unsaved) {
      unsaved = false;
      log.info("Saved the new tokens in {} now", file.path());
    }
  }

  @Override
  public Creds latest() {
    lock.lock();
    try {
      Optional<StoredCreds> saved = ours.apply(file.load()).creds();
      Creds mine = creds;
      if (saved.isPresent() && (mine == null || !saved.get().sameTokens(mine))) {
        log.info("Another process replaced the tokens; using the ones in {}", file.path());
        creds = saved.get().toCreds();
      }
      return creds;
    } catch (CredentialFileException e) {
      log.warn("Cannot look for newer tokens: {}", e.getMessage());
      return creds;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Creds refresh(String staleAccessToken, UnaryOperator<Creds> grant) {
    lock.lock();
    try {
      Creds mine = creds;
      if (mine == null || !mine.hasRefreshToken()) {
        throw new IllegalStateException("Cannot refresh: these credentials have no refresh token");
      }
      if (staleAccessToken != null && !Objects.equals(mine.accessToken(), staleAccessToken)) {
        return mine;
      }
      Creds[] fresh = new Creds[1];
      try {
        file.update(
            current -> {
              CredentialsFile content = ours.apply(current);
              Optional<StoredCreds> saved = content.creds();
              if (saved.isPresent()
                  && saved.get().refreshToken() != null
                  && !saved.get().refreshToken().equals(mine.refreshToken())) {
                log.info(
                    "Credentials file {} already holds newer tokens (another process refreshed);"
                        + " using them",
                    file.path());
                fresh[0] = saved.get().toCreds();
                return content;
              }
              fresh[0] = Objects.requireNonNull(grant.apply(mine), "grant returned null");
              return content.withCreds(StoredCreds.of(fresh[0], clock.instant()));
            });
      } catch (TokenEndpointException e) {
        moveAsideIfRefused(e, mine.refreshToken());
        throw e;
      } catch (CredentialFileException e) {
        if (fresh[0] == null) {
          throw e;
        }
        creds = fresh[0];
        notSaved(e);
        return fresh[0];
      }
      creds = fresh[0];
      saved();
      return fresh[0];
    } finally {
      lock.unlock();
    }
  }

  /** Moves the file aside when the server refused the refresh token for good. */
  private void moveAsideIfRefused(TokenEndpointException e, String spent) {
    boolean revoked = "invalid_grant".equals(e.error());
    if (!revoked && !"invalid_client".equals(e.error())) {
      return;
    }
    // INFO: the caller gets the exception and tells the person what to do (the agent with one
    // WARN that carries the new code), so one lost authorization is one WARN.
    log.info(
        "Blot're refused to refresh the tokens in {}: {}; the app must be authorized again",
        file.path(),
        revoked
            ? "the refresh token was revoked or has expired (invalid_grant)"
            : "the server no longer knows this client (invalid_client)");
    // Only if the file still holds the refused token: another process may have authorized anew.
    boolean stillOurs =
        ours.apply(file.load())
            .creds()
            .map(saved -> spent.equals(saved.refreshToken()))
            .orElse(false);
    if (stillOurs) {
      file.moveAside(revoked ? "revoked" : "unknown-client");
    }
  }
}
