package re.blot.agent.system;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import re.blot.agent.measure.Reading;

/** The JSON the agent writes and reads: the status file and {@code read --json}, through Moshi. */
public final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().add(new InstantAdapter()).build();

  /** One reading as {@code read --json} prints it; percent with one decimal. */
  public record ReadingJson(
      String sensor,
      String stream,
      int raw,
      double percent,
      String color,
      Instant time,
      String fault) {
    static ReadingJson of(Reading reading) {
      return new ReadingJson(
          reading.sensor(),
          reading.stream(),
          reading.raw(),
          oneDecimal(reading.percent()),
          reading.color().hex(),
          reading.at(),
          reading.fault().orElse(null));
    }
  }

  private Json() {}

  /**
   * Readings as one line: {@code [{"sensor":..,"stream":..,"raw":..,"percent":..,"color":..,
   * "time":..,"fault":..}]}.
   */
  public static String readings(List<Reading> readings) {
    JsonAdapter<List<ReadingJson>> adapter =
        MOSHI.adapter(Types.newParameterizedType(List.class, ReadingJson.class));
    return adapter.serializeNulls().toJson(readings.stream().map(ReadingJson::of).toList());
  }

  /** {@code value} pretty-printed, so that {@code cat} reads well. */
  static <T> String write(Class<T> type, T value) {
    return MOSHI.adapter(type).serializeNulls().indent("  ").toJson(value) + "\n";
  }

  /**
   * Parses {@code json} as a {@code type}.
   *
   * @throws IOException naming what is wrong when it is not JSON of that shape
   */
  static <T> T read(Class<T> type, String json) throws IOException {
    try {
      T value = MOSHI.adapter(type).fromJson(json);
      if (value == null) {
        throw new IOException("it holds null");
      }
      return value;
    } catch (JsonDataException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@code percent} rounded to one decimal, as the JSON shows it. */
  static double oneDecimal(double percent) {
    return Math.round(percent * 10) / 10.0;
  }

  /** Instants as ISO-8601 text, e.g. {@code 2026-11-28T09:00:00Z}. */
  private static final class InstantAdapter {
    @ToJson
    String toJson(Instant instant) {
      return instant.toString();
    }

    @FromJson
    Instant fromJson(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonDataException("not a time: '" + text + "'");
      }
    }
  }
}
