package re.blot.bench.load;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The wire side of the harness: the exact requests an agent sends (contract §2-§3 for
 * authorization, R2 to create its stream, R5 to push a color), on bare OkHttp so that what is
 * measured is the server, not a client library's conveniences.
 */
final class LoadClient {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final JsonAdapter<Map<String, Object>> MAP =
      new Moshi.Builder()
          .build()
          .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** Redeems a one-time code as a user, as the person at the redeem page would. */
  interface Redeemer {
    void redeem(String code, String user) throws IOException;
  }

  private final OkHttpClient http;
  private final String baseUrl;

  LoadClient(String baseUrl) {
    this.baseUrl = baseUrl;
    Dispatcher dispatcher = new Dispatcher();
    // Every web socket holds a dispatcher slot while it reads; the fan-out opens a thousand.
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(1024, 1, TimeUnit.MINUTES))
            .callTimeout(Duration.ofSeconds(30))
            .readTimeout(Duration.ofSeconds(30))
            .build();
  }

  /** A redeemer that uses the in-memory server's control API ({@code --control}). */
  Redeemer controlApi() {
    return (code, user) ->
        call(
            post(
                "/_emulator/redeem",
                RequestBody.create(json(Map.of("code", code, "user", user)), JSON)));
  }

  /** Registers a disposable app, has {@code user} redeem its code, and creates its stream. */
  Agent authorize(String user, String streamName, Redeemer redeemer) throws IOException {
    Map<String, Object> app =
        call(
            new Request.Builder()
                .url(baseUrl + "/v0/oauth2/disposable")
                .put(
                    RequestBody.create(
                        json(Map.of("name", "load " + streamName, "blurb", "")), JSON))
                .build());
    String code = (String) app.get("code");
    redeemer.redeem(code, user);
    Map<String, Object> token =
        call(
            post(
                "/v0/oauth2/access_token",
                new FormBody.Builder()
                    .add("grant_type", "https://oauth2grant.blot.re/onetime_code")
                    .add("client_id", (String) app.get("id"))
                    .add("client_secret", (String) app.get("secret"))
                    .add("code", code)
                    .build()));
    String accessToken = (String) token.get("access_token");
    String uri = user + "/" + streamName;
    Map<String, Object> stream =
        call(
            new Request.Builder()
                .url(baseUrl + "/v0/api/stream")
                .header("Authorization", "Bearer " + accessToken)
                .put(RequestBody.create(json(Map.of("name", streamName, "uri", uri)), JSON))
                .build());
    return new Agent(accessToken, (String) stream.get("id"), (String) stream.get("uri"));
  }

  /** Pushes a color as the agent does; returns the HTTP status (IOException: no answer). */
  int setStatus(Agent agent, String color) throws IOException {
    Request request =
        new Request.Builder()
            .url(baseUrl + "/v0/api/stream/" + agent.streamId() + "/status")
            .header("Authorization", "Bearer " + agent.accessToken())
            .post(RequestBody.create("{\"color\":\"" + color + "\"}", JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    }
  }

  /** The color the server has stored for the agent's stream. */
  String storedColor(Agent agent) throws IOException {
    Map<String, Object> status =
        call(
            new Request.Builder()
                .url(baseUrl + "/v0/api/stream/" + agent.streamId() + "/status")
                .build());
    return (String) status.get("color");
  }

  /** Opens {@code /v0/ws} anonymously, as a page that watches does. */
  WebSocket openSocket(WebSocketListener listener) {
    String ws = baseUrl.replaceFirst("^http", "ws") + "/v0/ws";
    return http.newWebSocket(new Request.Builder().url(ws).build(), listener);
  }

  static String json(Map<String, ?> value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return MAP.toJson(map);
  }

  static Map<String, Object> parse(String text) {
    try {
      return MAP.fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private Request post(String path, RequestBody body) {
    return new Request.Builder().url(baseUrl + path).post(body).build();
  }

  private Map<String, Object> call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException(
            request.method()
                + " "
                + request.url().encodedPath()
                + " -> "
                + response.code()
                + ": "
                + body);
      }
      return parse(body);
    }
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
