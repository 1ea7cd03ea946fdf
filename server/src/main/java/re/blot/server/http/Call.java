package re.blot.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as a route handler sees it: decoded path parameters, query, headers, and the body
 * already parsed (JSON or form, as the route asks). Immutable.
 */
public final class Call {
  private static final Pattern BEARER = Pattern.compile("Bearer (\\w+)");

  private final List<String> pathParams;
  private final Map<String, List<String>> query;
  private final Function<String, String> headers;
  private final Optional<Object> json;
  private final Map<String, List<String>> form;
  private final Map<String, String> cookies;
  private final String remoteAddress;
  private final boolean secure;
  private final String path;

  Call(
      List<String> pathParams,
      Map<String, List<String>> query,
      Function<String, String> headers,
      Optional<Object> json,
      Map<String, List<String>> form,
      Peer peer) {
    this.pathParams = List.copyOf(pathParams);
    this.query = query;
    this.headers = headers;
    this.json = json;
    this.form = form;
    this.cookies = Map.copyOf(peer.cookies());
    this.remoteAddress = peer.address();
    this.secure = peer.secure();
    this.path = peer.pathAndQuery();
  }

  /**
   * Who sent the request and how: cookies, client address and whether it came over https (both from
   * {@code X-Forwarded-*} when the server trusts proxy headers), and the path with its query.
   */
  record Peer(Map<String, String> cookies, String address, boolean secure, String pathAndQuery) {}

  /** The value of a cookie, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** The client's address (the proxy's client when proxy headers are trusted). */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** Whether the request came over https. */
  public boolean secure() {
    return secure;
  }

  /** The request's path with its query string, as sent (for "come back here" redirects). */
  public String pathAndQuery() {
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

  /** The parsed JSON body; empty for a JSON {@code null} or on routes that do not take JSON. */
  public Optional<Object> json() {
    return json;
  }

  /**
   * The media type of a Content-Type value, lower case, without parameters; empty string for none.
   */
  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The access token of this request, as {@link #accessToken(String, String)} finds it. */
  public String accessToken() {
    return accessToken(query("access_token"), header("Authorization"));
  }

  /**
   * The access token as the server finds it (§1.3): the {@code access_token} query parameter, else
   * the first {@code Bearer (\w+)} match in the Authorization header. Null when there is none.
   * Public for the WebSocket upgrade, which resolves the user the same way.
   */
  public static String accessToken(String accessTokenParameter, String authorizationHeader) {
    if (accessTokenParameter != null) {
      return accessTokenParameter;
    }
    if (authorizationHeader == null) {
      return null;
    }
    Matcher m = BEARER.matcher(authorizationHeader);
    return m.find() ? m.group(1) : null;
  }
}
