package re.blot.agent.system;

import java.util.Locale;
import re.blot.agent.measure.Reading;

/** The few bits of JSON the agent writes: the status file and {@code read --json}. */
public final class Json {
  private Json() {}

  /** {@code text} as a JSON string literal, or {@code null}. */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A reading as one JSON object: {@code {"sensor":..,"stream":..,"raw":..,"percent":..,
   * "color":..,"time":..,"fault":..}}, percent with one decimal.
   */
  public static String reading(Reading reading) {
    return String.format(
        Locale.ROOT,
        "{\"sensor\":%s,\"stream\":%s,\"raw\":%d,\"percent\":%.1f,\"color\":%s,\"time\":%s,"
            + "\"fault\":%s}",
        quote(reading.sensor()),
        quote(reading.stream()),
        reading.raw(),
        reading.percent(),
        quote(reading.color().hex()),
        quote(reading.at().toString()),
        quote(reading.fault().orElse(null)));
  }
}
