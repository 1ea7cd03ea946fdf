package re.blot.client.disposable;

import java.util.Optional;

/**
 * A counter kept in {@code creds.expires_in} of a credentials file, so tests can tell whether an
 * update was lost, plus an access token whose length varies with the count, so a torn write would
 * show as a truncated or mismatched file.
 */
final class Counter {
  private Counter() {}

  static final StoredClient CLIENT =
      new StoredClient("55a3f1c2e4b0a1b2c3d4e5f6", "secret-of-the-test", "aB3dE5gH", null);

  static long value(CredentialsFile file) {
    return file.creds().map(StoredCreds::expiresIn).orElse(0L);
  }

  static CredentialsFile withValue(CredentialsFile file, long value) {
    String token = "t".repeat((int) (value * 7919 % 200_000)) + "#" + value;
    return file.withCreds(
        new StoredCreds(
            token,
            "bearer",
            value,
            "refresh-" + value,
            new StoredUser("55a3f0a1e4b0a1b2c3d4e5f0", "matt", "55a3f0a1e4b0a1b2c3d4e5f1"),
            null));
  }

  static CredentialsFile increment(Optional<CredentialsFile> current) {
    CredentialsFile file = current.orElseGet(() -> CredentialsFile.of(CLIENT));
    return withValue(file, value(file) + 1);
  }

  /** Checks that the token matches the count: a file mixing two writes would not. */
  static boolean isWhole(CredentialsFile file) {
    long value = value(file);
    return file.creds()
        .orElseThrow()
        .accessToken()
        .equals("t".repeat((int) (value * 7919 % 200_000)) + "#" + value);
  }
}
