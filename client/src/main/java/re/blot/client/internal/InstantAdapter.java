package re.blot.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;

/** Reads and writes an {@link Instant} as epoch milliseconds, the server's time format. */
final class InstantAdapter extends JsonAdapter<Instant> {
  @Override
  public Instant fromJson(JsonReader reader) throws IOException {
    return Instant.ofEpochMilli(reader.nextLong());
  }

  @Override
  public void toJson(JsonWriter writer, Instant value) throws IOException {
    writer.value(value.toEpochMilli());
  }
}
