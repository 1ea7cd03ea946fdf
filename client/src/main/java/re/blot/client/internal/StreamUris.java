package re.blot.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Normalises stream uris exactly as the server does before every lookup: trim, whitespace to {@code
 * +}, lower case, drop one trailing {@code /}, and percent-encode only what a path segment cannot
 * hold raw.
 */
public final class StreamUris {
  /** Characters a path segment may hold raw (RFC 3986 pchar, without {@code %}). */
  private static final String PCHAR_PUNCTUATION = "-._~!$&'()*+,;=:@";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private StreamUris() {}

  /**
   * Normalises a uri to the server's canonical form.
   *
   * <p>Escapes already present ({@code %27}, {@code %C3%BC}) are decoded and re-encoded only if
   * needed, so the result is the same however the input was encoded; an encoded space ({@code %20})
   * becomes {@code +} as a literal one does. A {@code %} that does not start an escape is encoded
   * as {@code %25}. Normalising a result again changes nothing, unless it still ends with {@code /}
   * (only one trailing slash is removed per pass, as on the server).
   *
   * @param uri the uri, for example {@code " Matt/Mr Tree/ "}
   * @return the canonical uri, for example {@code matt/mr+tree}
   */
  public static String normalize(String uri) {
    Objects.requireNonNull(uri, "uri");
    String cleaned = uri.strip().replaceAll("\\s", "+").toLowerCase(Locale.ROOT);
    if (cleaned.endsWith("/")) {
      cleaned = cleaned.substring(0, cleaned.length() - 1);
    }
    StringBuilder out = new StringBuilder(cleaned.length());
    String[] segments = cleaned.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      // Per segment, as the server decodes: an escaped "/" stays inside its segment.
      for (byte b : decode(segments[i])) {
        appendByte(out, b);
      }
    }
    return out.toString();
  }

  /**
   * Normalises each part and joins them with {@code /}.
   *
   * @param parts uri parts, for example a parent uri and a child name
   * @return the joined uri, for example {@code matt/mr+tree} for {@code ("matt", "Mr Tree")}
   */
  public static String join(String... parts) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        joined.append('/');
      }
      joined.append(normalize(parts[i]));
    }
    return joined.toString();
  }

  /** A segment's bytes: valid {@code %XX} escapes decoded, everything else as UTF-8. */
  private static byte[] decode(String uri) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(uri.length());
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      if (c == '%'
          && i + 2 < uri.length()
          && isHex(uri.charAt(i + 1))
          && isHex(uri.charAt(i + 2))) {
        bytes.write(Integer.parseInt(uri.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int end = i + Character.charCount(uri.codePointAt(i));
        bytes.writeBytes(uri.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toByteArray();
  }

  private static void appendByte(StringBuilder out, byte b) {
    char c = (char) (b & 0xff);
    if (isPchar(c)) {
      out.append(c);
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
      out.append('+');
    } else {
      out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
  }

  private static boolean isPchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || PCHAR_PUNCTUATION.indexOf(c) >= 0;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
