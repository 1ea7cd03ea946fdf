package re.blot.server.routes;

import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.ReplyException;
import re.blot.server.store.Caller;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/** The {@code AuthorizedAction} check of §1.3: the acting user, or the exact 401 replies. */
final class Auth {
  /** The challenge that tells a client to refresh (exactly this: no comma, no final period). */
  static final String EXPIRED_CHALLENGE =
      "Bearer error=\"invalid_token\" error_description=\"Access token is expired\"";

  private final Store store;

  Auth(Store store) {
    this.store = store;
  }

  UserRecord require(Call call) {
    Caller caller = store.caller(call.accessToken());
    return switch (caller.kind()) {
      case USER -> caller.user();
      case EXPIRED ->
          throw new ReplyException(
              Reply.error(401, "Access token is expired.", null)
                  .withHeader("WWW-Authenticate", EXPIRED_CHALLENGE));
      case NONE ->
          throw new ReplyException(Reply.error(401, "Action requires authorization.", null));
    };
  }
}
