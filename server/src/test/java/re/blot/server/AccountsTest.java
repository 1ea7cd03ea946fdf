package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts over raw HTTP in the sign-in mode (issue 15): sessions, CSRF, throttling, the account
 * pages, and what a stranger can and cannot do with them. Runs on every storage.
 */
class AccountsTest extends ServerTestBase {
  private static final String DEMO_PASSWORD = "demo password";
  private static final Pattern SESSION_COOKIE = Pattern.compile("blotre_session=([^;]*)");

  @Override
  BlotreServer.Builder configure(BlotreServer.Builder builder) {
    // Proxy headers trusted: the tests play clients at several addresses, and https.
    return builder.userPicker(false).trustProxyHeaders(true);
  }

  @BeforeEach
  void passwords() {
    emulator.setPassword("demo", DEMO_PASSWORD);
    emulator.setPassword("other", "other password");
  }

  private Wire browser() {
    return Wire.withCookies(emulator.baseUrl());
  }

  private Wire signedIn(String name, String password) {
    Wire browser = browser();
    assertThat(browser.signIn(name, password).status()).isEqualTo(303);
    return browser;
  }

  /** A sign-in attempt from {@code address} (X-Forwarded-For), with a fresh form. */
  private Wire.Answer signInFrom(String address, String name, String password) {
    Wire browser = browser();
    String token = browser.csrfToken("/login");
    return browser.send(
        browser
            .request("/login", null)
            .header("X-Forwarded-For", address)
            .post(
                new FormBody.Builder()
                    .add("name", name)
                    .add("password", password)
                    .add("csrfToken", token)
                    .build()));
  }

  // ---- sessions

  @Test
  void signInGivesAnHttpOnlySameSiteSessionAndSignOutEndsIt() {
    Wire browser = browser();
    Wire.Answer before = browser.get("/account");
    assertThat(before.status()).isEqualTo(302);
    assertThat(before.header("Location")).isEqualTo("/login?redirect=%2Faccount");

    Wire.Answer signIn = browser.signIn("demo", DEMO_PASSWORD);
    assertThat(signIn.status()).isEqualTo(303);
    assertThat(signIn.header("Location")).isEqualTo("/");
    String cookie = signIn.header("Set-Cookie");
    assertThat(cookie)
        .startsWith("blotre_session=")
        .contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=1209600")
        .doesNotContain("Secure");
    assertThat(browser.get("/account").body()).contains("id=\"user-name\">demo<");

    Matcher token = SESSION_COOKIE.matcher(cookie);
    assertThat(token.find()).isTrue();
    Wire.Answer out = browser.form("/logout", Map.of("csrfToken", browser.csrfToken("/account")));
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Set-Cookie")).startsWith("blotre_session=;").contains("Max-Age=0");
    assertThat(browser.get("/account").status()).isEqualTo(302);
    assertThat(
            wire.send(
                    wire.request("/account", null)
                        .header("Cookie", "blotre_session=" + token.group(1)))
                .status())
        .as("the old session token is dead, not only the cookie")
        .isEqualTo(302);
    assertThat(emulator.store().sessionUser(token.group(1))).isEmpty();
  }

  @Test
  void cookiesAreSecureOverHttps() {
    Wire browser = browser();
    Wire.Answer login =
        browser.send(browser.request("/login", null).header("X-Forwarded-Proto", "https"));
    assertThat(login.header("Set-Cookie"))
        .startsWith("blotre_form=")
        .contains("; HttpOnly", "; SameSite=Strict", "; Secure");
  }

