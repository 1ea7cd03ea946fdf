package re.blot.agent.color;

import java.util.HexFormat;
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
}
