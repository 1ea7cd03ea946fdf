package re.blot.emulator.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as a route handler sees it: method, raw path, decoded path parameters, query, headers,
 * and the body already read (and parsed, for JSON and form routes). Immutable.
 */
public final class Call {
  private static final Pattern BEARER = Pattern.compile("Bearer (\\w+)");

  private final String method;
  private final String path;
  private final List<String> pathParams;
  private final Map<String, List<String>> query;
  private final Function<String, String> headers;
  private final byte[] body;
  private final Optional<Object> json;
  private final Map<String, List<String>> form;

  Call(String method, String path, List<String> pathParams, Map<String, List<String>> query,
      Function<String, String> headers, byte[] body, Optional<Object> json, Map<String, List<String>> form) {
    this.method = method;
    this.path = path;
    this.pathParams = List.copyOf(pathParams);
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.json = json;
    this.form = form;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The {@code index}-th {@code {param}} of the route pattern, percent-decoded. */
  public String param(int index) {
    return pathParams.get(index);
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    return Forms.first(query, name);
  }

  /** The first value of a form field, or null. */
  public String form(String name) {
    return Forms.first(form, name);
  }

  public String header(String name) {
    return headers.apply(name);
  }

  public byte[] body() {
    return body.clone();
  }

  /** The parsed JSON body; empty for a JSON {@code null} or on routes that do not take JSON. */
  public Optional<Object> json() {
    return json;
  }

  /** The media type of the body, lower case, without parameters; empty string when there is none. */
  public String mediaType() {
    return mediaType(header("Content-Type"));
  }

  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The access token as the server finds it (§1.3): the {@code access_token} query parameter, else the
   * first {@code Bearer (\w+)} match in the Authorization header. Null when there is none.
   */
  public String accessToken() {
    String fromQuery = query("access_token");
    if (fromQuery != null) {
      return fromQuery;
    }
    String authorization = header("Authorization");
    if (authorization == null) {
      return null;
    }
    Matcher m = BEARER.matcher(authorization);
    return m.find() ? m.group(1) : null;
  }
}
