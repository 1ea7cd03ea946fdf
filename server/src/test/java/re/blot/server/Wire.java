package re.blot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import re.blot.server.http.Json;

/**
 * Raw HTTP to an emulator, as an app would send it: JSON bodies with their content type, body-less
 * writes without one, form posts, and a bearer token when given. Redirects are not followed.
 */
final class Wire {
  static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final OkHttpClient http;

  Wire(String baseUrl) {
    this(
        baseUrl,
        new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build());
  }

  Wire(String baseUrl, OkHttpClient http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  OkHttpClient http() {
    return http;
  }

  Answer get(String path) {
    return send(request(path, null).get());
  }

  Answer get(String path, String token) {
    return send(request(path, token).get());
  }

  Answer delete(String path, String token) {
    return send(request(path, token).delete());
  }

  /** A body-less write: no Content-Type, empty body (§1.4). */
  Answer bare(String method, String path, String token) {
    return send(request(path, token).method(method, RequestBody.create(new byte[0], null)));
  }

  Answer json(String method, String path, String token, String json) {
    return send(request(path, token).method(method, RequestBody.create(json, JSON)));
  }

  Answer typed(String method, String path, String contentType, String body) {
    return send(
        request(path, null).method(method, RequestBody.create(body, MediaType.get(contentType))));
  }

  Answer form(String path, Map<String, String> fields) {
    FormBody.Builder form = new FormBody.Builder();
    fields.forEach(form::add);
    return send(request(path, null).post(form.build()));
  }

  /** The one-time-code grant for a disposable client (the fields of its 200 reply). */
  Answer exchangeOneTimeCode(Map<String, Object> client) {
    return form(
        "/v0/oauth2/access_token",
        Map.of(
            "grant_type", "https://oauth2grant.blot.re/onetime_code",
            "client_id", (String) client.get("id"),
            "client_secret", (String) client.get("secret"),
            "code", (String) client.get("code")));
  }

  Request.Builder request(String path, String token) {
    Request.Builder builder = new Request.Builder().url(baseUrl + path);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  Answer send(Request.Builder request) {
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers().toMultimap(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reply, read fully. */
  record Answer(int status, Map<String, List<String>> headers, String body) {

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    Object json() {
      return Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }

    String field(String name) {
      return String.valueOf(map().get(name));
    }
  }
}
