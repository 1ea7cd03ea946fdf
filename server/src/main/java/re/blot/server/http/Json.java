package re.blot.server.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JSON in and out as plain maps, lists, strings, numbers and booleans. Maps keep insertion order,
 * so a {@link java.util.LinkedHashMap} is written with the contract's key order; nulls are written.
 */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Json() {}

  public static byte[] write(Object value) {
    return ADAPTER.toJson(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The parsed document ({@code Optional.empty()} for a JSON {@code null}); throws {@link
   * Malformed}.
   */
  public static Optional<Object> parse(byte[] body) {
    try {
      return Optional.ofNullable(ADAPTER.fromJson(new String(body, StandardCharsets.UTF_8)));
    } catch (IOException | JsonDataException e) {
      throw new Malformed(e.getMessage());
    }
  }

  /** The body is not one well-formed JSON document. */
  public static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
