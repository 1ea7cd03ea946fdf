package re.blot.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The one Moshi instance of the client, with the {@link Instant} adapter the model needs. */
public final class Json {
  private static final Moshi MOSHI =
      new Moshi.Builder().add(Instant.class, new InstantAdapter().nullSafe()).build();

  private Json() {}

  /**
   * Returns the shared Moshi instance (thread-safe).
   *
   * @return Moshi configured for the Blot're model
   */
  public static Moshi moshi() {
    return MOSHI;
  }

  /**
   * Returns an adapter for a model type.
   *
   * @param <T> the value type
   * @param type the class to read
   * @return the adapter
   */
  public static <T> JsonAdapter<T> adapter(Class<T> type) {
    return MOSHI.adapter(type);
  }

  /**
   * Returns an adapter for a JSON array of a model type.
   *
   * @param <T> the element type
   * @param elementType the element class
   * @return the adapter
   */
  public static <T> JsonAdapter<List<T>> listAdapter(Class<T> elementType) {
    return MOSHI.adapter(Types.newParameterizedType(List.class, elementType));
  }

  /**
   * Returns an adapter for any JSON object, read as maps, lists, strings, doubles and booleans.
   *
   * @return the adapter
   */
  public static JsonAdapter<Map<String, Object>> objectAdapter() {
    Type type = Types.newParameterizedType(Map.class, String.class, Object.class);
    return MOSHI.adapter(type);
  }
}
