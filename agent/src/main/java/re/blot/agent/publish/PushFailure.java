package re.blot.agent.publish;

import re.blot.client.disposable.DisposableApp;

/**
 * Why a push failed, in words for the log, and whether it failed because the server refused the
 * agent's credentials for good (revoked, or the app was deleted), which no retry can fix.
 */
record PushFailure(String reason, boolean credentialsRevoked) {
  static PushFailure of(RuntimeException e) {
    // The client refreshes an expired token by itself; this is a refused refresh grant.
    if (DisposableApp.isAuthorizationLost(e)) {
      return new PushFailure(
          "credentials refused: "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          true);
    }
    return new PushFailure(e.getMessage() != null ? e.getMessage() : e.toString(), false);
  }
}
