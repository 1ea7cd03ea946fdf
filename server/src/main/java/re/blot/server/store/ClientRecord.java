package re.blot.server.store;

import java.util.List;

/**
 * An OAuth client. Registered clients have redirect uris (one per line in {@code redirectUri}) and
 * use the authorization-code grant; their {@code userId} is the developer who registered them, if
 * any. Disposable (one-time) clients have none and get bound to the user who redeems their code.
 * Only the SHA-256 of the secret is kept.
 */
public record ClientRecord(
    String id,
    String secretHash,
    String name,
    String blurb,
    String redirectUri,
    boolean disposable,
    String userId) {

  /** The registered redirect uris; empty for a disposable client. */
  public List<String> redirectUris() {
    return redirectUri == null ? List.of() : List.of(redirectUri.split("\n"));
  }

  ClientRecord boundTo(String user) {
    return new ClientRecord(id, secretHash, name, blurb, redirectUri, disposable, user);
  }

  @Override
  public String toString() {
    return "ClientRecord[id=" + id + ", name=" + name + ", disposable=" + disposable + "]";
  }
}
