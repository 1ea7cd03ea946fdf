package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static re.blot.client.it.Refusals.restError;
import static re.blot.client.it.Refusals.tokenError;
import static re.blot.client.it.ServerExtension.NOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.client.Blotre;
import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;

/** What happens to an authorized client as its tokens age, expire and are revoked. */
class TokenLifecycleTest {
  @RegisterExtension static final ServerExtension EMULATOR = new ServerExtension();

  private final List<Creds> changes = Collections.synchronizedList(new ArrayList<>());
  private Blotre app;
  private Creds original;
  private String root;

  @BeforeEach
  void authorize() {
    app = EMULATOR.authorizedAs("demo").newBuilder().credsListener(changes::add).build();
    original = app.getCreds();
    root = original.user().rootStream();
  }

  @Test
  void expiredAccessTokenIsRefreshedAndTheCallReplayed() {
    EMULATOR.emulator().expireAccessTokens();

    Status status = app.setStreamStatus(root, "#123456");

    assertThat(status.color()).isEqualTo("#123456");
    assertThat(EMULATOR.anonymous().getStreamStatus(root)).isEqualTo(status);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0)).isEqualTo(app.getCreds());
    assertThat(app.getCreds().accessToken()).isNotEqualTo(original.accessToken());
    assertThat(app.getCreds().refreshToken()).isNotEqualTo(original.refreshToken());
  }

  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    EMULATOR.emulator().expireAccessTokens();
    int callers = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Status>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<Status> call =
            () -> {
              start.await();
              return app.setStreamStatus(root, "#654321");
            };
        results.add(pool.submit(call));
      }
      start.countDown();
      for (Future<Status> result : results) {
        assertThat(result.get().color()).isEqualTo("#654321");
      }
    } finally {
      pool.shutdownNow();
    }
    // Refresh tokens rotate: a second refresh would have been refused and failed a caller.
    assertThat(changes).hasSize(1);
  }

  @Test
  void revokedTokenIsRefusedAndCannotBeRefreshed() {
    app.revoke();

    restError(app::getTokenInfo, 404, "No such token.");
    RestException e =
        restError(() -> app.setStreamStatus(root, "#00ff00"), 401, "Access token is expired.");
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            TokenEndpointException.class,
            refusal -> assertThat(refusal.error()).isEqualTo("invalid_grant"));
    assertThat(changes).isEmpty();
    assertThat(app.getCreds()).isEqualTo(original);
  }

  @Test
  void tokenInfoCountsDownTheAccessToken() {
    EMULATOR.emulator().ageTokens(Duration.ofSeconds(100));

    assertThat(app.getTokenInfo().expiresIn()).isEqualTo(7100);
    assertThat(app.getTokenInfo().issued()).isEqualTo(NOW.minusSeconds(100));
  }

  @Test
  void refreshTokenLastsFourteenDays() {
    EMULATOR.emulator().ageTokens(Duration.ofDays(14).plusSeconds(1));

    tokenError(app::exchangeRefreshToken, "invalid_grant");
    assertThat(app.getCreds()).isEqualTo(original);
  }

  @Test
  void credentialsHandedToAnotherClientWorkThereUntilCleared() {
    Blotre other = EMULATOR.anonymous();

    other.setCreds(app.getCreds());
    assertThat(other.setStreamStatus(root, "#abcdef").color()).isEqualTo("#abcdef");

    other.setCreds(null);
    assertThat(other.getCreds()).isNull();
    restError(() -> other.setStreamStatus(root, "#abcdef"), 401, "Action requires authorization.");
  }
}
