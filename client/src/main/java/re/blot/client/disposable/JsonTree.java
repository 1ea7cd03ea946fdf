package re.blot.client.disposable;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes JSON as plain trees ({@link LinkedHashMap}, {@link List}, {@link String}, {@link
 * Literal} numbers, {@link Boolean}, null) so that a rewrite keeps every field, their order and the
 * exact spelling of numbers. Moshi's own {@code readJsonValue} turns every number into a double,
 * which would rewrite {@code 7200} as {@code 7200.0}.
 */
final class JsonTree {
  private JsonTree() {}

  /**
   * A JSON number exactly as it was spelled; Moshi's writer writes a number's {@code toString()}.
   */
  static final class Literal extends Number {
    private static final long serialVersionUID = 1L;

    private final String text;

    private Literal(String text) {
      this.text = text;
    }

    static Literal of(long value) {
      return new Literal(Long.toString(value));
    }

    BigDecimal toBigDecimal() {
      return new BigDecimal(text);
    }

    @Override
    public int intValue() {
      return toBigDecimal().intValue();
    }

    @Override
    public long longValue() {
      return toBigDecimal().longValue();
    }

    @Override
    public float floatValue() {
      return toBigDecimal().floatValue();
    }

    @Override
    public double doubleValue() {
      return toBigDecimal().doubleValue();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Literal that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Why a document could not be read; the message never quotes the document's content. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Object read(byte[] json) throws MalformedException {
    JsonReader reader = JsonReader.of(new Buffer().write(json));
    try {
      Object value = readValue(reader);
      if (!atEnd(reader)) {
        throw new MalformedException("is not valid JSON (extra content after the document)", null);
      }
      return value;
    } catch (EOFException e) {
      throw truncated(json, reader, e);
    } catch (IOException e) {
      // Moshi says "Unterminated ..." only when the input ends inside a string, name or comment.
      if (String.valueOf(e.getMessage()).startsWith("Unterminated")) {
        throw truncated(json, reader, e);
      }
      // Moshi's syntax messages name the problem and the JSON path, never the content.
      String problem =
          String.valueOf(e.getMessage())
              .replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed");
      throw new MalformedException("is not valid JSON (" + problem + ")", e);
    }
  }

  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException e) {
      return false;
    }
  }

  private static MalformedException truncated(byte[] json, JsonReader reader, IOException cause) {
    return new MalformedException(
        "is not valid JSON (truncated at byte "
            + json.length
            + ", inside "
            + reader.getPath()
            + ")",
        cause);
  }

  private static Object readValue(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          object.put(reader.nextName(), readValue(reader));
        }
        reader.endObject();
        return object;
      case BEGIN_ARRAY:
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(readValue(reader));
        }
        reader.endArray();
        return array;
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new Literal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IOException("Unexpected " + reader.peek() + " at path " + reader.getPath());
    }
  }

  /** Writes {@code value} as indented UTF-8 JSON ending with a newline. */
  static byte[] write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      writeValue(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a memory buffer failed", e);
    }
    buffer.writeUtf8("\n");
    return buffer.readByteArray();
  }

  private static void writeValue(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name((String) entry.getKey());
        writeValue(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> list) {
      writer.beginArray();
      for (Object element : list) {
        writeValue(writer, element);
      }
      writer.endArray();
    } else if (value instanceof String string) {
      writer.value(string);
    } else if (value instanceof Literal number) {
      writer.value(number);
    } else if (value instanceof Boolean bool) {
      writer.value(bool);
    } else {
      throw new IllegalArgumentException("not a JSON tree value: " + value.getClass());
    }
  }
}
