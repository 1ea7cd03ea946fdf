package re.blot.server.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.ReplyException;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * Who is at the browser: the session cookie and the CSRF token of every form. A signed-in visitor's
 * forms carry a token derived from the session's secret; a visitor who is not signed in (the
 * sign-in form itself) gets a random token in an HttpOnly cookie that the form must repeat. Both
 * cookies are HttpOnly, SameSite, and Secure when the request came over https.
 */
final class Visitors {
  static final String SESSION_COOKIE = "blotre_session";
  static final String FORM_COOKIE = "blotre_form";
  static final String CSRF_FIELD = "csrfToken";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Duration sessionLifetime;
  private final String pickerToken;

  /**
   * @param pickerToken the server-wide token the in-memory mode's forms carry (they pick a user
   *     instead of signing in), or null when everyone signs in
   */
  Visitors(Store store, Duration sessionLifetime, String pickerToken) {
    this.store = store;
    this.sessionLifetime = sessionLifetime;
    this.pickerToken = pickerToken;
  }

  /** Whether forms offer a picker of users instead of asking to sign in (in-memory mode). */
  boolean picker() {
    return pickerToken != null;
  }

  Optional<UserRecord> user(Call call) {
    String token = call.cookie(SESSION_COOKIE);
    return token == null ? Optional.empty() : store.sessionUser(token);
  }

  /** The signed-in user; otherwise ends the request with a 302 to the sign-in page and back. */
  UserRecord signedIn(Call call) {
    return user(call).orElseThrow(() -> new ReplyException(toSignIn(call.pathAndQuery())));
  }

  static Reply toSignIn(String back) {
    return Reply.redirect(
        302, "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
  }

  /**
   * A redirect target from a form or query: a path on this server, else {@code /}. Browsers drop
   * tabs and newlines and read {@code \\} as {@code /}, so any of them (which could turn the path
   * into {@code //elsewhere}) makes it {@code /}.
   */
  static String localPath(String target) {
    return target != null
            && target.startsWith("/")
            && !target.startsWith("//")
            && target.length() < 2000
            && target.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '\\')
        ? target
        : "/";
  }

  /**
   * The CSRF token for the forms of the reply to {@code call}, and the cookie that goes with it.
   */
  FormToken formToken(Call call) {
    if (user(call).isPresent()) {
      return new FormToken(derived(call.cookie(SESSION_COOKIE)), null);
    }
    if (picker()) {
      return new FormToken(pickerToken, null);
    }
    String existing = call.cookie(FORM_COOKIE);
    if (existing != null && existing.matches("[0-9a-f]{32}")) {
      return new FormToken(existing, null);
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    return new FormToken(token, cookie(call, FORM_COOKIE, token, "Strict", -1));
  }

  /** A form's token and the Set-Cookie header value to send with the page (null: none). */
  record FormToken(String value, String setCookie) {
    Reply on(Reply reply) {
      return setCookie == null ? reply : reply.withHeader("Set-Cookie", setCookie);
    }
  }

  /**
   * Ends the request with a 403 unless the form's {@code csrfToken} is the one this visitor's forms
   * carry. Unlike the API's check, no header lets a form past it.
   */
  void checkCsrf(Call call) {
    String sent = call.form(CSRF_FIELD);
    String expected =
        user(call).isPresent()
            ? derived(call.cookie(SESSION_COOKIE))
            : picker() ? pickerToken : call.cookie(FORM_COOKIE);
    if (!same(expected, sent)) {
      throw new ReplyException(Reply.page(403, "Forbidden", "CSRF token check failed."));
    }
  }

  /** Opens a session for {@code user}: the Set-Cookie header value. */
  String signIn(Call call, UserRecord user) {
    String token = store.openSession(user, sessionLifetime);
    return cookie(call, SESSION_COOKIE, token, "Lax", sessionLifetime.toSeconds());
  }

  /** Closes the visitor's session: the Set-Cookie header value that clears the cookie. */
  String signOut(Call call) {
    String token = call.cookie(SESSION_COOKIE);
    if (token != null) {
      store.closeSession(token);
    }
    return cookie(call, SESSION_COOKIE, "", "Lax", 0);
  }

  private static String cookie(
      Call call, String name, String value, String sameSite, long maxAgeSeconds) {
    return name
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite="
        + sameSite
        + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
        + (call.secure() ? "; Secure" : "");
  }

  private static String derived(String sessionToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private static boolean same(String expected, String sent) {
    return expected != null
        && sent != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
