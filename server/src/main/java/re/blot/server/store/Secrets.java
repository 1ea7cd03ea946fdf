package re.blot.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of tokens, codes and client secrets: only hashes reach the storage, so a copy of the
 * database gives nobody access. The values are random (48 or 8 characters) and short-lived where
 * short, so an unsalted fast hash is enough.
 */
final class Secrets {
  private Secrets() {}

  static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
