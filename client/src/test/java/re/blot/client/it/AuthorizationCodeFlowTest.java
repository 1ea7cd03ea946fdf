package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static re.blot.client.it.Refusals.tokenError;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.client.Blotre;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.server.RegisteredClient;

/** A registered app gets a user's consent in the browser and redeems the code (contract §2.2). */
class AuthorizationCodeFlowTest {
  @RegisterExtension static final ServerExtension EMULATOR = new ServerExtension();

  private static Blotre app(String redirectUri) {
    RegisteredClient registered = EMULATOR.emulator().registeredClient().orElseThrow();
    return EMULATOR
        .config()
        .clientInfo(new ClientInfo(registered.clientId(), registered.clientSecret(), redirectUri))
        .build();
  }

  private static String registeredRedirect() {
    return EMULATOR.emulator().registeredClient().orElseThrow().redirectUri();
  }

  @Test
  void userAllowsTheAppWhichThenActsForThem() {
    Blotre app = app(registeredRedirect());

    HttpUrl redirect = Browser.allow(app.getAuthorizationUrl("xyz"), "demo");
    Creds creds = app.redeemAuthorizationCode(redirect.queryParameter("code"));

    assertThat(redirect.newBuilder().query(null).build().toString())
        .isEqualTo(registeredRedirect());
    // The emulator returns the state, as the server meant to (its bug B6 loses it).
    assertThat(redirect.queryParameter("state")).isEqualTo("xyz");
    assertThat(creds.user().userName()).isEqualTo("demo");
    assertThat(app.getCreds()).isEqualTo(creds);
    assertThat(app.setStreamStatus(creds.user().rootStream(), "#abcdef").color())
        .isEqualTo("#abcdef");
  }

  @Test
  void codeIsBoundToItsRedirectAndUsedOnce() {
    Blotre app = app(registeredRedirect());
    String code = Browser.allow(app.getAuthorizationUrl(), "alice").queryParameter("code");

    tokenError(
        () -> app("http://localhost/elsewhere").redeemAuthorizationCode(code), "invalid_grant");
    assertThat(app.redeemAuthorizationCode(code).user().userName()).isEqualTo("alice");
    tokenError(() -> app.redeemAuthorizationCode(code), "invalid_grant");
  }
}
