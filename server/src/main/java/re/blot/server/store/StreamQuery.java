package re.blot.server.store;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code query} parameter of the list endpoints (§4.5): a color ({@code #rrggbb}), a tag
 * ({@code #tag}) or text searched in stream names. Characters outside {@code [ a-zA-Z0-9_-$#]} are
 * deleted.
 */
public final class StreamQuery {
  private final Predicate<StreamRecord> filter;

  private StreamQuery(Predicate<StreamRecord> filter) {
    this.filter = filter;
  }

  /** The query, or empty when nothing is left after normalising (which means "no filter"). */
  public static Optional<StreamQuery> parse(String raw) {
    return normalise(raw)
        .map(
            text -> {
              String lower = text.toLowerCase(Locale.ROOT);
              if (Names.isColor(text)) {
                return new StreamQuery(
                    s -> s.status().color().toLowerCase(Locale.ROOT).contains(lower));
              }
              Optional<String> tag =
                  text.startsWith("#") ? Names.tag(text.substring(1)) : Optional.empty();
              return tag.map(t -> new StreamQuery(s -> s.tags().contains(t)))
                  .orElseGet(() -> nameContains(lower));
            });
  }

  /** The query as a plain name search, as the tag listing (R16) treats every query. */
  public static Optional<StreamQuery> parseNameSearch(String raw) {
    return normalise(raw).map(text -> nameContains(text.toLowerCase(Locale.ROOT)));
  }

  private static Optional<String> normalise(String raw) {
    String text = raw == null ? "" : raw.trim().replaceAll("[^ a-zA-Z0-9_\\-$#]", "");
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static StreamQuery nameContains(String lower) {
    return new StreamQuery(s -> s.name().toLowerCase(Locale.ROOT).contains(lower));
  }

  /** A query that matches every stream. */
  public static StreamQuery all() {
    return new StreamQuery(s -> true);
  }

  boolean matches(StreamRecord stream) {
    return filter.test(stream);
  }
}
