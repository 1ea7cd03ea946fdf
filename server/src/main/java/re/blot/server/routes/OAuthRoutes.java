package re.blot.server.routes;

import static re.blot.server.http.Route.BodyKind.ANY;
import static re.blot.server.http.Route.BodyKind.FORM;
import static re.blot.server.http.Route.BodyKind.JSON;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.ReplyException;
import re.blot.server.http.Route;
import re.blot.server.store.DisposableClient;
import re.blot.server.store.Store;
import re.blot.server.store.TokenError;
import re.blot.server.store.TokenGrant;

/**
 * The OAuth2 endpoints an app calls (§2.2, §3.1, §3.3): token, disposable clients, token info,
 * revoke.
 */
public final class OAuthRoutes {
  /** The grant type of the disposable-client exchange. */
  public static final String ONE_TIME_GRANT = "https://oauth2grant.blot.re/onetime_code";

  private final Store store;

  private OAuthRoutes(Store store) {
    this.store = store;
  }

  public static List<Route> routes(Store store) {
    OAuthRoutes r = new OAuthRoutes(store);
    return List.of(
        Route.of("POST", "/v0/oauth2/access_token", FORM, r::accessToken).withoutCsrfCheck(),
        Route.of("PUT", "/v0/oauth2/disposable", JSON, r::disposable),
        Route.of("GET", "/v0/oauth2/token_info", ANY, r::tokenInfo),
        Route.of("POST", "/v0/oauth2/revoke", ANY, r::revoke));
  }

  private Reply accessToken(Call call) {
    String clientId = call.form("client_id");
    String secret = call.form("client_secret");
    try {
      if (clientId == null || secret == null) {
        throw new TokenError("invalid_grant");
      }
      String grantType = Objects.requireNonNullElse(call.form("grant_type"), "");
      String code = Objects.requireNonNullElse(call.form("code"), "");
      TokenGrant grant =
          switch (grantType) {
            case "authorization_code" ->
                store.exchangeAuthCode(
                    clientId,
                    secret,
                    code,
                    Objects.requireNonNullElse(call.form("redirect_uri"), ""));
            case "refresh_token" ->
                store.exchangeRefreshToken(
                    clientId, secret, Objects.requireNonNullElse(call.form("refresh_token"), ""));
            case ONE_TIME_GRANT -> store.exchangeOneTimeCode(clientId, secret, code);
            default -> throw new TokenError("unsupported_grant_type");
          };
      return Reply.json(200, Views.tokenResponse(grant)).noCache();
    } catch (TokenError e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", e.code());
      error.put("error_description", "");
      return Reply.json(400, error).noCache();
    }
  }

  private Reply disposable(Call call) {
    Object body = call.json().orElse(null);
    BodyCheck check = new BodyCheck();
    String name = check.string(body, "obj", "name");
    String blurb = check.string(body, "obj", "blurb");
    if (name != null && (name.length() < 3 || name.length() >= 255)) {
      check.fail("obj.name", "Name is not valid.");
    }
    check.orFail(400, "Could not process request");
    DisposableClient created = store.createDisposableClient(name, blurb);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", created.client().name());
    json.put("blurb", created.client().blurb());
    json.put("id", created.client().id());
    json.put("secret", created.secret());
    json.put("code", created.code());
    json.put("expires_in", created.expiresIn());
    return Reply.json(200, json).noCache();
  }

  private Reply tokenInfo(Call call) {
    return store
        .tokenInfo(requiredToken(call))
        .map(
            info -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("issued", info.issued());
              json.put("expires_in", info.expiresIn());
              json.put("client_id", info.clientId());
              json.put("user", Views.user(info.user()));
              return Reply.json(200, json);
            })
        .orElseGet(OAuthRoutes::noSuchToken)
        .noCache();
  }

  private Reply revoke(Call call) {
    return (store.revoke(requiredToken(call)) ? Reply.text(200, "") : noSuchToken()).noCache();
  }

  private static String requiredToken(Call call) {
    String token = call.query("token");
    if (token == null) {
      throw new ReplyException(Reply.page(400, "Bad Request", "Missing parameter: token"));
    }
    return token;
  }

  private static Reply noSuchToken() {
    return Reply.error(404, "No such token.", null);
  }
}
