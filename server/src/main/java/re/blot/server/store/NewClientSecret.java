package re.blot.server.store;

/**
 * A developer's client with its new secret: the only time the secret exists in plain text, shown
 * once on the page.
 */
public record NewClientSecret(ClientRecord client, String secret) {

  @Override
  public String toString() {
    return "NewClientSecret[client=" + client + "]";
  }
}
