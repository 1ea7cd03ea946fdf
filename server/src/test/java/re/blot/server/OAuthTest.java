package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token endpoint, disposable clients and token info over raw HTTP (§2, §3). */
class OAuthTest extends ServerTestBase {
  private static final String INVALID_GRANT =
      "{\"error\":\"invalid_grant\",\"error_description\":\"\"}";

  @Test
  void disposableFlowFromCreateToRefreshedTokens() {
    Map<String, Object> client = createDisposable("Plant're");
    assertThat(client.keySet())
        .containsExactly("name", "blurb", "id", "secret", "code", "expires_in");
    assertThat((String) client.get("code")).matches("[A-Za-z0-9]{8}");
    assertThat((String) client.get("secret")).matches("[A-Za-z0-9]{48}");
    assertThat(client.get("expires_in")).isEqualTo(1200.0);

    Wire.Answer early = exchangeOneTimeCode(client);
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body()).isEqualTo(INVALID_GRANT);

    Wire.Answer redeemed =
        wire.json(
            "POST",
            "/_emulator/redeem",
            null,
            "{\"code\":\"" + client.get("code") + "\",\"user\":\"demo\"}");
    assertThat(redeemed.status()).isEqualTo(200);

    Wire.Answer creds = exchangeOneTimeCode(client);
    assertThat(creds.status()).isEqualTo(200);
    assertThat(creds.header("Cache-Control")).isEqualTo("no-cache, no-store, must-revalidate");
    assertThat(creds.header("Expires")).isEqualTo("0");
    assertThat(creds.map().keySet())
        .containsExactly("access_token", "token_type", "expires_in", "refresh_token", "user");
    assertThat(creds.map())
        .containsEntry("token_type", "bearer")
        .containsEntry("expires_in", 7200.0);
    assertThat(creds.map().get("user"))
        .isEqualTo(
            Map.of(
                "id",
                emulator.store().userByName("demo").orElseThrow().id(),
                "userName",
                "demo",
                "rootStream",
                rootId("demo")));
    assertThat(exchangeOneTimeCode(client).body()).isEqualTo(INVALID_GRANT);

