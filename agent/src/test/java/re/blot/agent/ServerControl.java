package re.blot.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import re.blot.client.disposable.AuthorizationPrompt;
import re.blot.client.disposable.UserChannel;
import re.blot.server.BlotreServer;

/** The emulator's control API, for faults that only it can inject. */
public final class ServerControl {
  private static final OkHttpClient HTTP = new OkHttpClient();

  private ServerControl() {}

  /** A user at the browser who redeems every code as {@code user} of {@code server} at once. */
  public static UserChannel redeemingAs(BlotreServer server, String user) {
    return new UserChannel() {
      @Override
      public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
        server.redeem(prompt.code(), user);
        checkNow.run();
      }

      @Override
      public void authorized(String userName) {}
    };
  }

  /**
   * Makes the next {@code times} requests with {@code method} on paths under {@code path} fail with
   * {@code status}.
   */
  public static void fail(
      BlotreServer emulator, String method, String path, int times, int status) {
    addFault(
        emulator,
        method,
        path,
        times,
        "\"status\":" + status + ",\"body\":\"{\\\"error\\\":\\\"down for maintenance\\\"}\"");
  }

  /**
   * Holds the next request with {@code method} on a path under {@code path} for {@code delay}
   * before answering it.
   */
  public static void hold(BlotreServer emulator, String method, String path, Duration delay) {
    addFault(emulator, method, path, 1, "\"delayMs\":" + delay.toMillis());
  }

  /** Waits until every fault was hit: a request {@link #hold} delays is then being held. */
  public static void awaitFaultsHit(BlotreServer emulator) {
    Request request = new Request.Builder().url(emulator.baseUrl() + "/_emulator/faults").build();
    Await.until(
        "the faulted requests",
        () -> {
          try (Response response = HTTP.newCall(request).execute()) {
            return response.body().string().equals("[]");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void addFault(
      BlotreServer emulator, String method, String path, int times, String fault) {
    String json =
        "{\"method\":\""
            + method
            + "\",\"path\":\""
            + path
            + "\",\"times\":"
            + times
            + ","
            + fault
            + "}";
    Request request =
        new Request.Builder()
            .url(emulator.baseUrl() + "/_emulator/faults")
            .post(RequestBody.create(json, MediaType.get("application/json")))
            .build();
    try (Response response = HTTP.newCall(request).execute()) {
      if (response.code() != 201) {
        throw new IllegalStateException(
            "fault not accepted: " + response.code() + " " + response.body().string());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
