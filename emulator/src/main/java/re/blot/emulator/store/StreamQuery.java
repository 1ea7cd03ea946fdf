package re.blot.emulator.store;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code query} parameter of the list endpoints (§4.5): a color ({@code #rrggbb}), a tag
 * ({@code #tag}) or text searched in stream names. Characters outside {@code [ a-zA-Z0-9_-$#]} are deleted.
 */
public final class StreamQuery {
  private final Predicate<StreamRecord> filter;

  private StreamQuery(Predicate<StreamRecord> filter) {
    this.filter = filter;
  }

  /** The query, or empty when nothing is left after normalising (which means "no filter"). */
  public static Optional<StreamQuery> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.trim().replaceAll("[^ a-zA-Z0-9_\\-$#]", "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (Names.isColor(text)) {
      return Optional.of(new StreamQuery(s -> s.status().color().toLowerCase(Locale.ROOT).contains(lower)));
    }
    Optional<String> tag = text.startsWith("#") ? Names.tag(text.substring(1)) : Optional.empty();
    if (tag.isPresent()) {
      return Optional.of(new StreamQuery(s -> s.tags().contains(tag.get())));
    }
    return Optional.of(new StreamQuery(s -> s.name().toLowerCase(Locale.ROOT).contains(lower)));
  }

  /** A query that matches every stream. */
  public static StreamQuery all() {
    return new StreamQuery(s -> true);
  }

  boolean matches(StreamRecord stream) {
    return filter.test(stream);
  }
}
