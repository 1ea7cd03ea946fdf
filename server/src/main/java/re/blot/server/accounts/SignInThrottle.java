package re.blot.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per account and per client address in a fixed window, and says when one of
 * them must wait. Checked before any password is hashed, so a flood costs no CPU past the limits.
 * Kept in memory (per server instance); the number of tracked keys is capped, oldest dropped first,
 * so a flood from many addresses cannot fill the heap. Thread-safe.
 */
public final class SignInThrottle {
  /** Failed sign-ins an account may have in a window before it must wait. */
  public static final int ACCOUNT_LIMIT = 5;

  /** Failed sign-ins one address may make in a window, over all accounts. */
  public static final int ADDRESS_LIMIT = 20;

  public static final Duration WINDOW = Duration.ofMinutes(15);

  static final int MAX_KEYS = 10_000;

  private record Failures(long windowStart, int count) {}

  private final Clock clock;
  private final Map<String, Failures> failures = new LinkedHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * How long this account or address must wait before trying again; empty when it may try. A null
   * account asks about the address alone (sign-ups).
   */
  public synchronized Optional<Duration> waitFor(String account, String address) {
    long now = clock.millis();
    long until =
        Math.max(
            account == null
                ? 0
                : blockedUntil("account:" + normalised(account), ACCOUNT_LIMIT, now),
            blockedUntil("address:" + address, ADDRESS_LIMIT, now));
    return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
  }

  /**
   * Counts a failure; true when it made the account or the address wait (log it once). A null
   * account counts against the address alone (each sign-up does, so one address cannot make
   * accounts by the thousand).
   */
  public synchronized boolean failed(String account, String address) {
    long now = clock.millis();
    boolean accountWaits =
        account != null && count("account:" + normalised(account), now) == ACCOUNT_LIMIT;
    return count("address:" + address, now) == ADDRESS_LIMIT | accountWaits;
  }

  /** A successful sign-in forgets the account's failures (not the address's). */
  public synchronized void succeeded(String account) {
    failures.remove("account:" + normalised(account));
  }

  private long blockedUntil(String key, int limit, long now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < limit) {
      return 0;
    }
    return f.windowStart() + WINDOW.toMillis();
  }

  private int count(String key, long now) {
    Failures f = failures.remove(key);
    if (f == null || now - f.windowStart() >= WINDOW.toMillis()) {
      f = new Failures(now, 0);
    }
    Failures counted = new Failures(f.windowStart(), f.count() + 1);
    failures.put(key, counted);
    for (Iterator<Failures> oldest = failures.values().iterator();
        failures.size() > MAX_KEYS && oldest.hasNext(); ) {
      oldest.next();
      oldest.remove();
    }
    return counted.count();
  }

  /** Cut to a user name's length, so a flood of huge names cannot fill the heap. */
  private static String normalised(String account) {
    String name = account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
