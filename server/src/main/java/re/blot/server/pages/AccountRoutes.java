package re.blot.server.pages;

import static re.blot.server.http.Route.BodyKind.ANY;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.accounts.Passwords;
import re.blot.server.accounts.SignInThrottle;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Authorization;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.NewClientSecret;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * Signing in and out, signing up (when open), and the account pages of the original server: the
 * apps that hold my tokens (with revoke) and the OAuth clients I registered as a developer.
 */
final class AccountRoutes {
  private static final Logger log = LoggerFactory.getLogger(AccountRoutes.class);
  static final String WRONG_PASSWORD = "Wrong user name or password.";

  private final Store store;
  private final Visitors visitors;
  private final Layout layout;
  private final Passwords passwords;
  private final SignInThrottle throttle;
  private final boolean signUpOpen;

  AccountRoutes(
      Store store,
      Visitors visitors,
      Layout layout,
      Passwords passwords,
      SignInThrottle throttle,
      boolean signUpOpen) {
    this.store = store;
    this.visitors = visitors;
    this.layout = layout;
    this.passwords = passwords;
    this.throttle = throttle;
    this.signUpOpen = signUpOpen;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/login", ANY, c -> loginForm(c, 200, "", c.query("redirect"))),
        Route.of("POST", "/login", ANY, this::login).withoutCsrfCheck(),
        Route.of("POST", "/logout", ANY, this::logout).withoutCsrfCheck(),
        Route.of("GET", "/signup", ANY, c -> signUpForm(c, 200, "")),
        Route.of("POST", "/signup", ANY, this::signUp).withoutCsrfCheck(),
        Route.of("GET", "/account", ANY, c -> account(c, "")),
        Route.of("POST", "/account/password", ANY, this::changePassword).withoutCsrfCheck(),
        Route.of("GET", "/account/authorizations", ANY, this::authorizations),
        Route.of("POST", "/account/authorizations/{clientId}/revoke", ANY, this::revokeForm)
            .withoutCsrfCheck(),
        // The original's route (contract §2.2): a script on the page may call it; 200 or 404.
        Route.of("DELETE", "/account/authorizations/{clientId}", ANY, this::revokeCall),
        Route.of("GET", "/account/developer", ANY, c -> developer(c, 200, "")),
        Route.of("POST", "/account/developer/client", ANY, this::register).withoutCsrfCheck(),
        Route.of("POST", "/account/developer/client/{id}/secret", ANY, this::regenerate)
            .withoutCsrfCheck(),
        Route.of("POST", "/account/developer/client/{id}/delete", ANY, this::deleteClient)
            .withoutCsrfCheck());
  }

  // ---- signing in and out

  private Reply loginForm(Call call, int status, String error, String redirect) {
    Visitors.FormToken token = visitors.formToken(call);
    String html =
        "<h1>Sign in</h1>\n"
            + error(error)
            + "<form id=\"login-form\" method=\"post\" action=\"/login\" class=\"stack\">"
            + Layout.csrfField(token.value())
            + hidden("redirect", Visitors.localPath(redirect))
            + "<label for=\"name\">User name</label>"
            + "<input id=\"name\" name=\"name\" autocomplete=\"username\" required"
            + " maxlength=\"64\" autocapitalize=\"none\" autofocus>"
            + "<label for=\"password\">Password</label>"
            + "<input id=\"password\" name=\"password\" type=\"password\""
            + " autocomplete=\"current-password\" required maxlength=\""
            + Passwords.MAX_LENGTH
            + "\">"
            + "<p><button id=\"sign-in\" type=\"submit\">Sign in</button></p></form>\n"
            + (signUpOpen
                ? "<p>No account yet? <a href=\"/signup\">Sign up</a>.</p>"
                : "<p>Accounts are made by the server's administrator"
                    + " (<code>blotre-server user add NAME</code>).</p>");
    return layout.page(call, token, status, "Sign in", html);
  }

  private Reply login(Call call) {
    visitors.checkCsrf(call);
    String name = field(call, "name");
    char[] password = field(call, "password").toCharArray();
    String address = call.remoteAddress();
    String redirect = call.form("redirect");
    Optional<Duration> wait = throttle.waitFor(name, address);
    if (wait.isPresent()) {
      long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
      return loginForm(
          call, 429, "Too many failed sign-ins. Try again in " + minutes + " minute(s).", redirect);
    }
    Optional<UserRecord> user = store.userByName(name);
    boolean ok = passwords.matches(password, user.flatMap(store::passwordHash));
    Arrays.fill(password, '\0');
    if (!ok) {
      if (throttle.failed(name, address)) {
        log.warn(
            "Sign-ins for \"{}\" or from {} are paused for {} minutes after repeated failures",
            printable(name),
            address,
            SignInThrottle.WINDOW.toMinutes());
      }
      return loginForm(call, 401, WRONG_PASSWORD, redirect);
    }
    throttle.succeeded(name);
    log.info("{} signed in from {}", user.get().userName(), address);
    return Reply.redirect(303, Visitors.localPath(redirect))
        .withHeader("Set-Cookie", visitors.signIn(call, user.get()));
  }

  private Reply logout(Call call) {
    visitors.checkCsrf(call);
    return Reply.redirect(303, "/").withHeader("Set-Cookie", visitors.signOut(call));
  }

  private Reply signUpForm(Call call, int status, String error) {
    if (!signUpOpen) {
      return layout.message(
          call, 404, "Sign-up is closed", "Ask the server's administrator for an account.");
    }
    Visitors.FormToken token = visitors.formToken(call);
    String html =
        "<h1>Sign up</h1>\n"
            + error(error)
            + "<form id=\"signup-form\" method=\"post\" action=\"/signup\" class=\"stack\">"
            + Layout.csrfField(token.value())
            + "<label for=\"name\">User name (3 to 64 letters, digits, spaces, _ - $)</label>"
            + "<input id=\"name\" name=\"name\" autocomplete=\"username\" required"
            + " minlength=\"3\" maxlength=\"64\" autocapitalize=\"none\">"
            + newPasswordFields()
            + "<p><button id=\"sign-up\" type=\"submit\">Sign up</button></p></form>";
    return layout.page(call, token, status, "Sign up", html);
  }

  private Reply signUp(Call call) {
    if (!signUpOpen) {
      return signUpForm(call, 404, "");
    }
    visitors.checkCsrf(call);
    if (throttle.waitFor(null, call.remoteAddress()).isPresent()) {
      return signUpForm(call, 429, "Too many sign-ups from your address; try again later.");
    }
    throttle.failed(null, call.remoteAddress());
    Optional<String> problem = newPasswordProblem(call);
    if (problem.isPresent()) {
      return signUpForm(call, 422, problem.get());
    }
    try {
      UserRecord user =
          store.createUser(
              field(call, "name"), passwords.hash(field(call, "password").toCharArray()));
      log.info("{} signed up from {}", user.userName(), call.remoteAddress());
      return Reply.redirect(303, "/").withHeader("Set-Cookie", visitors.signIn(call, user));
    } catch (ApiFailure e) {
      return signUpForm(call, e.status(), e.getMessage());
    }
  }

  private static String newPasswordFields() {
    return "<label for=\"password\">New password (at least "
        + Passwords.MIN_LENGTH
        + " characters)</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\""
        + " required minlength=\""
        + Passwords.MIN_LENGTH
        + "\" maxlength=\""
        + Passwords.MAX_LENGTH
        + "\">"
        + "<label for=\"password2\">The new password again</label>"
        + "<input id=\"password2\" name=\"password2\" type=\"password\""
        + " autocomplete=\"new-password\" required>";
  }

  private static Optional<String> newPasswordProblem(Call call) {
    String password = field(call, "password");
    if (!password.equals(field(call, "password2"))) {
      return Optional.of("The two passwords differ.");
    }
    return Passwords.problem(password.toCharArray());
  }

  // ---- the account

  private Reply account(Call call, String notice) {
    UserRecord user = visitors.signedIn(call);
    Visitors.FormToken token = visitors.formToken(call);
    String html =
        "<h1>Your account</h1>\n"
            + notice
            + "<p>Signed in as <strong id=\"user-name\">"
            + Reply.escape(user.userName())
            + "</strong>. Your streams live under <a href=\"/s/"
            + Reply.escape(Streams.uriOf(store, user))
            + "\">"
            + Reply.escape(Streams.uriOf(store, user))
            + "</a>.</p>\n<ul class=\"links\">"
            + "<li><a href=\"/account/authorizations\">Apps with access to your account</a></li>"
            + "<li><a href=\"/account/developer\">Your applications (developer)</a></li></ul>\n"
            + "<h2>Change your password</h2>"
            + "<form id=\"password-form\" method=\"post\" action=\"/account/password\""
            + " class=\"stack\">"
            + Layout.csrfField(token.value())
            + "<label for=\"current\">Current password</label>"
            + "<input id=\"current\" name=\"current\" type=\"password\""
            + " autocomplete=\"current-password\" required>"
            + newPasswordFields()
            + "<p><button type=\"submit\">Change password</button></p></form>";
    return layout.page(call, token, 200, "Your account", html);
  }

  private Reply changePassword(Call call) {
    UserRecord user = visitors.signedIn(call);
    visitors.checkCsrf(call);
    String address = call.remoteAddress();
    if (throttle.waitFor(user.userName(), address).isPresent()) {
      return account(call, error("Too many failed attempts; try again later."));
    }
    if (!passwords.matches(field(call, "current").toCharArray(), store.passwordHash(user))) {
      throttle.failed(user.userName(), address);
      return account(call, error("The current password is wrong."));
    }
    Optional<String> problem = newPasswordProblem(call);
    if (problem.isPresent()) {
      return account(call, error(problem.get()));
    }
    store.setPassword(user.userName(), passwords.hash(field(call, "password").toCharArray()));
    log.info("{} changed their password; their other sessions are closed", user.userName());
    return Reply.redirect(303, "/").withHeader("Set-Cookie", visitors.signIn(call, user));
  }

  // ---- apps with access

  private Reply authorizations(Call call) {
    UserRecord user = visitors.signedIn(call);
    Visitors.FormToken token = visitors.formToken(call);
    List<Authorization> apps = store.authorizations(user);
    String rows =
        apps.stream()
            .map(
                a ->
                    appItem(a.client())
                        + "<br><span class=\"muted\">since "
                        + Instant.ofEpochMilli(a.since())
                        + "</span>"
                        + "<form method=\"post\" action=\"/account/authorizations/"
                        + a.client().id()
                        + "/revoke\" class=\"inline\">"
                        + Layout.csrfField(token.value())
                        + "<button type=\"submit\" class=\"danger\" aria-label=\"Revoke "
                        + Reply.escape(a.client().name())
                        + "\">Revoke</button></form></li>")
            .collect(Collectors.joining("\n"));
    String html =
        "<h1>Apps with access to your account</h1>\n"
            + (apps.isEmpty()
                ? "<p id=\"no-apps\">No app holds a token for your account.</p>"
                : "<p>Each of these can read and change your streams until you revoke it.</p>"
                    + "<ul class=\"apps\" id=\"apps\">"
                    + rows
                    + "</ul>");
    return layout.page(call, token, 200, "Apps with access", html);
  }

  private Reply revokeForm(Call call) {
    UserRecord user = visitors.signedIn(call);
    visitors.checkCsrf(call);
    if (store.revokeAuthorization(user, call.param(0))) {
      log.info("{} revoked the access of app {}", user.userName(), call.param(0));
    }
    return Reply.redirect(303, "/account/authorizations");
  }

  private Reply revokeCall(Call call) {
    Optional<UserRecord> user = visitors.user(call);
    if (user.isEmpty()) {
      return Reply.page(401, "Unauthorized", "Sign in first.");
    }
    return store.revokeAuthorization(user.get(), call.param(0))
        ? Reply.text(200, "")
        : Reply.page(404, "Not Found", "No such authorization.");
  }

  // ---- developer clients

  private Reply developer(Call call, int status, String notice) {
    UserRecord user = visitors.signedIn(call);
    Visitors.FormToken token = visitors.formToken(call);
    List<ClientRecord> clients = store.developerClients(user);
    String list =
        clients.stream()
            .map(
                c ->
                    appItem(c)
                        + "<br>client_id <code class=\"client-id\">"
                        + c.id()
                        + "</code><br>redirects: "
                        + c.redirectUris().stream()
                            .map(r -> "<code>" + Reply.escape(r) + "</code>")
                            .collect(Collectors.joining(", "))
                        + "<br><form method=\"post\" action=\"/account/developer/client/"
                        + c.id()
                        + "/secret\" class=\"inline\">"
                        + Layout.csrfField(token.value())
                        + "<button type=\"submit\">New secret</button></form> "
                        + "<form method=\"post\" action=\"/account/developer/client/"
                        + c.id()
                        + "/delete\" class=\"inline\">"
                        + Layout.csrfField(token.value())
                        + "<button type=\"submit\" class=\"danger\">Delete</button></form></li>")
            .collect(Collectors.joining("\n"));
    String html =
        "<h1>Your applications</h1>\n"
            + notice
            + (clients.isEmpty()
                ? "<p>You have not registered an application.</p>"
                : "<ul class=\"apps\" id=\"clients\">" + list + "</ul>")
            + "\n<h2>Register an application</h2>"
            + "<p>For the authorization-code flow: people are sent to "
            + "<code>/v0/oauth2/authorize?response_type=code&amp;client_id=...&amp;redirect_uri=...</code>"
            + " and come back to one of your redirect URLs with a code.</p>"
            + "<form id=\"register-form\" method=\"post\" action=\"/account/developer/client\""
            + " class=\"stack\">"
            + Layout.csrfField(token.value())
            + "<label for=\"app-name\">Name</label>"
            + "<input id=\"app-name\" name=\"name\" required minlength=\"3\" maxlength=\"255\">"
            + "<label for=\"app-blurb\">Description</label>"
            + "<input id=\"app-blurb\" name=\"blurb\" required minlength=\"3\" maxlength=\"255\">"
            + "<label for=\"app-redirects\">Redirect URLs, one per line (up to 10)</label>"
            + "<textarea id=\"app-redirects\" name=\"redirects\" rows=\"3\" required></textarea>"
            + "<p><button id=\"register\" type=\"submit\">Register</button></p></form>";
    return layout.page(call, token, status, "Your applications", html);
  }

  private Reply register(Call call) {
    return developerForm(
        call,
        user -> {
          NewClientSecret made =
              store.registerClient(
                  user,
                  field(call, "name"),
                  field(call, "blurb"),
                  List.of(field(call, "redirects").split("\\R")));
          log.info("{} registered the app {}", user.userName(), made.client().id());
          return developer(call, 200, secretNotice(made));
        });
  }

  private Reply regenerate(Call call) {
    return developerForm(
        call,
        user -> developer(call, 200, secretNotice(store.regenerateSecret(user, call.param(0)))));
  }

  private Reply deleteClient(Call call) {
    return developerForm(
        call,
        user -> {
          store.deleteClient(user, call.param(0));
          return Reply.redirect(303, "/account/developer");
        });
  }

  /** A developer page's form: signed in, checked, and a refusal shown on the page. */
  private Reply developerForm(Call call, Function<UserRecord, Reply> action) {
    UserRecord user = visitors.signedIn(call);
    visitors.checkCsrf(call);
    try {
      return action.apply(user);
    } catch (ApiFailure e) {
      return developer(call, e.status(), error(e.getMessage()));
    }
  }

  /** The start of an app's list item: its name and description (closed by the caller). */
  private static String appItem(ClientRecord client) {
    return "<li class=\"app\" data-client=\""
        + client.id()
        + "\"><strong>"
        + Reply.escape(client.name())
        + "</strong> <span class=\"muted\">"
        + Reply.escape(client.blurb())
        + "</span>";
  }

  /** The one time a secret is shown. */
  private static String secretNotice(NewClientSecret made) {
    return "<div class=\"notice\" id=\"new-secret\" role=\"status\"><p><strong>"
        + Reply.escape(made.client().name())
        + "</strong>: client_id <code id=\"new-client-id\">"
        + made.client().id()
        + "</code>, client_secret <code id=\"new-client-secret\">"
        + made.secret()
        + "</code></p><p>Copy the secret now: it is shown only this once.</p></div>";
  }

  // ---- bits

  /** A name a stranger typed, safe for one log line. */
  private static String printable(String name) {
    String shown = name.replaceAll("[^ -~]", "?");
    return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
  }

  private static String field(Call call, String name) {
    String value = call.form(name);
    return value == null ? "" : value;
  }

  private static String error(String message) {
    return message.isEmpty()
        ? ""
        : "<p id=\"error\" class=\"error\" role=\"alert\">" + Reply.escape(message) + "</p>\n";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Reply.escape(value) + "\">";
  }
}
