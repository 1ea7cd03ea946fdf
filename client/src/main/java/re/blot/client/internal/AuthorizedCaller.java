package re.blot.client.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.BlotreException;
import re.blot.client.RestException;
import re.blot.client.TokenStore;
import re.blot.client.model.Creds;

/**
 * The one place where a request is authorized, and where an expired access token is refreshed and
 * the request replayed. A request is sent at most twice. Thread-safe.
 *
 * <p>Only a 401 with {@code WWW-Authenticate: Bearer error="invalid_token" ...} means "expired":
 * then the {@link TokenStore} refreshes (single-flight, persisted) and the request is sent once
 * more. A 401 without it means a missing token, an ownership failure, or a token replaced by a
 * refresh elsewhere (another thread, or another process sharing the credentials file): only in the
 * last case, seen through {@link TokenStore#latest()}, is the request sent once more, with the new
 * token. A 401 means the server did not carry the request out, so sending it again is safe.
 */
public final class AuthorizedCaller {
  private static final Logger log = LoggerFactory.getLogger(AuthorizedCaller.class);
  private static final Pattern EXPIRED_CHALLENGE =
      Pattern.compile("^\\s*Bearer\\s.*\\berror=\"invalid_token\".*", Pattern.DOTALL);

  private final HttpCaller http;
  private final TokenStore store;
  private final UnaryOperator<Creds> grant;

  /**
   * Creates a caller.
   *
   * @param http the caller to send through
   * @param store the credentials to use and refresh
   * @param grant sends the refresh grant for the given credentials, returning new ones
   */
  public AuthorizedCaller(HttpCaller http, TokenStore store, UnaryOperator<Creds> grant) {
    this.http = http;
    this.store = store;
    this.grant = grant;
  }

  /**
   * Sends a request with {@code Authorization: Bearer <access token>} (none if there are no
   * credentials); on a 401, sends it once more if a refresh (here or elsewhere) gave a new token.
   *
   * @param request the request without authorization
   * @return the reply (the second one if the request was sent twice)
   * @throws RestException the original 401, with the refresh failure as its cause, if the refresh
   *     failed
   */
  public Reply send(Request request) {
    Creds creds = store.current();
    String token = creds == null ? null : creds.accessToken();
    Reply reply = http.send(authorize(request, token));
    if (reply.status() != 401 || token == null) {
      return reply;
    }
    Creds next;
    if (isExpiredChallenge(reply) && creds.hasRefreshToken()) {
      log.info("{}: access token expired, refreshing it", reply.describe());
      try {
        next = store.refresh(token, grant);
      } catch (BlotreException | IllegalStateException e) {
        // The caller decides what the failure means (an outage, lost authorization) and says so
        // once.
        log.info(
            "{}: refreshing the expired access token failed: {}", reply.describe(), e.getMessage());
        throw Replies.restError(reply, e);
      }
    } else {
      next = store.latest();
      if (next == null || next.accessToken() == null || next.accessToken().equals(token)) {
        return reply;
      }
      log.info("{}: the access token was replaced by a refresh; sending again", reply.describe());
    }
    return http.send(authorize(request, next.accessToken()));
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
