package re.blot.server;

/** The app registered in the emulator for the authorization-code flow. */
public record RegisteredClient(String clientId, String clientSecret, String redirectUri) {

  @Override
  public String toString() {
    return "RegisteredClient[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
  }
}
