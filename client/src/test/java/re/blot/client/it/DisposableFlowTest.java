package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static re.blot.client.it.Refusals.restError;
import static re.blot.client.it.Refusals.tokenError;
import static re.blot.client.it.ServerExtension.NOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.client.Blotre;
import re.blot.client.RestException;
import re.blot.client.model.Creds;
import re.blot.client.model.DisposableClient;
import re.blot.client.model.TokenInfo;
import re.blot.client.model.User;

/** A disposable client (the Plant're way) from its creation to rotated tokens (contract §3). */
class DisposableFlowTest {
  @RegisterExtension static final ServerExtension EMULATOR = new ServerExtension();

  private static final String INVALID_GRANT = "invalid_grant";

  @Test
  void fromCreationThroughRedeemAndRefreshToTheOldTokenRefused() {
    Blotre app = Blotre.createDisposable(EMULATOR.config(), "Plant're", "Blot're you a plant.");
    DisposableClient client = app.getDisposableClient();
    assertThat(client.name()).isEqualTo("Plant're");
    assertThat(client.code()).matches("[A-Za-z0-9]{8}");
    assertThat(client.expiresAt()).isEqualTo(NOW.plusSeconds(1200));
    assertThat(app.getClientInfo().clientId()).isEqualTo(client.id());
    assertThat(app.getCreds()).isNull();

    // The user has not redeemed the code yet: refused, and the app may retry.
    tokenError(app::redeemOnetimeCode, INVALID_GRANT);
    assertThat(app.getCreds()).isNull();

    EMULATOR.emulator().redeem(client.code(), "demo");
    Creds creds = app.redeemOnetimeCode();
    User demo = creds.user();
    assertThat(demo.userName()).isEqualTo("demo");
    assertThat(EMULATOR.anonymous().getStream(demo.rootStream()).uri()).isEqualTo("demo");
    assertThat(creds.tokenType()).isEqualTo("bearer");
    assertThat(creds.expiresIn()).isEqualTo(7200);
    assertThat(app.getCreds()).isEqualTo(creds);
    tokenError(app::redeemOnetimeCode, INVALID_GRANT);

    Creds rotated = app.exchangeRefreshToken();
    assertThat(rotated.accessToken()).isNotEqualTo(creds.accessToken());
    assertThat(rotated.refreshToken()).isNotEqualTo(creds.refreshToken());
    assertThat(rotated.user()).isEqualTo(demo);
    assertThat(app.getCreds()).isEqualTo(rotated);

    // The old tokens are unknown now, not expired: a plain 401, so the client does not refresh.
    List<Creds> changes = new ArrayList<>();
    Blotre stale = app.newBuilder().creds(creds).credsListener(changes::add).build();
    RestException refused =
        restError(
            () -> stale.setStreamStatus(demo.rootStream(), "#00ff00"),
            401,
            "Action requires authorization.");
    assertThat(refused.getCause()).isNull();
    tokenError(stale::exchangeRefreshToken, INVALID_GRANT);
    assertThat(changes).isEmpty();

    TokenInfo info = app.getTokenInfo();
    assertThat(info).isEqualTo(new TokenInfo(NOW, 7200, client.id(), demo));
    assertThat(app.setStreamStatus(demo.rootStream(), "#00ff00").color()).isEqualTo("#00ff00");
  }

  @Test
  void userRedeemsTheCodeOnThePageTheClientNames() {
    Blotre app = Blotre.createDisposable(EMULATOR.config(), "Plant're", "");

    HttpUrl end = Browser.redeem(app.getRedeemUrl(), app.getDisposableClient().code(), "alice");

    assertThat(end.encodedPath()).isEqualTo("/v0/oauth2/redeemSuccessful");
    assertThat(app.redeemOnetimeCode().user().userName()).isEqualTo("alice");
  }

  @Test
  void aRestartedAppRedeemsTheCodeItSaved() {
    Blotre created = Blotre.createDisposable(EMULATOR.config(), "Plant're", "");
    String code = created.getDisposableClient().code();
    EMULATOR.emulator().redeem(code, "alice");

    Blotre restarted = EMULATOR.config().clientInfo(created.getClientInfo()).build();

    assertThat(restarted.redeemOnetimeCode(code).user().userName()).isEqualTo("alice");
    assertThat(restarted.getCreds().user().userName()).isEqualTo("alice");
  }

  @Test
  void codeExpiresTwentyMinutesAfterCreation() {
    Blotre app = Blotre.createDisposable(EMULATOR.config(), "Plant're", "");
    EMULATOR.emulator().redeem(app.getDisposableClient().code(), "demo");

    EMULATOR.emulator().ageTokens(Duration.ofSeconds(1201));

    tokenError(app::redeemOnetimeCode, INVALID_GRANT);
  }

  @Test
  void nameMustHaveThreeCharacters() {
    RestException e =
        restError(
            () -> Blotre.createDisposable(EMULATOR.config(), "ab", ""),
            400,
            "Could not process request");

    assertThat(e.details()).containsOnlyKeys("obj.name");
  }
}
