package re.blot.client.disposable;

import re.blot.client.BlotreException;

/**
 * {@link DisposableApp#authorize()} stopped waiting for the user, because {@link
 * DisposableApp#cancel()} was called or the thread was interrupted (its interrupt flag is then set
 * again). The credentials file keeps the pending code, so a later run resumes it while it is valid.
 */
public final class AuthorizationCancelledException extends BlotreException {
  private static final long serialVersionUID = 1L;

  AuthorizationCancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
