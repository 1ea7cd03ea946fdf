package re.blot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
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
  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

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

  /** A wire that keeps cookies, as a browser does (sign-in sessions, the form cookie). */
  static Wire withCookies(String baseUrl) {
    return new Wire(
        baseUrl,
        new OkHttpClient.Builder()
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .cookieJar(new Jar())
            .build());
  }

  OkHttpClient http() {
    return http;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The CSRF token of the first form on the page at {@code path}. */
  String csrfToken(String path) {
    Answer page = get(path);
    Matcher m = CSRF_FIELD.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("No csrfToken field on " + path + " (" + page.status() + ")");
    }
    return m.group(1);
  }

  /** Signs in through the form; the answer is the form's reply (303 when it worked). */
  Answer signIn(String name, String password) {
    return form(
        "/login", Map.of("name", name, "password", password, "csrfToken", csrfToken("/login")));
  }

  private static final Pattern CSRF_FIELD =
      Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");

  /** Cookies by name, for one server: enough for the pages' two cookies. */
  private static final class Jar implements CookieJar {
    private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

    @Override
    public void saveFromResponse(HttpUrl url, List<Cookie> received) {
      for (Cookie cookie : received) {
        if (cookie.expiresAt() <= System.currentTimeMillis()) {
          cookies.remove(cookie.name());
        } else {
          cookies.put(cookie.name(), cookie);
        }
      }
    }

    @Override
    public List<Cookie> loadForRequest(HttpUrl url) {
      return List.copyOf(cookies.values());
    }
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

  /**
   * Posts the consent page's form for a disposable {@code client} (as registered: id and code) with
   * {@code action} ("allow" or "deny") and the page's other {@code fields}.
   */
  Answer consent(Map<String, Object> client, String action, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("response_type", "disposable");
    all.put("client_id", (String) client.get("id"));
    all.put("extra_data", (String) client.get("code"));
    all.put("action", action);
    return form("/v0/oauth2/authorize", all);
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
