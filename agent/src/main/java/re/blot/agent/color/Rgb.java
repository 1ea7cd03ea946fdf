package re.blot.agent.color;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A color as three 8-bit sRGB channels, written {@code #rrggbb}. */
public record Rgb(int red, int green, int blue) {
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final HexFormat LOWER_HEX = HexFormat.of();

  public Rgb {
    checkChannel(red);
    checkChannel(green);
    checkChannel(blue);
  }

  /**
   * Parses {@code #rrggbb} (either case).
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static Rgb parse(String hex) {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a #rrggbb color: '" + hex + "'");
    }
    int value = Integer.parseInt(hex.substring(1), 16);
    return new Rgb(value >> 16, (value >> 8) & 0xFF, value & 0xFF);
  }

  /**
   * Parses {@code #rrggbb} or a CSS color name such as {@code teal} (either case), as the config
   * file takes them.
   *
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static Rgb parseColor(String text) {
    if (text != null && !text.startsWith("#")) {
      String hex = CssNames.HEX.get(text.toLowerCase(Locale.ROOT));
      if (hex == null) {
        throw new IllegalArgumentException(
            "not a #rrggbb color or a CSS color name such as teal: '" + text + "'");
      }
      return parse(hex);
    }
    return parse(text);
  }

  /** Lower-case {@code #rrggbb}, the form Blot're stores. */
  public String hex() {
    // Not String.format: it parses its pattern on every call, which made this the costliest step
    // from a raw reading to the pushed color (see the bench module's ColorBenchmark).
    return "#" + LOWER_HEX.formatHex(new byte[] {(byte) red, (byte) green, (byte) blue});
  }

  @Override
  public String toString() {
    return hex();
  }

  private static void checkChannel(int value) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("color channel out of range 0-255: " + value);
    }
  }

  /** The CSS named colors, loaded when a config file first names one. */
  private static final class CssNames {
    static final Map<String, String> HEX = load();

    private static Map<String, String> load() {
      Map<String, String> names = new HashMap<>();
      try (InputStream in = Rgb.class.getResourceAsStream("css-colors.txt")) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks re/blot/agent/color/css-colors.txt");
        }
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
            .lines()
            .filter(line -> !line.startsWith("#"))
            .map(line -> line.split(" "))
            .forEach(parts -> names.put(parts[0], parts[1]));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.copyOf(names);
    }
  }
}
