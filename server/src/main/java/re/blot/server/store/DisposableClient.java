package re.blot.server.store;

/** A newly created disposable client with its one-time code (§3.1). */
public record DisposableClient(ClientRecord client, String code, long expiresIn) {

  @Override
  public String toString() {
    return "DisposableClient[client=" + client + "]";
  }
}
