package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The {@code /_emulator/} control API: users, redeem, token expiry and injected faults. */
class ControlApiTest extends ServerTestBase {

  @Test
  void createsAndListsUsers() {
    Wire.Answer created = wire.json("POST", "/_emulator/users", null, "{\"name\":\"Matt B\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.map().keySet()).containsExactly("id", "userName", "rootStream");
    assertThat(wire.get("/v0/api/stream/" + created.field("rootStream")).field("uri"))
        .isEqualTo("matt+b");
    assertThat(wire.get("/_emulator/users").list())
        .extracting(u -> u.get("userName"))
        .containsExactly("demo", "other", "Matt B");
    assertThat(wire.json("POST", "/_emulator/users", null, "{\"name\":\"matt b\"}").status())
        .isEqualTo(409);
    assertThat(wire.json("POST", "/_emulator/users", null, "{\"name\":\"x\"}").status())
        .isEqualTo(422);
  }

  @Test
  void redeemNamesUnknownUsersAndCodes() {
    Map<String, Object> client = createDisposable("App");
    assertThat(
            wire.json(
                    "POST",
                    "/_emulator/redeem",
                    null,
                    "{\"code\":\"" + client.get("code") + "\",\"user\":\"nobody\"}")
                .body())
        .isEqualTo(envelope("No such user."));
    assertThat(
            wire.json("POST", "/_emulator/redeem", null, "{\"code\":\"nope\",\"user\":\"demo\"}")
                .status())
        .isEqualTo(404);
    Wire.Answer ok =
        wire.json(
            "POST",
            "/_emulator/redeem",
            null,
            "{\"code\":\"" + client.get("code") + "\",\"user\":\"demo\"}");
    assertThat(ok.field("client_id")).isEqualTo(client.get("id"));
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
  void expiresTokensAsIfTimePassed() {
    String token = tokenFor("demo");
    String tag = "/v0/api/stream/" + rootId("demo") + "/tags/x";
    assertThat(wire.json("POST", "/_emulator/tokens/expire", null, "{\"seconds\":7200}").body())
        .isEqualTo("{\"tokens\":1}");
    assertThat(wire.bare("PUT", tag, token).status()).isEqualTo(201);
    wire.json("POST", "/_emulator/tokens/expire", null, "{\"seconds\":1}");
    assertThat(wire.bare("PUT", tag, token).header("WWW-Authenticate"))
        .isEqualTo(EXPIRED_CHALLENGE);
  }

  @Test
  void expiresAllAccessTokensButKeepsRefreshTokens() {
    Map<String, Object> client = createDisposable("App");
    emulator.redeem((String) client.get("code"), "demo");
    Map<String, Object> creds = exchangeOneTimeCode(client).map();
    wire.json("POST", "/_emulator/tokens/expire", null, "{}");
    assertThat(
            wire.bare(
                    "PUT",
                    "/v0/api/stream/" + rootId("demo") + "/tags/x",
                    (String) creds.get("access_token"))
                .status())
        .isEqualTo(401);
    assertThat(refresh(client, (String) creds.get("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void returnsTheRegisteredClient() {
    assertThat(wire.get("/_emulator/client").map())
        .isEqualTo(
            Map.of(
                "client_id",
                BlotreServer.DEFAULT_CLIENT_ID,
                "client_secret",
                BlotreServer.DEFAULT_CLIENT_SECRET,
                "redirect_uri",
                BlotreServer.DEFAULT_REDIRECT_URI));
  }

  @Test
  void statusFaultHitsTheNextMatchingRequestsOnly() {
    Wire.Answer added =
        wire.json(
            "POST",
            "/_emulator/faults",
            null,
            "{\"method\":\"GET\",\"path\":\"/v0/api/stream\",\"times\":2,\"status\":503,\"body\":\"{\\\"down\\\":true}\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(wire.bare("POST", "/v0/oauth2/revoke?token=x", null).status()).isEqualTo(404);
    Wire.Answer first = wire.get("/v0/api/stream");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("{\"down\":true}");
    assertThat(wire.get("/_emulator/faults").body())
        .isEqualTo("[{\"method\":\"GET\",\"path\":\"/v0/api/stream\",\"times\":1}]");
    assertThat(wire.get("/v0/api/stream/" + rootId("demo")).status()).isEqualTo(503);
    assertThat(wire.get("/_emulator/faults").body()).isEqualTo("[]");
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }

  @Test
  void htmlFaultAndClearing() {
    wire.json(
        "POST",
        "/_emulator/faults",
        null,
        "{\"path\":\"/v0/\",\"times\":5,\"status\":500,\"body\":\"<h1>oops</h1>\",\"contentType\":\"text/html\"}");
    assertThat(wire.get("/v0/api/stream").header("Content-Type")).startsWith("text/html");
    assertThat(wire.delete("/_emulator/faults", null).status()).isEqualTo(200);
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }

  @Test
  void dropFaultClosesTheConnection() {
    wire.json("POST", "/_emulator/faults", null, "{\"path\":\"/v0/api/stream\",\"drop\":true}");
    assertThatThrownBy(() -> wire.get("/v0/api/stream")).isInstanceOf(UncheckedIOException.class);
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }

  @Test
  void delayFaultHoldsTheReplyPastAReadTimeout() {
    wire.json("POST", "/_emulator/faults", null, "{\"path\":\"/v0/api/stream\",\"delayMs\":3000}");
    OkHttpClient impatient = wire.http().newBuilder().readTimeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> new Wire(emulator.baseUrl(), impatient).get("/v0/api/stream"))
        .hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void faultRequestsAreValidated() {
    assertThat(
            wire.json(
                    "POST",
                    "/_emulator/faults",
                    null,
                    "{\"path\":\"/\",\"status\":503,\"drop\":true}")
                .status())
        .isEqualTo(400);
    assertThat(wire.json("POST", "/_emulator/faults", null, "{\"status\":503}").status())
        .isEqualTo(400);
    assertThat(
            wire.json("POST", "/_emulator/faults", null, "{\"path\":\"/\",\"status\":42}").status())
        .isEqualTo(400);
  }

  @Test
  void controlApiIsAbsentUnlessEnabled() throws IOException {
    try (BlotreServer plain = BlotreServer.builder().start()) {
      Wire other = new Wire(plain.baseUrl());
      assertThat(other.get("/_emulator/users").status()).isEqualTo(404);
      assertThat(other.get("/_emulator/streams.json").status()).isEqualTo(200);
    }
  }
}
