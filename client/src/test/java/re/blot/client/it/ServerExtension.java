package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import re.blot.client.Blotre;
import re.blot.server.BlotreServer;

/**
 * One running emulator per test class, with the users {@code demo} and {@code alice}, and clients
 * pointed at it. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>Time stands still at {@link #NOW} on both sides, so times and lifetimes are exact; tests make
 * time pass only through the emulator's control methods ({@code ageTokens}, {@code
 * expireAccessTokens}). Network trouble comes from the emulator's fault injection ({@link
 * #failNext}).
 */
final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
  static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

  private static final OkHttpClient CONTROL = new OkHttpClient();

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private BlotreServer emulator;

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator =
        BlotreServer.builder()
            .port(0)
            .user("demo")
            .user("alice")
            .clock(clock)
            .controlApi(true)
            .start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    emulator.close();
  }

  BlotreServer emulator() {
    return emulator;
  }

  /**
   * Makes the emulator fail the next request of {@code method} to {@code path}.
   *
   * @param fault the fault as control-API JSON fields: {@code "drop": true}, {@code "delayMs":
   *     2000} or {@code "status": 500, "body": ..}
   */
  void failNext(String method, String path, String fault) {
    String json = "{\"method\":\"" + method + "\",\"path\":\"" + path + "\"," + fault + "}";
    Request request =
        new Request.Builder()
            .url(emulator.baseUrl() + "/_emulator/faults")
            .post(RequestBody.create(json, MediaType.get("application/json")))
            .build();
    try (Response response = CONTROL.newCall(request).execute()) {
      assertThat(response.code()).as("fault %s accepted", json).isEqualTo(201);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the emulator's control API", e);
    }
  }

  /** A client configuration for the emulator, without client info or credentials. */
  Blotre.Builder config() {
    return Blotre.builder().baseUrl(emulator.baseUrl()).clock(clock);
  }

  /** A client without credentials, as an app that only reads. */
  Blotre anonymous() {
    return config().build();
  }

  /**
   * A client authorized as {@code userName} the way Plant're gets there: a new disposable client
   * whose one-time code that user redeemed.
   */
  Blotre authorizedAs(String userName) {
    Blotre app =
        Blotre.createDisposable(config(), "Integration test", "Run by the client's tests.");
    emulator.redeem(app.getDisposableClient().code(), userName);
    app.redeemOnetimeCode();
    return app;
  }
}
