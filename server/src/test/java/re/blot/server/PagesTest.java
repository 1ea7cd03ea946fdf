package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The redeem and consent pages over raw HTTP (§3.2): what the forms post and what each answer is.
 */
class PagesTest extends ServerTestBase {

  private String csrfToken() {
    Wire.Answer page = wire.get("/v0/oauth2/redeem");
    assertThat(page.body())
        .contains(
            "Please enter the case sensitive, eight letter authorization code provided by your application.");
    Matcher m = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private Wire.Answer consent(Map<String, Object> client, String action) {
    return wire.consent(client, action, Map.of("user", "demo"));
  }

  @Test
  void redeemFormNeedsItsCsrfTokenAndShowsTheConsentPage() {
    Map<String, Object> client = createDisposable("Page app");
    assertThat(wire.form("/v0/oauth2/redeem", Map.of("code", (String) client.get("code"))).status())
        .isEqualTo(403);
    Wire.Answer consent =
        wire.form(
            "/v0/oauth2/redeem",
            Map.of("code", (String) client.get("code"), "user", "other", "csrfToken", csrfToken()));
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.body())
        .contains(
            "Page app",
            "name=\"response_type\" value=\"disposable\"",
            "name=\"extra_data\" value=\"" + client.get("code") + "\"",
            "<option value=\"other\" selected>");
  }

  @Test
  void unknownCodeGoesBackToTheFormWithTheError() {
    Wire.Answer answer =
        wire.form("/v0/oauth2/redeem", Map.of("code", "nope", "csrfToken", csrfToken()));
    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.header("Location")).isEqualTo("/v0/oauth2/redeem?error=invalid");
    assertThat(wire.get(answer.header("Location")).body())
        .contains(
            "The code you entered is invalid or has expired. Please try again or try generating a new code.");
  }

  @Test
  void denyChangesNothingAndAllowBindsTheClientOnce() {
    Map<String, Object> client = createDisposable("Page app");
    Wire.Answer denied = consent(client, "deny");
    assertThat(denied.status()).isEqualTo(200);
    assertThat(denied.body()).contains("Denied the application access to your account.");
    assertThat(exchangeOneTimeCode(client).status()).isEqualTo(400);

    Wire.Answer allowed = consent(client, "allow");
    assertThat(allowed.status()).isEqualTo(303);
    assertThat(allowed.header("Location")).isEqualTo("/v0/oauth2/redeemSuccessful");
    assertThat(wire.get("/v0/oauth2/redeemSuccessful").body()).contains("Way to go!");

    assertThat(consent(client, "allow").status()).isEqualTo(404);
    Wire.Answer again =
        wire.form(
            "/v0/oauth2/redeem",
            Map.of("code", (String) client.get("code"), "csrfToken", csrfToken()));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body())
        .contains("No matching application found. Please contact the application developer.");
    assertThat(exchangeOneTimeCode(client).status()).isEqualTo(200);
  }

  @Test
  void consentWithoutAUserOrFieldsIsRefused() {
    Map<String, Object> client = createDisposable("Page app");
    assertThat(
            wire.form(
                    "/v0/oauth2/authorize",
                    Map.of(
                        "response_type",
                        "disposable",
                        "client_id",
                        (String) client.get("id"),
                        "extra_data",
                        (String) client.get("code"),
                        "action",
                        "allow"))
                .status())
        .isEqualTo(401);
    assertThat(
            wire.form(
                    "/v0/oauth2/authorize",
                    Map.of("response_type", "disposable", "action", "allow"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void streamFeedAndIndexPage() {
    assertThat(wire.get("/").body()).contains("data-uri=\"demo\"", "data-uri=\"other\"");
    assertThat(wire.get("/_emulator/streams.json").list())
        .extracting(s -> s.get("uri"))
        .containsExactly("demo", "other");
  }
}
