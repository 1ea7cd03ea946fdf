package re.blot.agent.publish;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import re.blot.client.Blotre;
import re.blot.client.BlotreException;
import re.blot.client.RestException;
import re.blot.client.disposable.DisposableApp;
import re.blot.client.model.Creds;

/**
 * Why a push failed, in words for the log, and what kind of failure it is: an outage that waiting
 * may cure, a request the server refused (a retry sends the same and is refused again), or lost
 * authorization, which only a new authorization can fix.
 *
 * @param reason what went wrong, for the log and the status file
 * @param kind what kind of failure it is
 * @param aside the reason word for the credentials file moved aside, for {@link Kind#LOST}
 */
record PushFailure(String reason, Kind kind, String aside) {
  /** Error text of a 401 for a token the server does not know (contract 1.3). */
  private static final String EXPIRED = "Access token is expired.";

  enum Kind {
    OUTAGE,
    REFUSED,
    LOST
  }

  boolean authorizationLost() {
    return kind == Kind.LOST;
  }

  /**
   * Classifies {@code e}, thrown by a push with {@code blotre}. A 401 without the expired-token
   * challenge is either an ownership refusal or a token the server no longer knows; only {@code
   * token_info} can tell them apart, so it is asked.
   */
  static PushFailure of(RuntimeException e, Blotre blotre) {
    // The client refreshes an expired token by itself; this is a refused refresh grant.
    if (DisposableApp.isAuthorizationLost(e)) {
      return lost(
          "Blot're refused the refresh token ("
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
              + "): the agent was revoked, or not used for 14 days",
          "revoked");
    }
    if (!(e instanceof RestException rest)) {
      return outage(e);
    }
    if (rest.status() == 401 && rest.getCause() == null && blotre != null) {
      Creds creds = blotre.getCreds();
      if (EXPIRED.equals(rest.error()) && (creds == null || !creds.hasRefreshToken())) {
        return lost(
            "the access token expired and the credentials file holds no refresh token to renew it",
            "no-refresh-token");
      }
      if (!EXPIRED.equals(rest.error()) && creds != null && tokenUnknown(blotre)) {
        return lost(
            "Blot're no longer knows the agent's access token (the server was reset or"
                + " restored from a backup, or the agent stopped during a token refresh)",
            "unknown-token");
      }
    }
    int status = rest.status();
    // A 401 with a cause is a refresh that failed on the way (no network): waiting may cure it.
    boolean refused =
        status >= 400 && status < 500 && status != 408 && status != 429 && rest.getCause() == null;
    if (refused) {
      return new PushFailure("refused by the server: " + refusal(rest), Kind.REFUSED, null);
    }
    if (status == 401 && rest.getCause() != null) {
      return new PushFailure(
          "the access token expired and refreshing it failed: " + rest.getCause().getMessage(),
          Kind.OUTAGE,
          null);
    }
    return outage(e);
  }

  /** Asks {@code token_info} about the current token; an unanswered question counts as "known". */
  private static boolean tokenUnknown(Blotre blotre) {
    try {
      blotre.getTokenInfo();
      return false;
    } catch (RestException e) {
      return e.status() == 404;
    } catch (BlotreException | IllegalStateException e) {
      return false;
    }
  }

  /** "POST /v0/api/stream -> 400: Could not process request (obj.tags: Too many tags.)". */
  private static String refusal(RestException rest) {
    Map<String, Object> details = rest.details();
    if (details == null || details.isEmpty()) {
      return rest.getMessage();
    }
    return rest.getMessage()
        + " ("
        + details.entrySet().stream()
            .map(entry -> entry.getKey() + ": " + messages(entry.getValue()))
            .collect(Collectors.joining("; "))
        + ")";
  }

  /** The {@code msg} texts of one details entry, as Play writes them. */
  private static String messages(Object value) {
    if (value instanceof Iterable<?> entries) {
      StringBuilder text = new StringBuilder();
      for (Object entry : entries) {
        Object msg = entry instanceof Map<?, ?> map ? map.get("msg") : entry;
        String one =
            msg instanceof Iterable<?> parts
                ? StreamSupport.stream(parts.spliterator(), false)
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "))
                : String.valueOf(msg);
        text.append(text.length() == 0 ? "" : ", ").append(one);
      }
      return text.toString();
    }
    return String.valueOf(value);
  }

  private static PushFailure lost(String reason, String aside) {
    return new PushFailure(reason, Kind.LOST, aside);
  }

  private static PushFailure outage(RuntimeException e) {
    return new PushFailure(
        e instanceof ServerUnreachableException unreachable
            ? unreachable.reason()
            : e.getMessage() != null ? e.getMessage() : e.toString(),
        Kind.OUTAGE,
        null);
  }
}
