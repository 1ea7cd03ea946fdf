package re.blot.server.pages;

import static re.blot.server.http.Route.BodyKind.ANY;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.routes.Views;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * The pages a person uses (§3.2, §2.2): the live color page, the redeem form, and the consent page
 * of both flows. There is no login: each form has a picker of the emulator's users.
 */
public final class PageRoutes {
  static final String NO_MATCHING_APP =
      "No matching application found. Please contact the application developer.";
  static final String INVALID_CODE =
      "The code you entered is invalid or has expired. Please try again or try generating a new code.";

  private final Store store;
  private final String csrfToken;
  private final Template index = Template.load("index.html");
  private final Template redeem = Template.load("redeem.html");
  private final Template consent = Template.load("consent.html");

  private PageRoutes(Store store, String csrfToken) {
    this.store = store;
    this.csrfToken = csrfToken;
  }

  public static List<Route> routes(Store store, String csrfToken) {
    PageRoutes r = new PageRoutes(store, csrfToken);
    return List.of(
        Route.of("GET", "/", ANY, c -> Reply.html(200, r.index.render(Map.of()))),
        Route.of("GET", "/_emulator/streams.json", ANY, r::streams),
        Route.of("GET", "/v0/oauth2/redeem", ANY, r::redeemForm),
        Route.of("POST", "/v0/oauth2/redeem", ANY, r::redeemSubmit),
        Route.of(
            "GET",
            "/v0/oauth2/redeemSuccessful",
            ANY,
            c ->
                Reply.page(
                    200,
                    "Way to go!",
                    "Way to go! The application now has access to your account. You can return to it.")),
        Route.of("GET", "/v0/oauth2/authorize", ANY, r::authorizeForm),
        Route.of("POST", "/v0/oauth2/authorize", ANY, r::authorizeSubmit).withoutCsrfCheck());
  }

  private Reply streams(Call call) {
    return Reply.json(
        200,
        store.allStreams().stream()
            .sorted((a, b) -> a.uri().compareTo(b.uri()))
            .map(Views::stream)
            .toList());
  }

  private Reply redeemForm(Call call) {
    String error =
        "invalid".equals(call.query("error"))
            ? "<p id=\"error\" class=\"error\">" + Reply.escape(INVALID_CODE) + "</p>"
            : "";
    return Reply.html(
        200,
        redeem.render(
            Map.of(
                "errorHtml", error, "csrfToken", csrfToken, "userOptionsHtml", userOptions(null))));
  }

  private Reply redeemSubmit(Call call) {
    String code = call.form("code") == null ? "" : call.form("code").trim();
    Optional<ClientRecord> client = store.clientForCode(code);
    if (client.isEmpty()) {
      return Reply.redirect(303, "/v0/oauth2/redeem?error=invalid");
    }
    if (client.get().userId() != null) {
      return Reply.page(404, "Not Found", NO_MATCHING_APP);
    }
    return consentPage(client.get(), "disposable", code, call.form("user"), "");
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
    if (!responseType.equals("code")) {
      return Reply.page(200, "Error", "Unsupported action.");
    }
    String redirectUri = call.query("redirect_uri") == null ? "" : call.query("redirect_uri");
    String state = call.query("state");
    return store
        .registeredClient(clientId, redirectUri)
        .map(
            client ->
                consentPage(
                    client,
                    "code",
                    redirectUri,
                    null,
                    state == null ? "" : "?state=" + encode(state)))
        .orElseGet(() -> Reply.page(404, "Not Found", NO_MATCHING_APP));
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
    Optional<UserRecord> user = store.userByName(call.form("user"));
    if (user.isEmpty()) {
      return Reply.page(401, "Unauthorized", "Pick one of the emulator's users.");
    }
    return switch (responseType) {
      case "code" -> codeDecision(clientId, extraData, action, user.get(), call.query("state"));
      case "disposable" -> disposableDecision(clientId, extraData, action, user.get());
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

  private Reply disposableDecision(String clientId, String code, String action, UserRecord user) {
    if (action.equals("deny")) {
      return Reply.page(200, "Denied", "Denied the application access to your account.");
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
      return Reply.page(404, "Not Found", NO_MATCHING_APP);
    }
  }

  private Reply consentPage(
      ClientRecord client, String responseType, String extraData, String user, String stateQuery) {
    Map<String, String> values = new HashMap<>();
    values.put("appName", client.name());
    values.put("appBlurb", client.blurb());
    values.put("stateQuery", stateQuery);
    values.put("responseType", responseType);
    values.put("clientId", client.id());
    values.put("extraData", extraData);
    values.put("userOptionsHtml", userOptions(user));
    return Reply.html(200, consent.render(values));
  }

  private String userOptions(String selected) {
    return store.users().stream()
        .map(
            u ->
                "<option value=\""
                    + Reply.escape(u.userName())
                    + "\""
                    + (u.userName().equals(selected) ? " selected" : "")
                    + ">"
                    + Reply.escape(u.userName())
                    + "</option>")
        .collect(Collectors.joining());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
