package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import re.blot.server.store.Lifetimes;

/** How REST finds the acting user, and the exact 401 replies of contract §1.3. */
class AuthTest extends ServerTestBase {
  private static final String NEEDS_AUTH = envelope("Action requires authorization.");
  private static final String CREATE = "{\"name\":\"x\",\"uri\":\"demo/x\"}";

  private Wire.Answer createWith(String token) {
    return wire.json("PUT", "/v0/api/stream", token, CREATE);
  }

  @Test
  void noUnknownOrMalformedTokenGetsThePlain401() {
    for (Wire.Answer answer :
        new Wire.Answer[] {
          createWith(null),
          createWith("doesNotExist123"),
          wire.send(
              wire.request("/v0/api/stream", null)
                  .header("Authorization", "bearer abc")
                  .put(okhttp3.RequestBody.create(CREATE, Wire.JSON)))
        }) {
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body()).isEqualTo(NEEDS_AUTH);
      assertThat(answer.header("WWW-Authenticate")).isNull();
    }
  }

  @Test
  void tokenIsTakenFromTheQueryParameterFirst() {
    String token = tokenFor("demo");
    Wire.Answer answer = wire.json("PUT", "/v0/api/stream?access_token=" + token, "wrong", CREATE);
    assertThat(answer.status()).isEqualTo(201);
    Wire.Answer anywhere =
        wire.send(
            wire.request("/v0/api/stream", null)
                .header("Authorization", "Token x, Bearer " + token)
                .put(okhttp3.RequestBody.create("{\"name\":\"y\",\"uri\":\"demo/y\"}", Wire.JSON)));
    assertThat(anywhere.status()).isEqualTo(201);
  }

  @Test
  void expiredTokenGetsTheChallengeExactlyAfterLifetimePlusOneSecond() {
    String token = tokenFor("demo");
    clock.advance(Duration.ofMillis(7200_999));
    assertThat(createWith(token).status()).isEqualTo(201);
    clock.advance(Duration.ofMillis(1));
    Wire.Answer expired = createWith(token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo(envelope("Access token is expired."));
    assertThat(expired.header("WWW-Authenticate")).isEqualTo(EXPIRED_CHALLENGE);
  }

  @Test
  void lifetimesAreConfigurable() {
    emulator.close();
    emulator =
        BlotreServer.builder()
            .clock(clock)
            .lifetimes(
                new Lifetimes(
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(60)))
            .start();
    wire = new Wire(emulator.baseUrl());
    Map<String, Object> creds = login("demo");
    assertThat(creds.get("expires_in")).isEqualTo(60.0);
    clock.advance(Duration.ofSeconds(61));
    assertThat(createWith((String) creds.get("access_token")).header("WWW-Authenticate"))
        .isEqualTo(EXPIRED_CHALLENGE);
  }

  @Test
  void revokedTokenIsExpiredWithTheChallenge() {
    String token = tokenFor("demo");
    Wire.Answer revoked = wire.bare("POST", "/v0/oauth2/revoke?token=" + token, null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(revoked.header("Cache-Control")).isEqualTo("no-cache, no-store, must-revalidate");
    assertThat(createWith(token).header("WWW-Authenticate")).isEqualTo(EXPIRED_CHALLENGE);
    Wire.Answer again = wire.bare("POST", "/v0/oauth2/revoke?token=" + token, null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body()).isEqualTo(envelope("No such token."));
  }

  @Test
  void aTokenReplacedByALaterGrantIsUnknownNotExpired() {
    Map<String, Object> client = createDisposable("App");
    emulator.redeem((String) client.get("code"), "demo");
    Map<String, Object> first = exchangeOneTimeCode(client).map();
    Map<String, Object> second = refresh(client, (String) first.get("refresh_token")).map();
    Wire.Answer old = createWith((String) first.get("access_token"));
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.body()).isEqualTo(NEEDS_AUTH);
    assertThat(old.header("WWW-Authenticate")).isNull();
    assertThat(createWith((String) second.get("access_token")).status()).isEqualTo(201);
  }

  @Test
  void malformedJsonIsRefusedBeforeAuth() {
    Wire.Answer answer = wire.json("PUT", "/v0/api/stream", null, "{nope");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("text/html");
    assertThat(answer.body()).contains("Invalid Json");
  }

  @Test
  void getsIgnoreABadToken() {
    assertThat(wire.get("/v0/api/stream", "garbage").status()).isEqualTo(200);
  }
}