    String oldAccess = creds.field("access_token");
    String oldRefresh = creds.field("refresh_token");
    Wire.Answer refreshed = refresh(client, oldRefresh);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.field("access_token")).isNotEqualTo(oldAccess);
    assertThat(refreshed.field("refresh_token")).isNotEqualTo(oldRefresh);
    Wire.Answer oldRefused = wire.get("/v0/oauth2/token_info?token=" + oldAccess);
    assertThat(oldRefused.status()).isEqualTo(404);
    assertThat(refresh(client, oldRefresh).body()).isEqualTo(INVALID_GRANT);
    Wire.Answer stale = wire.bare("PUT", "/v0/api/stream/" + rootId("demo") + "/tags/x", oldAccess);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.header("WWW-Authenticate")).isNull();
  }

  @Test
  void authorizationCodeFlowThroughTheConsentForm() {
    RegisteredClient app = emulator.registeredClient().orElseThrow();
    Wire.Answer page =
        wire.get(
            "/v0/oauth2/authorize?response_type=code&client_id="
                + app.clientId()
                + "&redirect_uri="
                + app.redirectUri()
                + "&state=xyz");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Allow", "Deny", "value=\"demo\"");

    Wire.Answer allowed =
        wire.send(
            wire.request("/v0/oauth2/authorize?state=xyz", null)
                .post(
                    new okhttp3.FormBody.Builder()
                        .add("response_type", "code")
                        .add("client_id", app.clientId())
                        .add("extra_data", app.redirectUri())
                        .add("action", "allow")
                        .add("user", "other")
                        .build()));
    assertThat(allowed.status()).isEqualTo(303);
    String location = allowed.header("Location");
    assertThat(location).startsWith(app.redirectUri() + "?code=").endsWith("&state=xyz");
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));

    Map<String, String> exchange =
        new HashMap<>(
            Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                app.clientId(),
                "client_secret",
                app.clientSecret(),
                "code",
                code,
                "redirect_uri",
                "http://elsewhere"));
    assertThat(wire.form("/v0/oauth2/access_token", exchange).body()).isEqualTo(INVALID_GRANT);
    exchange.put("redirect_uri", app.redirectUri());
    exchange.put("client_secret", "wrong");
    assertThat(wire.form("/v0/oauth2/access_token", exchange).body())
        .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"\"}");
    exchange.put("client_secret", app.clientSecret());
    Wire.Answer creds = wire.form("/v0/oauth2/access_token", exchange);
    assertThat(creds.status()).isEqualTo(200);
    assertThat(creds.body()).contains("\"userName\":\"other\"");
    assertThat(wire.form("/v0/oauth2/access_token", exchange).body()).isEqualTo(INVALID_GRANT);
  }

  @Test
  void consentDenyRedirectsWithTheError() {
    RegisteredClient app = emulator.registeredClient().orElseThrow();
    Wire.Answer denied =
        wire.form(
            "/v0/oauth2/authorize",
            Map.of(
                "response_type",
                "code",
                "client_id",
                app.clientId(),
                "extra_data",
                app.redirectUri(),
                "action",
                "deny",
                "user",
                "demo"));
    assertThat(denied.status()).isEqualTo(303);
    assertThat(denied.header("Location"))
        .isEqualTo(
            app.redirectUri()
                + "?error=access_denied&error_description=User+rejected+access+for+your+application&state=");
  }

  @Test
  void authorizePageRefusesUnknownAppsAndActions() {
    RegisteredClient app = emulator.registeredClient().orElseThrow();
    Wire.Answer wrongRedirect =
        wire.get(
            "/v0/oauth2/authorize?response_type=code&client_id="
                + app.clientId()
                + "&redirect_uri=http://evil");
    assertThat(wrongRedirect.status()).isEqualTo(404);
    assertThat(wrongRedirect.body())
        .contains("No matching application found. Please contact the application developer.");
    assertThat(
            wire.get("/v0/oauth2/authorize?response_type=token&client_id=" + app.clientId()).body())
        .contains("Unsupported action.");
    assertThat(wire.get("/v0/oauth2/authorize?client_id=" + app.clientId()).status())
        .isEqualTo(400);
    assertThat(
            wire.form(
                    "/v0/oauth2/authorize",
                    Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app.clientId(),
                        "extra_data",
                        app.redirectUri(),
                        "action",
                        "maybe",
                        "user",
                        "demo"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void tokenEndpointErrorsAndContentType() {
    assertThat(wire.form("/v0/oauth2/access_token", Map.of("grant_type", "password")).body())
        .isEqualTo(INVALID_GRANT);
    assertThat(
            wire.form(
                    "/v0/oauth2/access_token",
                    Map.of("client_id", "a", "client_secret", "b", "grant_type", "password"))
                .body())
        .isEqualTo("{\"error\":\"unsupported_grant_type\",\"error_description\":\"\"}");
    Map<String, Object> client = createDisposable("App");
    Map<String, String> wrongSecret =
        Map.of(
            "grant_type",
            ONE_TIME_GRANT,
            "client_id",
            (String) client.get("id"),
            "client_secret",
            "nope",
            "code",
            (String) client.get("code"));
    assertThat(wire.form("/v0/oauth2/access_token", wrongSecret).body())
        .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"\"}");
    assertThat(wire.typed("POST", "/v0/oauth2/access_token", "application/json", "{}").status())
        .isEqualTo(415);
  }

  @Test
  void oneTimeCodeExpiresAfterTwentyMinutes() {
    Map<String, Object> client = createDisposable("App");
    clock.advance(Duration.ofSeconds(1201));
    assertThat(emulator.store().clientForCode((String) client.get("code"))).isEmpty();
    assertThat(
            wire.json(
                    "POST",
                    "/_emulator/redeem",
                    null,
                    "{\"code\":\"" + client.get("code") + "\",\"user\":\"demo\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void refreshTokenOutlivesTheAccessTokenForFourteenDays() {
    Map<String, Object> client = createDisposable("App");
    emulator.redeem((String) client.get("code"), "demo");
    String refreshToken = exchangeOneTimeCode(client).field("refresh_token");
    clock.advance(Duration.ofDays(14));
    Wire.Answer info = wire.get("/v0/oauth2/token_info?token=" + refreshToken);
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.map()).containsEntry("expires_in", 0.0).containsEntry("user", null);
    assertThat(refresh(client, refreshToken).status()).isEqualTo(200);
  }

  @Test
  void tokenInfoDescribesALiveToken() {
    Map<String, Object> creds = login("demo");
    clock.advance(Duration.ofSeconds(100));
    Wire.Answer info = wire.get("/v0/oauth2/token_info?token=" + creds.get("access_token"));
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.map().keySet()).containsExactly("issued", "expires_in", "client_id", "user");
    assertThat(info.map()).containsEntry("expires_in", 7100.0);
    assertThat(wire.get("/v0/oauth2/token_info?token=nope").body())
        .isEqualTo(envelope("No such token."));
    assertThat(wire.get("/v0/oauth2/token_info").status()).isEqualTo(400);
  }

  @Test
  void disposableValidatesNameAndBlurb() {
    Wire.Answer shortName =
        wire.json("PUT", "/v0/oauth2/disposable", null, "{\"name\":\"ab\",\"blurb\":\"\"}");
    assertThat(shortName.status()).isEqualTo(400);
    assertThat(shortName.body())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request\","
                + "\"details\":{\"obj.name\":[{\"msg\":[\"Name is not valid.\"],\"args\":[]}]}}");
    assertThat(wire.json("PUT", "/v0/oauth2/disposable", null, "{\"name\":\"abc\"}").body())
        .contains("\"obj.blurb\":[{\"msg\":[\"error.path.missing\"]");
    assertThat(wire.typed("PUT", "/v0/oauth2/disposable", "text/plain", "{}").status())
        .isEqualTo(415);
  }
}
