package re.blot.client.auth;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.BlotreException;
import re.blot.client.RestException;
import re.blot.client.http.HttpCaller;
import re.blot.client.http.Replies;
import re.blot.client.http.Reply;
import re.blot.client.model.Creds;

/**
 * Sends requests with the current access token, and on the server's expired-token challenge
 * refreshes once and replays once. Thread-safe.
 *
 * <p>Only a 401 with {@code WWW-Authenticate: Bearer error="invalid_token" ...} means "expired": a
 * token replaced by a later grant, a missing token or an ownership failure also give 401, but
 * refreshing cannot help there. One exception: if another thread replaced the credentials while a
 * request was under way with the old token, that request is replayed once with the new token (no
 * refresh).
 */
public final class AuthorizedCaller {
  private static final Logger log = LoggerFactory.getLogger(AuthorizedCaller.class);
  private static final Pattern EXPIRED_CHALLENGE =
      Pattern.compile("^\\s*Bearer\\s.*\\berror=\"invalid_token\".*", Pattern.DOTALL);

  private final HttpCaller http;
  private final CredsStore store;
  private final UnaryOperator<Creds> exchange;

  /**
   * Creates a caller.
   *
   * @param http the caller to send through
   * @param store the credentials to use and update
   * @param exchange sends the refresh grant for the given credentials, returning new ones
   */
  public AuthorizedCaller(HttpCaller http, CredsStore store, UnaryOperator<Creds> exchange) {
    this.http = http;
    this.store = store;
    this.exchange = exchange;
  }

  /**
   * Sends a request with {@code Authorization: Bearer <access token>} (none if there are no
   * credentials), refreshing and replaying once on the expired challenge, or replaying once when
   * the credentials changed while the request was under way.
   *
   * @param request the request without authorization (an {@code Authorization} header is added, not
   *     replaced)
   * @return the reply (the replay's reply after a refresh)
   * @throws RestException the original 401, with the refresh failure as its cause, if the refresh
   *     failed
   */
  public Reply send(Request request) {
    Creds creds = store.get();
    String token = creds == null ? null : creds.accessToken();
    Reply reply = http.send(authorize(request, token));
    if (reply.status() != 401) {
      return reply;
    }
    Creds current = store.settled();
    if (current != null && token != null && !token.equals(current.accessToken())) {
      // Another thread refreshed while this request was under way; the token it used is now
      // replaced ("unknown", no challenge). Replay once with the current one.
      return http.send(authorize(request, current.accessToken()));
    }
    if (!isExpiredChallenge(reply) || current == null || !current.hasRefreshToken()) {
      return reply;
    }
    log.info("{}: access token expired, refreshing it", reply.describe());
    Creds fresh;
    try {
      fresh = store.refresh(token, exchange);
    } catch (BlotreException | IllegalStateException e) {
      // The caller decides what the failure means (an outage, lost authorization) and says so once.
      log.info(
          "{}: refreshing the expired access token failed: {}", reply.describe(), e.getMessage());
      throw Replies.restError(reply, e);
    }
    return http.send(authorize(request, fresh.accessToken()));
  }

  /**
   * Tells whether a reply is the server's "access token expired" challenge.
   *
   * @param reply the reply
   * @return true for a 401 whose {@code WWW-Authenticate} is a Bearer {@code invalid_token}
   *     challenge
   */
  public static boolean isExpiredChallenge(Reply reply) {
    return reply.status() == 401
        && reply.headers().values("WWW-Authenticate").stream()
            .anyMatch(value -> EXPIRED_CHALLENGE.matcher(value).matches());
  }

  private static Request authorize(Request request, String token) {
    return token == null
        ? request
        : request.newBuilder().addHeader("Authorization", "Bearer " + token).build();
  }
}
