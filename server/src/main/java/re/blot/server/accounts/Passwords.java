package re.blot.server.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.util.Optional;

/**
 * Password hashing with bcrypt: what the storage keeps is the hash with its salt and cost, never
 * the password. Passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512 instead of
 * being cut short.
 */
public final class Passwords {
  /** The cost of new hashes: about 0.1 s on a desktop, 0.5 s on a Raspberry Pi 3. */
  public static final int DEFAULT_COST = 10;

  public static final int MIN_LENGTH = 8;

  /** Longer input is refused before any hashing, so it cannot be used to burn CPU. */
  public static final int MAX_LENGTH = 200;

  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(VERSION);

  /**
   * Checked against when the user has no hash, so an unknown name takes as long as a wrong password
   * and does not give itself away.
   */
  private final String decoy;

  private final int cost;

  /**
   * @param cost bcrypt's log2 work factor, 4 to 31 (tests use 4)
   */
  public Passwords(int cost) {
    if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
      throw new IllegalArgumentException("bcrypt cost must be 4 to 31, was " + cost);
    }
    this.cost = cost;
    this.decoy = BCrypt.with(VERSION, LONG).hashToString(cost, "decoy-password".toCharArray());
  }

  /** What is wrong with a new password, in a sentence for the person typing it; empty when fine. */
  public static Optional<String> problem(char[] password) {
    if (password.length < MIN_LENGTH) {
      return Optional.of("A password needs at least " + MIN_LENGTH + " characters.");
    }
    if (password.length > MAX_LENGTH) {
      return Optional.of("A password may have at most " + MAX_LENGTH + " characters.");
    }
    return Optional.empty();
  }

  /** The hash to store; throws {@link IllegalArgumentException} with the {@link #problem}. */
  public String hash(char[] password) {
    problem(password)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    return BCrypt.with(VERSION, LONG).hashToString(cost, password);
  }

  /** Whether {@code password} matches {@code hash}; an absent hash never matches. */
  public boolean matches(char[] password, Optional<String> hash) {
    if (password.length > MAX_LENGTH) {
      return false;
    }
    boolean verified =
        BCrypt.verifyer(VERSION, LONG).verify(password, hash.orElse(decoy).toCharArray()).verified;
    return verified && hash.isPresent();
  }
}
