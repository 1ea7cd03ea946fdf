package re.blot.server.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Makes ObjectIds, tokens and one-time codes in the formats of contract §2.1. */
final class Ids {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger counter = new AtomicInteger(random.nextInt(1 << 24));
  private final Clock clock;

  Ids(Clock clock) {
    this.clock = clock;
  }

  /** A 24-hex id: 4 bytes of seconds, 5 random bytes, a 3-byte counter (like BSON ObjectIds). */
  String objectId() {
    long seconds = clock.millis() / 1000;
    return String.format(
        Locale.ROOT,
        "%08x%010x%06x",
        seconds & 0xffffffffL,
        random.nextLong() & 0xffffffffffL,
        counter.getAndIncrement() & 0xffffff);
  }

  /** A 48-character alphanumeric access/refresh token or client secret. */
  String token() {
    return randomText(48);
  }

  /** An 8-character case-sensitive one-time code. */
  String oneTimeCode() {
    return randomText(8);
  }

  private String randomText(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }

  /**
   * The canonical (lower-case) form of an id, or empty when it is not an ObjectId (which means "not
   * found").
   */
  static Optional<String> parseObjectId(String id) {
    return id != null && OBJECT_ID.matcher(id).matches()
        ? Optional.of(id.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }
}
