package re.blot.server.store;

/**
 * A newly created disposable client with its secret and one-time code (§3.1), the only time they
 * exist in plain text.
 */
public record DisposableClient(ClientRecord client, String secret, String code, long expiresIn) {

  @Override
  public String toString() {
    return "DisposableClient[client=" + client + "]";
  }
}
