package re.blot.server.pages;

import static re.blot.server.http.Route.BodyKind.ANY;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;

/** The pages' stylesheet and script, read from the jar once. */
final class Assets {
  private static final Map<String, String> TYPES =
      Map.of("site.css", "text/css; charset=utf-8", "live.js", "text/javascript; charset=utf-8");

  private Assets() {}

  static List<Route> routes() {
    return TYPES.entrySet().stream()
        .map(
            e -> {
              Reply reply =
                  new Reply(200, e.getValue(), Map.of(), load(e.getKey()))
                      .withHeader("Cache-Control", "public, max-age=300")
                      .withHeader("X-Content-Type-Options", "nosniff");
              return Route.of("GET", "/assets/" + e.getKey(), ANY, call -> reply);
            })
        .toList();
  }

  private static byte[] load(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Page asset missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read page asset " + name, e);
    }
  }
}
