package re.blot.server.pages;

import static re.blot.server.http.Route.BodyKind.ANY;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import re.blot.server.accounts.Passwords;
import re.blot.server.accounts.SignInThrottle;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.routes.Views;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * The pages a person uses: the stream pages, signing in and the account pages, and the redeem and
 * consent pages of both OAuth flows (§3.2, §2.2). The redeem and consent pages act for the
 * signed-in user; in the in-memory mode (tests, the demo) they offer a picker of users instead.
 */
public final class PageRoutes {
  static final String NO_MATCHING_APP =
      "No matching application found. Please contact the application developer.";
  static final String INVALID_CODE =
      "The code you entered is invalid or has expired. Please try again or try generating a new code.";

  private final Store store;
  private final Visitors visitors;
  private final Layout layout;
  private final Template redeem = Template.load("redeem.html");
  private final Template consent = Template.load("consent.html");

  private PageRoutes(Store store, Visitors visitors, Layout layout) {
    this.store = store;
    this.visitors = visitors;
    this.layout = layout;
  }

  /** How the pages sign people in. */
  public record Settings(
      Clock clock,
      Passwords passwords,
      SignInThrottle throttle,
      java.time.Duration sessionLifetime,
      boolean signUpOpen,
      String pickerToken) {}

  /**
   * @param settings {@code pickerToken} non-null: forms offer a picker of users and carry this
   *     token (in-memory mode); null: everyone signs in
   */
  public static List<Route> routes(Store store, Settings settings) {
    Visitors visitors = new Visitors(store, settings.sessionLifetime(), settings.pickerToken());
    Layout layout = new Layout(visitors);
    PageRoutes r = new PageRoutes(store, visitors, layout);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new Streams(store, visitors, layout, settings.clock()).routes());
    routes.addAll(
        new AccountRoutes(
                store,
                visitors,
                layout,
                settings.passwords(),
                settings.throttle(),
                settings.signUpOpen())
            .routes());
    routes.addAll(Assets.routes());
    routes.addAll(
        List.of(
            Route.of("GET", "/_emulator/streams.json", ANY, r::streams),
            Route.of("GET", "/v0/oauth2/redeem", ANY, r::redeemForm),
            Route.of("POST", "/v0/oauth2/redeem", ANY, r::redeemSubmit).withoutCsrfCheck(),
            Route.of(
                "GET",
                "/v0/oauth2/redeemSuccessful",
                ANY,
                c ->
                    layout.message(
                        c,
                        200,
                        "Way to go!",
                        "Way to go! The application now has access to your account. You can return to it.")),
            Route.of("GET", "/v0/oauth2/authorize", ANY, r::authorizeForm),
            Route.of("POST", "/v0/oauth2/authorize", ANY, r::authorizeSubmit).withoutCsrfCheck()));
    return routes;
  }

  private Reply streams(Call call) {
    return Reply.json(
        200,
        store.allStreams().stream()
            .sorted((a, b) -> a.uri().compareTo(b.uri()))
            .map(Views::stream)
            .toList());
  }

  /** The signed-in user, or in picker mode empty; otherwise a 302 to sign in and come back. */
  private Optional<UserRecord> actingUser(Call call) {
    return visitors.picker() ? visitors.user(call) : Optional.of(visitors.signedIn(call));
  }

  private Reply redeemForm(Call call) {
    Optional<UserRecord> user = actingUser(call);
    String error =
        "invalid".equals(call.query("error"))
            ? "<p id=\"error\" class=\"error\" role=\"alert\">"
                + Reply.escape(INVALID_CODE)
                + "</p>"
            : "";
    Map<String, String> values = new HashMap<>();
    values.put("errorHtml", error);
    Visitors.FormToken token = visitors.formToken(call);
    values.put("csrfFieldHtml", Layout.csrfField(token.value()));
    values.put("userHtml", userPart(user, null, "Redeem as user"));
    return layout.page(call, token, 200, "Redeem a code", redeem.render(values));
  }

  private Reply redeemSubmit(Call call) {
    Optional<UserRecord> user = actingUser(call);
    visitors.checkCsrf(call);
    String code = call.form("code") == null ? "" : call.form("code").trim();
    Optional<ClientRecord> client = store.clientForCode(code);
    if (client.isEmpty()) {
      return Reply.redirect(303, "/v0/oauth2/redeem?error=invalid");
    }
    if (client.get().userId() != null) {
      return layout.message(call, 404, "Not Found", NO_MATCHING_APP);
    }
    return consentPage(call, client.get(), "disposable", code, user, call.form("user"), "");
  }

  private Reply authorizeForm(Call call) {
    String responseType = call.query("response_type");
    String clientId = call.query("client_id");
    if (responseType == null || clientId == null) {
      return Reply.page(
          400,
          "Bad Request",
          "Missing parameter: " + (responseType == null ? "response_type" : "client_id"));
    }
    Optional<UserRecord> user = actingUser(call);
    if (!responseType.equals("code")) {
      return layout.message(call, 200, "Error", "Unsupported action.");
    }
    String redirectUri = call.query("redirect_uri") == null ? "" : call.query("redirect_uri");
    String state = call.query("state");
    return store
        .registeredClient(clientId, redirectUri)
        .map(
            client ->
                consentPage(
                    call,
                    client,
                    "code",
                    redirectUri,
                    user,
                    null,
                    state == null ? "" : "?state=" + encode(state)))
        .orElseGet(() -> layout.message(call, 404, "Not Found", NO_MATCHING_APP));
  }

  private Reply authorizeSubmit(Call call) {
    String responseType = call.form("response_type");
    String clientId = call.form("client_id");
    String extraData = call.form("extra_data");
    String action = call.form("action");
    if (isBlank(responseType)
        || isBlank(clientId)
        || isBlank(extraData)
        || !Set.of("allow", "deny").contains(action)) {
      return Reply.empty(400);
    }
    Optional<UserRecord> user;
    if (visitors.picker()) {
      // The contract's NOCSRF route, as the in-memory mode's tests and demo post it.
      user = store.userByName(call.form("user")).or(() -> visitors.user(call));
    } else {
      user = visitors.user(call);
      if (user.isPresent()) {
        // Signed-in consent grants access to an account, so it is checked like every other form.
        visitors.checkCsrf(call);
      }
    }
    if (user.isEmpty()) {
      return Reply.page(
          401,
          "Unauthorized",
          visitors.picker() ? "Pick one of the emulator's users." : "Sign in first.");
    }
    return switch (responseType) {
      case "code" -> codeDecision(clientId, extraData, action, user.get(), call.query("state"));
      case "disposable" -> disposableDecision(call, clientId, extraData, action, user.get());
      default -> Reply.empty(400);
    };
  }

  private Reply codeDecision(
      String clientId, String redirectUri, String action, UserRecord user, String state) {
    Optional<ClientRecord> client = store.registeredClient(clientId, redirectUri);
    if (client.isEmpty()) {
      return Reply.empty(404);
    }
    String query =
        action.equals("allow")
            ? "code=" + encode(store.issueAuthCode(client.get(), user, redirectUri))
            : "error=access_denied&error_description="
                + encode("User rejected access for your application");
    String separator = redirectUri.contains("?") ? "&" : "?";
    return Reply.redirect(
        303, redirectUri + separator + query + "&state=" + encode(state == null ? "" : state));
  }

  private Reply disposableDecision(
      Call call, String clientId, String code, String action, UserRecord user) {
    if (action.equals("deny")) {
      return layout.message(call, 200, "Denied", "Denied the application access to your account.");
    }
    boolean sameClient =
        store.clientForCode(code).filter(c -> c.id().equalsIgnoreCase(clientId)).isPresent();
    try {
      if (!sameClient) {
        throw new ApiFailure(404, NO_MATCHING_APP);
      }
      store.redeem(code, user);
      return Reply.redirect(303, "/v0/oauth2/redeemSuccessful");
    } catch (ApiFailure e) {
      return layout.message(call, 404, "Not Found", NO_MATCHING_APP);
    }
  }

  private Reply consentPage(
      Call call,
      ClientRecord client,
      String responseType,
      String extraData,
      Optional<UserRecord> user,
      String picked,
      String stateQuery) {
    Map<String, String> values = new HashMap<>();
    values.put("appName", client.name());
    values.put("appBlurb", client.blurb());
    values.put("stateQuery", stateQuery);
    values.put("responseType", responseType);
    values.put("clientId", client.id());
    values.put("extraData", extraData);
    Visitors.FormToken token = visitors.formToken(call);
    values.put("csrfFieldHtml", Layout.csrfField(token.value()));
    values.put("userHtml", userPart(user, picked, "Authorize as user"));
    return layout.page(call, token, 200, "Authorize " + client.name(), consent.render(values));
  }

  /** Who the form acts for: the signed-in user, or in picker mode a choice of users. */
  private String userPart(Optional<UserRecord> user, String picked, String label) {
    if (user.isPresent() && !visitors.picker()) {
      return "<p>Signed in as <strong id=\"acting-user\">"
          + Reply.escape(user.get().userName())
          + "</strong>.</p>";
    }
    String selected = picked != null ? picked : user.map(UserRecord::userName).orElse(null);
    return "<label for=\"user\">"
        + label
        + "</label><select id=\"user\" name=\"user\">"
        + store.users().stream()
            .map(
                u ->
                    "<option value=\""
                        + Reply.escape(u.userName())
                        + "\""
                        + (u.userName().equals(selected) ? " selected" : "")
                        + ">"
                        + Reply.escape(u.userName())
                        + "</option>")
            .collect(Collectors.joining())
        + "</select>";
  }

  private static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
