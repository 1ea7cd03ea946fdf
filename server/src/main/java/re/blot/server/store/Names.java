package re.blot.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The validation and normalisation rules of contract §4: stream names, uris, tags, colors, user
 * names.
 */
public final class Names {
  private static final Pattern STREAM_NAME = Pattern.compile("[ a-zA-Z0-9_\\-$]{1,64}");
  private static final Pattern USER_NAME = Pattern.compile("[ a-zA-Z0-9_\\-$]{3,64}");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_\\-$]{1,32}");
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

  /** RFC 3986 pchar minus pct-encoded: the raw characters a uri segment may hold. */
  private static final String PCHAR_EXTRA = "-._~!$&'()*+,;=:@";

  private Names() {}

  /** The trimmed stream name, or empty when it is not valid (§4.1). */
  public static Optional<String> streamName(String raw) {
    return matchTrimmed(STREAM_NAME, raw);
  }

  /** The trimmed user name (3-64 stream-name characters), or empty when it is not valid. */
  public static Optional<String> userName(String raw) {
    return matchTrimmed(USER_NAME, raw);
  }

  /**
   * The lower-cased tag, or empty when not valid: 1-32 name characters that do not read as a color
   * (§4.3).
   */
  public static Optional<String> tag(String raw) {
    return matchTrimmed(TAG, raw)
        .filter(t -> !isColor("#" + t))
        .map(t -> t.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code color} is exactly {@code #} and six hex digits (§4.4). */
  public static boolean isColor(String color) {
    return color != null && COLOR.matcher(color).matches();
  }

  /** The uri segment a name stands for: lower case, spaces as {@code +}. */
  public static String fromName(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace(' ', '+');
  }

  /**
   * Normalises a stream uri (§4.2): trim, spaces to {@code +}, lower case, one trailing {@code /}
   * dropped, each segment percent-decoded. A decoded space ({@code %20}) also becomes {@code +}, so
   * it acts as a space (the intended behaviour of bug B3). Empty when the uri is invalid.
   */
  public static Optional<String> uri(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.trim().replace(' ', '+').toLowerCase(Locale.ROOT);
    if (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    StringJoiner out = new StringJoiner("/");
    for (String segment : text.split("/", -1)) {
      Optional<String> decoded = decodeSegment(segment);
      if (decoded.isEmpty()) {
        return Optional.empty();
      }
      out.add(decoded.get().replace(' ', '+'));
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> decodeSegment(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%' && !(c < 128 && (Character.isLetterOrDigit(c) || PCHAR_EXTRA.indexOf(c) >= 0))) {
        return Optional.empty();
      }
    }
    return percentDecode(segment);
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; {@code +} stays a plus sign, as in any path. Empty when
   * an escape is broken or the bytes are not UTF-8.
   */
  public static Optional<String> percentDecode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
        return Optional.empty();
      }
      bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
      i += 2;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static Optional<String> matchTrimmed(Pattern pattern, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String trimmed = raw.trim();
    return pattern.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
  }
}
