package re.blot.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One route: method, path pattern with {@code {name}} segments, how its body is parsed, and whether
 * it is exempt from the CSRF check (the server's {@code # NOCSRF} routes).
 */
public record Route(
    String method, String pattern, BodyKind body, boolean csrfExempt, Handler handler) {

  /** How a route's body is read (Play's body parsers, §1.4). */
  public enum BodyKind {
    /** {@code parse.json}: JSON content type required (415), well-formed JSON required (400). */
    JSON,
    /** Url-encoded form required (415); the access-token endpoint. */
    FORM,
    /**
     * Play's default parser: a JSON content type must come with well-formed JSON; forms are parsed.
     */
    ANY
  }

  /** Turns a request into a reply; may throw {@link ReplyException} or a store failure. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call);
  }

  public static Route of(String method, String pattern, BodyKind body, Handler handler) {
    return new Route(method, pattern, body, false, handler);
  }

  public Route withoutCsrfCheck() {
    return new Route(method, pattern, body, true, handler);
  }

  /**
   * The raw (still encoded) values of the {@code {param}} segments when {@code path} matches. A
   * last segment {@code {name...}} takes the rest of the path, slashes and all (a stream's uri).
   */
  Optional<List<String>> match(String path) {
    String[] want = pattern.split("/", -1);
    boolean rest = want[want.length - 1].endsWith("...}");
    String[] got = path.split("/", rest ? want.length : -1);
    if (want.length != got.length) {
      return Optional.empty();
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith("{")) {
        if (got[i].isEmpty()) {
          return Optional.empty();
        }
        params.add(got[i]);
      } else if (!want[i].equals(got[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
