package re.blot.client.model;

/** Masks secrets in descriptions: shows only whether a secret is there. */
final class Redaction {
  private Redaction() {}

  static String mask(String secret) {
    return secret == null ? "null" : "<redacted>";
  }
}
