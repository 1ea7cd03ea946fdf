package re.blot.server.pages;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.store.UserRecord;

/**
 * The frame of every page: the viewport for phones, the navigation (who is signed in, the sign-out
 * form), the stylesheet and live-update script, and headers that keep the pages out of frames and
 * limit what they may load.
 */
final class Layout {
  private static final String CSP =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:;"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final Template frame = Template.load("layout.html");
  private final Visitors visitors;

  Layout(Visitors visitors) {
    this.visitors = visitors;
  }

  /** A page with {@code mainHtml} (built from escaped parts) under {@code title}. */
  Reply page(Call call, int status, String title, String mainHtml) {
    return page(call, visitors.formToken(call), status, title, mainHtml);
  }

  /** A page whose forms carry {@code token} (the same one the reply's cookie holds). */
  Reply page(Call call, Visitors.FormToken token, int status, String title, String mainHtml) {
    Optional<UserRecord> user = visitors.user(call);
    Map<String, String> values = new HashMap<>();
    values.put("title", title);
    values.put("mainHtml", mainHtml);
    values.put(
        "navHtml",
        user.map(
                u ->
                    "<a href=\"/account\" id=\"account-link\">"
                        + Reply.escape(u.userName())
                        + "</a>")
            .orElse("<a href=\"/login\" id=\"sign-in-link\">Sign in</a>"));
    values.put(
        "footerHtml",
        user.isPresent()
            ? "<form method=\"post\" action=\"/logout\" class=\"inline\">"
                + csrfField(token.value())
                + "<button type=\"submit\" id=\"sign-out\">Sign out</button></form>"
            : "");
    return token.on(
        Reply.html(status, frame.render(values))
            .withHeader("Content-Security-Policy", CSP)
            .withHeader("X-Content-Type-Options", "nosniff")
            .withHeader("Referrer-Policy", "same-origin")
            .withHeader("Cache-Control", "no-store"));
  }

  /** The hidden field every form carries. */
  static String csrfField(String token) {
    return "<input type=\"hidden\" name=\""
        + Visitors.CSRF_FIELD
        + "\" value=\""
        + Reply.escape(token)
        + "\">";
  }

  /** A page with one heading and one paragraph, in the frame. */
  Reply message(Call call, int status, String title, String message) {
    return page(
        call,
        status,
        title,
        "<h1>"
            + Reply.escape(title)
            + "</h1>\n<p id=\"message\">"
            + Reply.escape(message)
            + "</p>");
  }
}
