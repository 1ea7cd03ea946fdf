package re.blot.server.store;

/**
 * An OAuth client. Registered clients have a redirect uri and use the authorization-code grant;
 * disposable (one-time) clients have none and get bound to the user who redeems their code. Only
 * the SHA-256 of the secret is kept.
 */
public record ClientRecord(
    String id,
    String secretHash,
    String name,
    String blurb,
    String redirectUri,
    boolean disposable,
    String userId) {

  ClientRecord boundTo(String user) {
    return new ClientRecord(id, secretHash, name, blurb, redirectUri, disposable, user);
  }

  @Override
  public String toString() {
    return "ClientRecord[id=" + id + ", name=" + name + ", disposable=" + disposable + "]";
  }
}
