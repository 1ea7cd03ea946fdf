package re.blot.client.internal;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/** Request bodies in the three shapes the API takes: JSON, form, and none at all. */
public final class Bodies {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private Bodies() {}

  /**
   * Serializes a value as a JSON body ({@code Content-Type: application/json}).
   *
   * @param value a map, list or model value
   * @return the body
   */
  public static RequestBody json(Object value) {
    return json(ANY, value);
  }

  /**
   * Serializes a value as a JSON body with a given adapter: cheaper than {@link #json(Object)},
   * which looks up the adapter of every map, list and value it meets on each call.
   *
   * @param <T> the value type
   * @param adapter how to write the value
   * @param value the value
   * @return the body
   */
  public static <T> RequestBody json(JsonAdapter<T> adapter, T value) {
    Buffer json = new Buffer();
    try {
      adapter.toJson(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory cannot fail", e);
    }
    return RequestBody.create(json.readByteString(), JSON);
  }

  /**
   * Encodes fields as an {@code application/x-www-form-urlencoded} body, in the given order.
   *
   * @param fields the form fields
   * @return the body
   */
  public static RequestBody form(Map<String, String> fields) {
    FormBody.Builder form = new FormBody.Builder();
    fields.forEach(form::add);
    return form.build();
  }
}
