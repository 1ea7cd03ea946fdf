package re.blot.server.store;

/**
 * The server's expiry test ({@code Token.isExpired}): expired when {@code lifetime < floor((now -
 * issued) / 1000)}, so a token lives for its lifetime plus up to 0.999 s.
 */
public record Expiry(long issuedMs, long lifetimeSeconds) {

  boolean isExpired(long nowMs) {
    return lifetimeSeconds < Math.floorDiv(nowMs - issuedMs, 1000);
  }

  long secondsLeft(long nowMs) {
    return Math.max(0, lifetimeSeconds - Math.floorDiv(nowMs - issuedMs, 1000));
  }

  Expiry shiftedBack(long millis) {
    return new Expiry(issuedMs - millis, lifetimeSeconds);
  }
}
