package re.blot.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code a=1&b=2} as sent in query strings and url-encoded form bodies. */
public final class Forms {
  private Forms() {}

  /** Name to values, in order; pairs that cannot be decoded are skipped. */
  public static Map<String, List<String>> parse(String encoded) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException malformedEscape) {
        // A broken %-escape spoils only its own pair, as lenient servers do.
      }
    }
    return fields;
  }

  /** The first value of {@code name}, or null. */
  public static String first(Map<String, List<String>> fields, String name) {
    return fields.getOrDefault(name, Collections.emptyList()).stream().findFirst().orElse(null);
  }
}
