package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh emulator per test (users {@code demo} and {@code other} and the demo app, asked for so
 * that durable storage has them too; control API on, a hand-moved clock, cheap password hashing)
 * and the raw-HTTP steps most tests share. The storage is the one named by the system property
 * {@code blotre.test.storage} (memory, sqlite, postgresql; default memory), so the same suite
 * checks every backend.
 */
abstract class ServerTestBase {
  static final String ONE_TIME_GRANT = "https://oauth2grant.blot.re/onetime_code";
  static final String EXPIRED_CHALLENGE =
      "Bearer error=\"invalid_token\" error_description=\"Access token is expired\"";

  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final TestDatabases databases = new TestDatabases();
  BlotreServer emulator;
  Wire wire;

  @BeforeEach
  void startServer() {
    emulator =
        configure(
                BlotreServer.builder()
                    .database(databases.url(TestDatabases.storageUnderTest()))
                    .user("demo")
                    .user("other")
                    .registeredClient(
                        BlotreServer.DEFAULT_CLIENT_ID,
                        BlotreServer.DEFAULT_CLIENT_SECRET,
                        BlotreServer.DEFAULT_REDIRECT_URI)
                    .controlApi(true)
                    .passwordCost(4)
                    .clock(clock))
            .start();
    wire = new Wire(emulator.baseUrl());
  }

  /**
   * The server under test; by default its pages offer the user picker on every storage, so the
   * contract's suites post consent forms as the in-memory mode takes them.
   */
  BlotreServer.Builder configure(BlotreServer.Builder builder) {
    return builder.userPicker(true);
  }

  @AfterEach
  void stopServer() {
    if (emulator != null) {
      emulator.close();
    }
    databases.close();
  }

  /** {@code PUT /v0/oauth2/disposable}; the 200 reply's fields. */
  Map<String, Object> createDisposable(String name) {
    Wire.Answer answer =
        wire.json(
            "PUT",
            "/v0/oauth2/disposable",
            null,
            "{\"name\":\"" + name + "\",\"blurb\":\"A test app.\"}");
    assertThat(answer.status()).isEqualTo(200);
    return answer.map();
  }

  Wire.Answer exchangeOneTimeCode(Map<String, Object> client) {
    return wire.exchangeOneTimeCode(client);
  }

  Wire.Answer refresh(Map<String, Object> client, String refreshToken) {
    return wire.form(
        "/v0/oauth2/access_token",
        Map.of(
            "grant_type",
            "refresh_token",
            "client_id",
            (String) client.get("id"),
            "client_secret",
            (String) client.get("secret"),
            "refresh_token",
            refreshToken));
  }

  /** A token response for {@code user} through the disposable flow. */
  Map<String, Object> login(String user) {
    Map<String, Object> client = createDisposable("Test app");
    emulator.redeem((String) client.get("code"), user);
    Wire.Answer answer = exchangeOneTimeCode(client);
    assertThat(answer.status()).isEqualTo(200);
    return answer.map();
  }

  /** An access token for {@code user}. */
  String tokenFor(String user) {
    return (String) login(user).get("access_token");
  }

  String rootId(String user) {
    return emulator.store().userByName(user).orElseThrow().rootStream();
  }

  static String envelope(String error) {
    return "{\"type\":\"Error\",\"error\":\"" + error + "\",\"details\":null}";
  }
}
