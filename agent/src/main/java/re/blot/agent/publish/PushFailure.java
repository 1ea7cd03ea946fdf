package re.blot.agent.publish;

import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;

/**
 * Why a push failed, in words for the log, and whether it failed because the server refused the
 * agent's credentials for good (revoked, or the app was deleted), which no retry can fix.
 */
record PushFailure(String reason, boolean credentialsRevoked) {
  static PushFailure of(RuntimeException e) {
    // The client refreshes an expired token by itself; a 401 caused by a refused refresh grant
    // means the refresh token is revoked or expired.
    if (e instanceof RestException rest && rest.status() == 401
        && rest.getCause() instanceof TokenEndpointException refused
        && ("invalid_grant".equals(refused.error()) || "invalid_client".equals(refused.error()))) {
      return new PushFailure("credentials refused (" + refused.error() + ")", true);
    }
    return new PushFailure(e.getMessage() != null ? e.getMessage() : e.toString(), false);
  }
}