  @Test
  void aSessionExpires() {
    Wire browser = signedIn("demo", DEMO_PASSWORD);
    clock.advance(Duration.ofDays(14).minusMinutes(1));
    assertThat(browser.get("/account").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertThat(browser.get("/account").status()).isEqualTo(302);
  }

  @Test
  void aNewPasswordSignsOutEveryOtherSession() {
    Wire laptop = signedIn("demo", DEMO_PASSWORD);
    Wire phone = signedIn("demo", DEMO_PASSWORD);
    Wire.Answer changed =
        laptop.form(
            "/account/password",
            Map.of(
                "current",
                DEMO_PASSWORD,
                "password",
                "a new password",
                "password2",
                "a new password",
                "csrfToken",
                laptop.csrfToken("/account")));
    assertThat(changed.status()).isEqualTo(303);
    assertThat(laptop.get("/account").status()).isEqualTo(200);
    assertThat(phone.get("/account").status()).isEqualTo(302);
    assertThat(browser().signIn("demo", DEMO_PASSWORD).status()).isEqualTo(401);
    assertThat(browser().signIn("demo", "a new password").status()).isEqualTo(303);
  }

  @Test
  void signInGoesBackWhereItCameFromButNeverToAnotherSite() {
    Wire browser = browser();
    String token = browser.csrfToken("/login?redirect=%2Fv0%2Foauth2%2Fredeem");
    Map<String, String> fields = new HashMap<>();
    fields.put("name", "demo");
    fields.put("password", DEMO_PASSWORD);
    fields.put("csrfToken", token);
    fields.put("redirect", "/v0/oauth2/redeem");
    assertThat(browser.form("/login", fields).header("Location")).isEqualTo("/v0/oauth2/redeem");
    for (String evil :
        List.of(
            "//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example")) {
      Wire other = browser();
      fields.put("csrfToken", other.csrfToken("/login"));
      fields.put("redirect", evil);
      assertThat(other.form("/login", fields).header("Location")).as(evil).isEqualTo("/");
    }
  }

  // ---- the attacker's cases

  @Test
  void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
    Wire.Answer wrong = browser().signIn("demo", "not the password");
    Wire.Answer unknown = browser().signIn("nobody", "not the password");
    Wire.Answer noPassword = browser().signIn("demo", "");
    for (Wire.Answer answer : List.of(wrong, unknown, noPassword)) {
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body()).contains("Wrong user name or password.");
      assertThat(answer.header("Set-Cookie")).isNull();
    }
  }

  @Test
  void forgedCookiesAreStrangers() {
    Wire.Answer account =
        wire.send(
            wire.request("/account", null)
                .header("Cookie", "blotre_session=" + "A".repeat(48) + "; blotre_form=<script>"));
    assertThat(account.status()).isEqualTo(302);
    Wire.Answer login =
        wire.send(
            wire.request("/login", null)
                .header("Cookie", "blotre_session=%00%ff; blotre_form=" + "f".repeat(5000)));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Set-Cookie")).as("a fresh form token").startsWith("blotre_form=");
  }

  @Test
  void formsWithoutTheRightCsrfTokenAreRefused() {
    Wire stranger = browser();
    assertThat(stranger.form("/login", Map.of("name", "demo", "password", DEMO_PASSWORD)).status())
        .isEqualTo(403);
    assertThat(
            stranger
                .form(
                    "/login",
                    Map.of("name", "demo", "password", DEMO_PASSWORD, "csrfToken", "guess"))
                .status())
        .isEqualTo(403);
    // Another visitor's token does not fit this visitor's cookie.
    String othersToken = browser().csrfToken("/login");
    stranger.csrfToken("/login");
    assertThat(
            stranger
                .form(
                    "/login",
                    Map.of("name", "demo", "password", DEMO_PASSWORD, "csrfToken", othersToken))
                .status())
        .isEqualTo(403);

    Wire victim = signedIn("demo", DEMO_PASSWORD);
    String anonymousToken = browser().csrfToken("/login");
    Map<String, Object> client = createDisposable("Sneaky app");
    Map<String, String> consent = new HashMap<>();
    consent.put("response_type", "disposable");
    consent.put("client_id", (String) client.get("id"));
    consent.put("extra_data", (String) client.get("code"));
    consent.put("action", "allow");
    consent.put("csrfToken", anonymousToken);
    assertThat(victim.form("/v0/oauth2/authorize", consent).status()).isEqualTo(403);
    assertThat(
            victim
                .send(
                    victim
                        .request("/account/developer/client", null)
                        .header("X-Requested-With", "XMLHttpRequest")
                        .post(
                            new FormBody.Builder()
                                .add("name", "App")
                                .add("blurb", "An app")
                                .add("redirects", "https://app.example/cb")
                                .build()))
                .status())
        .as("no header lets a page form past its token")
        .isEqualTo(403);
    assertThat(victim.form("/logout", Map.of("csrfToken", anonymousToken)).status()).isEqualTo(403);
    assertThat(exchangeOneTimeCode(client).status()).isEqualTo(400);
    assertThat(victim.get("/account").status()).isEqualTo(200);
  }

  @Test
  void failedSignInsMakeTheAccountWaitThenLetItIn() {
    for (int i = 0; i < 5; i++) {
      assertThat(signInFrom("192.0.2." + i, "demo", "guess " + i).status()).isEqualTo(401);
    }
    Wire.Answer blocked = signInFrom("198.51.100.1", "demo", DEMO_PASSWORD);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.body()).contains("Too many failed sign-ins. Try again in 15 minute(s).");
    assertThat(signInFrom("198.51.100.1", "other", "other password").status())
        .as("other accounts are not held up")
        .isEqualTo(303);
    clock.advance(Duration.ofMinutes(15));
    assertThat(signInFrom("198.51.100.1", "demo", DEMO_PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void oneAddressTryingManyNamesIsHeldUpAndOthersAreNot() {
    for (int i = 0; i < 20; i++) {
      assertThat(signInFrom("203.0.113.9", "name" + i, "guess").status()).isEqualTo(401);
    }
    assertThat(signInFrom("203.0.113.9", "demo", DEMO_PASSWORD).status()).isEqualTo(429);
    assertThat(signInFrom("203.0.113.10", "demo", DEMO_PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void aFloodOfBadSignInsAndOversizedFormsLeavesTheServerUp() {
    for (int i = 0; i < 60; i++) {
      int status = signInFrom("10.0.0." + (i % 7), "demo", "x".repeat(i * 10)).status();
      assertThat(status).isIn(401, 429);
    }
    Wire browser = browser();
    String token = browser.csrfToken("/login");
    Wire.Answer huge =
        browser.send(
            browser
                .request("/login", null)
                .post(
                    RequestBody.create(
                        "csrfToken=" + token + "&name=demo&password=" + "a".repeat(100_000),
                        Wire.FORM)));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(browser.form("/signup", Map.of("name", "x".repeat(60_000))).status()).isIn(403, 404);
    assertThat(signInFrom("10.9.9.9", "other", "other password").status()).isEqualTo(303);
  }

  @Test
  void signUpIsClosedByDefault() {
    assertThat(wire.get("/signup").status()).isEqualTo(404);
    Wire browser = browser();
    String token = browser.csrfToken("/login");
    assertThat(
            browser
                .form(
                    "/signup",
                    Map.of(
                        "name", "mallory",
                        "password", "password1",
                        "password2", "password1",
                        "csrfToken", token))
                .status())
        .isEqualTo(404);
    assertThat(emulator.store().userByName("mallory")).isEmpty();
  }

  @Test
  void openSignUpMakesAccountsButNotByTheThousand() {
    try (BlotreServer open =
        BlotreServer.builder().userPicker(false).openSignUp(true).passwordCost(4).start()) {
      Wire browser = Wire.withCookies(open.baseUrl());
      Map<String, String> form = new HashMap<>();
      form.put("name", "New Person");
      form.put("password", "password one");
      form.put("password2", "password two");
      form.put("csrfToken", browser.csrfToken("/signup"));
      Wire.Answer differ = browser.form("/signup", form);
      assertThat(differ.status()).isEqualTo(422);
      assertThat(differ.body()).contains("The two passwords differ.");
      form.put("password2", "password one");
      Wire.Answer made = browser.form("/signup", form);
      assertThat(made.status()).isEqualTo(303);
      assertThat(made.header("Set-Cookie")).startsWith("blotre_session=");
      assertThat(browser.get("/account").body()).contains(">New Person<");
      assertThat(open.store().streamByUri("new+person")).isPresent();

      Wire again = Wire.withCookies(open.baseUrl());
      form.put("csrfToken", again.csrfToken("/signup"));
      Wire.Answer taken = again.form("/signup", form);
      assertThat(taken.status()).isEqualTo(409);
      assertThat(taken.body()).contains("User name is taken.");
      for (int i = 0; i < 17; i++) {
        form.put("name", "bot " + i);
        assertThat(again.form("/signup", form).status()).isEqualTo(303);
        again = Wire.withCookies(open.baseUrl());
        form.put("csrfToken", again.csrfToken("/signup"));
      }
      form.put("name", "bot 99");
      Wire.Answer held = again.form("/signup", form);
      assertThat(held.status()).isEqualTo(429);
      assertThat(open.store().userByName("bot 99")).isEmpty();
    }
  }

  // ---- redeem and consent need a signed-in user

  @Test
  void redeemAndConsentSendStrangersToSignIn() {
    Wire.Answer redeem = wire.get("/v0/oauth2/redeem");
    assertThat(redeem.status()).isEqualTo(302);
    assertThat(redeem.header("Location")).isEqualTo("/login?redirect=%2Fv0%2Foauth2%2Fredeem");
    Wire.Answer authorize =
        wire.get(
            "/v0/oauth2/authorize?response_type=code&client_id="
                + BlotreServer.DEFAULT_CLIENT_ID
                + "&redirect_uri=http://localhost/callback");
    assertThat(authorize.status()).isEqualTo(302);
    assertThat(authorize.header("Location"))
        .startsWith("/login?redirect=%2Fv0%2Foauth2%2Fauthorize%3Fresponse_type%3Dcode");
    Map<String, Object> client = createDisposable("App");
    assertThat(
            wire.form(
                    "/v0/oauth2/authorize",
                    Map.of(
                        "response_type", "disposable",
                        "client_id", (String) client.get("id"),
                        "extra_data", (String) client.get("code"),
                        "user", "demo",
                        "action", "allow"))
                .status())
        .as("the picker's user field means nothing here")
        .isEqualTo(401);
  }

  @Test
  void theSignedInUserRedeemsWhateverTheFormSays() {
    Wire browser = signedIn("demo", DEMO_PASSWORD);
    Map<String, Object> client = createDisposable("Plant");
    String page = browser.get("/v0/oauth2/redeem").body();
    assertThat(page).doesNotContain("<select").contains("id=\"acting-user\">demo<");
    String token = browser.csrfToken("/v0/oauth2/redeem");
    Wire.Answer consent =
        browser.form(
            "/v0/oauth2/redeem",
            Map.of("code", (String) client.get("code"), "user", "other", "csrfToken", token));
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.body()).contains("Plant").doesNotContain("<select");
    Wire.Answer allowed =
        browser.consent(client, "allow", Map.of("user", "other", "csrfToken", token));
    assertThat(allowed.status()).isEqualTo(303);
    assertThat(exchangeOneTimeCode(client).map().get("user").toString()).contains("userName=demo");
  }

  // ---- the account pages

  @Test
  void revokingAnAppOnTheAuthorizationsPageStopsItsToken() {
    Map<String, Object> app = login("demo");
    String access = (String) app.get("access_token");
    Wire browser = signedIn("demo", DEMO_PASSWORD);
    String page = browser.get("/account/authorizations").body();
    assertThat(page).contains("Test app");
    Matcher action =
        Pattern.compile("action=\"(/account/authorizations/\\w+/revoke)\"").matcher(page);
    assertThat(action.find()).isTrue();
    assertThat(signedIn("other", "other password").get("/account/authorizations").body())
        .contains("id=\"no-apps\"");

    Wire.Answer revoked =
        browser.form(action.group(1), Map.of("csrfToken", browser.csrfToken("/account")));
    assertThat(revoked.status()).isEqualTo(303);
    Wire.Answer refused =
        wire.json(
            "POST",
            "/v0/api/stream/" + rootId("demo") + "/status",
            access,
            "{\"color\":\"#123456\"}");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).isEqualTo(EXPIRED_CHALLENGE);
    assertThat(browser.get("/account/authorizations").body()).contains("id=\"no-apps\"");
  }

  @Test
  void theContractsDeleteRouteRevokesForTheSessionUserOnly() {
    Map<String, Object> app = login("demo");
    String clientId =
        (String)
            emulator.store().tokenInfo((String) app.get("access_token")).orElseThrow().clientId();
    assertThat(wire.delete("/account/authorizations/" + clientId, null).status()).isEqualTo(401);
    assertThat(
            signedIn("other", "other password")
                .delete("/account/authorizations/" + clientId, null)
                .status())
        .isEqualTo(404);
    assertThat(
            signedIn("demo", DEMO_PASSWORD)
                .delete("/account/authorizations/" + clientId, null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void aDeveloperRegistersAClientSeesItsSecretOnceAndUsesItInTheCodeFlow() {
    Wire dev = signedIn("demo", DEMO_PASSWORD);
    Wire.Answer bad =
        dev.form(
            "/account/developer/client",
            Map.of(
                "name", "Garden",
                "blurb", "Waters things",
                "redirects", "javascript:alert(1)",
                "csrfToken", dev.csrfToken("/account/developer")));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("Not an http(s) URL: javascript:alert(1)");

    Wire.Answer made =
        dev.form(
            "/account/developer/client",
            Map.of(
                "name", "Garden",
                "blurb", "Waters things",
                "redirects", "https://garden.example/cb\r\nhttp://localhost:8000/cb",
                "csrfToken", dev.csrfToken("/account/developer")));
    assertThat(made.status()).isEqualTo(200);
    String id = between(made.body(), "id=\"new-client-id\">", "<");
    String secret = between(made.body(), "id=\"new-client-secret\">", "<");
    assertThat(secret).hasSize(48);
    assertThat(made.header("Cache-Control")).isEqualTo("no-store");
    assertThat(dev.get("/account/developer").body()).contains(id).doesNotContain(secret);

    Wire.Answer consent =
        dev.get(
            "/v0/oauth2/authorize?response_type=code&client_id="
                + id
                + "&redirect_uri=http://localhost:8000/cb&state=s1");
    assertThat(consent.status()).isEqualTo(200);
    Wire.Answer allowed =
        dev.form(
            "/v0/oauth2/authorize?state=s1",
            Map.of(
                "response_type", "code",
                "client_id", id,
                "extra_data", "http://localhost:8000/cb",
                "csrfToken", dev.csrfToken("/account"),
                "action", "allow"));
    assertThat(allowed.status()).isEqualTo(303);
    String code = between(allowed.header("Location"), "code=", "&");
    Map<String, String> exchange = new HashMap<>();
    exchange.put("grant_type", "authorization_code");
    exchange.put("client_id", id);
    exchange.put("client_secret", secret);
    exchange.put("code", code);
    exchange.put("redirect_uri", "http://localhost:8000/cb");
    assertThat(wire.form("/v0/oauth2/access_token", exchange).status()).isEqualTo(200);

    Wire.Answer renewed =
        dev.form(
            "/account/developer/client/" + id + "/secret",
            Map.of("csrfToken", dev.csrfToken("/account")));
    String newSecret = between(renewed.body(), "id=\"new-client-secret\">", "<");
    assertThat(newSecret).isNotEqualTo(secret);
    Map<String, String> refresh = new HashMap<>();
    refresh.put("grant_type", "refresh_token");
    refresh.put("client_id", id);
    refresh.put("client_secret", secret);
    refresh.put("refresh_token", "whatever");
    assertThat(wire.form("/v0/oauth2/access_token", refresh).status()).isEqualTo(400);

    Wire stranger = signedIn("other", "other password");
    assertThat(
            stranger
                .form(
                    "/account/developer/client/" + id + "/delete",
                    Map.of("csrfToken", stranger.csrfToken("/account")))
                .status())
        .isEqualTo(404);
    assertThat(
            dev.form(
                    "/account/developer/client/" + id + "/delete",
                    Map.of("csrfToken", dev.csrfToken("/account")))
                .status())
        .isEqualTo(303);
    assertThat(
            dev.get(
                    "/v0/oauth2/authorize?response_type=code&client_id="
                        + id
                        + "&redirect_uri=http://localhost:8000/cb")
                .status())
        .isEqualTo(404);
  }

  // ---- stream pages

  @Test
  void streamPagesAreReadableWithoutSigningIn() {
    String token = tokenFor("demo");
    String id =
        wire.json(
                "PUT",
                "/v0/api/stream",
                token,
                "{\"name\":\"Basil\",\"uri\":\"demo/basil\",\"status\":{\"color\":\"#00ff00\"},"
                    + "\"tags\":[{\"tag\":\"herbs\"}]}")
            .field("id");
    clock.advance(Duration.ofHours(2));
    wire.json("POST", "/v0/api/stream/" + id + "/status", token, "{\"color\":\"#ff0000\"}");

    String home = wire.get("/").body();
    assertThat(home).contains("data-uri=\"demo/basil\"", "#ff0000");
    Wire.Answer page = wire.get("/s/demo/basil");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "id=\"band-last-day\"",
            "id=\"band-last-week\"",
            "id=\"band-last-30-days\"",
            "Last day: 2 change(s), from #00ff00 to #ff0000",
            "href=\"/t/herbs\"",
            "<meta name=\"viewport\"");
    assertThat(wire.get("/s/demo").body()).contains("data-collection=\"demo\"", "demo/basil");
    assertThat(wire.get("/t/herbs").body()).contains("data-collection=\"#herbs\"", "demo/basil");
    assertThat(wire.get("/s/nobody/here").status()).isEqualTo(404);
    assertThat(wire.get("/t/%3Cscript%3E").status()).isEqualTo(404);

    Wire mine = signedIn("other", "other password");
    assertThat(mine.get("/").body())
        .contains("Your streams", "data-uri=\"other\"")
        .doesNotContain("demo/basil");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("%s in %s", start, text).isNotNegative();
    from += start.length();
    int to = text.indexOf(end, from);
    return text.substring(from, to < 0 ? text.length() : to);
  }
}
