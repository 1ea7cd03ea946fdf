package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static re.blot.client.Fixtures.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;

/** Refresh-and-replay on the expired-token challenge, and only there. */
class RefreshTest {
  private static final String STATUS_PATH = "/v0/api/stream/" + STREAM_ID + "/status";

  @StartStop final MockWebServer server = new MockWebServer();

  private final List<Creds> changes = Collections.synchronizedList(new ArrayList<>());

  private Blotre blotre() {
    return config(server).credsListener(changes::add).build();
  }

  @Test
  void expiredChallengeRefreshesOnceAndReplaysTheRequestIntact() throws Exception {
    server.enqueue(expired());
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    server.enqueue(json(200, STATUS_JSON));
    Blotre blotre = blotre();

    Status status = blotre.setStreamStatus(STREAM_ID, "#00ff00");

    assertThat(status).isEqualTo(STATUS);
    RecordedRequest original = server.takeRequest();
    RecordedRequest refresh = server.takeRequest();
    RecordedRequest replay = server.takeRequest();
    assertThat(original.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
    assertThat(refresh.getTarget()).isEqualTo("/v0/oauth2/access_token");
    assertThat(refresh.getBody().utf8())
        .isEqualTo(
            "grant_type=refresh_token&client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET
                + "&refresh_token="
                + REFRESH_TOKEN);
    assertThat(replay.getMethod()).isEqualTo("POST");
    assertThat(replay.getTarget()).isEqualTo(STATUS_PATH);
    assertThat(replay.getBody().utf8()).isEqualTo("{\"color\":\"#00ff00\"}");
    assertThat(replay.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    assertThat(replay.getHeaders().get("Authorization")).isEqualTo("Bearer " + NEW_ACCESS_TOKEN);
    assertThat(blotre.getCreds()).isEqualTo(NEW_CREDS);
    assertThat(changes).containsExactly(NEW_CREDS);
  }

  @Test
  void a401WithoutTheChallengeIsTheCallersError() {
    server.enqueue(json(401, envelope("Action requires authorization.")));
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .setHeader("WWW-Authenticate", "Bearer realm=\"blot.re\"")
            .body(envelope("Action requires authorization."))
            .build());
    Blotre blotre = blotre();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> blotre.deleteStream(STREAM_ID))
          .isInstanceOfSatisfying(
              RestException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.error()).isEqualTo("Action requires authorization.");
              });
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(changes).isEmpty();
  }

  @Test
  void withoutARefreshTokenTheExpiredErrorReachesTheCaller() {
    server.enqueue(expired());
    Blotre blotre = config(server).creds(Creds.ofAccessToken(ACCESS_TOKEN)).build();

    assertThatThrownBy(() -> blotre.deleteStream(STREAM_ID))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.error()).isEqualTo("Access token is expired."));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aFailedRefreshCarriesTheOriginal401AndTheRefreshFailure() {
    server.enqueue(expired());
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"\"}"));
    Blotre blotre = blotre();

    assertThatThrownBy(() -> blotre.setStreamStatus(STREAM_ID, "#00ff00"))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error()).isEqualTo("Access token is expired.");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      TokenEndpointException.class,
                      cause -> assertThat(cause.error()).isEqualTo("invalid_grant"));
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(blotre.getCreds()).isEqualTo(CREDS);
    assertThat(changes).isEmpty();
  }

  @Test
  void anExpiredReplayIsNotRefreshedAgain() {
    server.enqueue(expired());
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    server.enqueue(expired());
    Blotre blotre = blotre();

    assertThatThrownBy(() -> blotre.deleteStream(STREAM_ID))
        .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(changes).containsExactly(NEW_CREDS);
  }

  @Test
  void eightConcurrentCallsOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
    int callers = 8;
    AtomicInteger refreshes = new AtomicInteger();
    CountDownLatch allExpired = new CountDownLatch(callers);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getTarget().equals("/v0/oauth2/access_token")) {
              refreshes.incrementAndGet();
              return json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN));
            }
            if (("Bearer " + NEW_ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))) {
              return json(200, STATUS_JSON);
            }
            // Hold every caller on the old token until all have hit it: a real race.
            allExpired.countDown();
            allExpired.await(10, TimeUnit.SECONDS);
            return expired();
          }
        });
    Blotre blotre = blotre();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Status>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> blotre.setStreamStatus(STREAM_ID, "#00ff00")));
      }
      for (Future<Status> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(STATUS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allExpired.getCount()).as("all callers hit the expired token").isZero();
    assertThat(refreshes.get()).isEqualTo(1);
    assertThat(changes).containsExactly(NEW_CREDS);
  }

  @Test
  void aRequestThatRacedARefreshIsReplayedWithTheNewTokenWithoutRefreshing() throws Exception {
    Blotre[] holder = new Blotre[1];
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (("Bearer " + ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))) {
              // Another thread's refresh lands while this request is at the server: the
              // old token is now unknown, which the server answers without a challenge.
              holder[0].setCreds(NEW_CREDS);
              return json(401, envelope("Action requires authorization."));
            }
            return json(200, STATUS_JSON);
          }
        });
    holder[0] = blotre();

    assertThat(holder[0].setStreamStatus(STREAM_ID, "#00ff00")).isEqualTo(STATUS);
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + NEW_ACCESS_TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRequestRefusedWhileAnotherThreadReadsTheNewTokensWaitsForThem() throws Exception {
    CountDownLatch rotated = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getTarget().equals("/v0/oauth2/access_token")) {
              rotated.countDown();
              // The server has rotated the tokens; the refreshing thread reads them later.
              return json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN))
                  .newBuilder()
                  .headersDelay(500, TimeUnit.MILLISECONDS)
                  .build();
            }
            if (("Bearer " + NEW_ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))) {
              return json(200, STATUS_JSON);
            }
            return rotated.getCount() == 0
                ? json(401, envelope("Action requires authorization."))
                : expired();
          }
        });
    Blotre blotre = blotre();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Status> refreshing = pool.submit(() -> blotre.setStreamStatus(STREAM_ID, "#00ff00"));
      rotated.await();

      assertThat(blotre.setStreamStatus(STREAM_ID, "#00ff00")).isEqualTo(STATUS);
      assertThat(refreshing.get()).isEqualTo(STATUS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(changes).containsExactly(NEW_CREDS);
  }

  @Test
  void aFailingListenerDoesNotFailTheCallThatRefreshed() {
    server.enqueue(expired());
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    server.enqueue(json(200, STATUS_JSON));
    Blotre blotre =
        config(server)
            .credsListener(
                creds -> {
                  throw new IllegalStateException("disk full");
                })
            .build();

    assertThat(blotre.setStreamStatus(STREAM_ID, "#00ff00")).isEqualTo(STATUS);
    assertThat(blotre.getCreds()).isEqualTo(NEW_CREDS);
  }

  @Test
  void setCredsTellsTheListenerOnce() {
    Blotre blotre = blotre();

    blotre.setCreds(NEW_CREDS);
    blotre.setCreds(null);

    assertThat(changes).containsExactly(NEW_CREDS, null);
    assertThat(blotre.getCreds()).isNull();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void explicitRefreshWithoutARefreshTokenNamesTheProblem() {
    Blotre blotre = config(server).creds(Creds.ofAccessToken(ACCESS_TOKEN)).build();

    assertThatThrownBy(blotre::exchangeRefreshToken)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no refresh token");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRequestIsNeverSentAThirdTime() {
    AtomicInteger statusRequests = new AtomicInteger();
    Blotre[] holder = new Blotre[1];
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getTarget().equals("/v0/oauth2/access_token")) {
              return json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN));
            }
            if (statusRequests.incrementAndGet() == 1) {
              return expired();
            }
            // The replay races yet another change of the tokens: it could be replayed again,
            // but a request goes out at most twice.
            holder[0].setCreds(CREDS);
            return json(401, envelope("Action requires authorization."));
          }
        });
    holder[0] = blotre();

    assertThatThrownBy(() -> holder[0].setStreamStatus(STREAM_ID, "#00ff00"))
        .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(statusRequests.get()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aSlowListenerNeverHoldsUpOtherRequests() throws Exception {
    CountDownLatch deleteSent = new CountDownLatch(1);
    CountDownLatch listenerCalled = new CountDownLatch(1);
    CountDownLatch deleteDone = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            boolean fresh =
                ("Bearer " + NEW_ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"));
            if (request.getTarget().equals("/v0/oauth2/access_token")) {
              deleteSent.await(20, TimeUnit.SECONDS);
              return json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN));
            }
            if (request.getTarget().endsWith("/status")) {
              return fresh ? json(200, STATUS_JSON) : expired();
            }
            if (fresh) {
              return json(200, STREAM_JSON);
            }
            // The delete went out with the old token while the refresh was under way; by the
            // time the server answers, the token has been replaced and the listener is saving.
            deleteSent.countDown();
            listenerCalled.await(20, TimeUnit.SECONDS);
            return json(401, envelope("Action requires authorization."));
          }
        });
    Blotre blotre =
        config(server)
            .credsListener(
                creds -> {
                  listenerCalled.countDown();
                  try {
                    deleteDone.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Status> refreshing = pool.submit(() -> blotre.setStreamStatus(STREAM_ID, "#00ff00"));
      Future<?> deleting = pool.submit(() -> blotre.deleteStream(STREAM_ID));

      // Under a lock, the delete's look for newer tokens would wait out the listener (20 s).
      deleting.get(10, TimeUnit.SECONDS);
      deleteDone.countDown();

      assertThat(refreshing.get(20, TimeUnit.SECONDS)).isEqualTo(STATUS);
    } finally {
      deleteDone.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aTokenStoreAndCredsTogetherAreRefused() {
    TokenStore store = TokenStore.inMemory(CREDS, null);

    assertThatThrownBy(() -> config(server).tokenStore(store).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token store");
  }

  @Test
  void aGivenTokenStoreIsTheOnlyPlaceCredentialsAreReadRefreshedAndKept() throws Exception {
    server.enqueue(expired());
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    server.enqueue(json(200, STATUS_JSON));
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    TokenStore memory = TokenStore.inMemory(CREDS, null);
    TokenStore recording =
        new TokenStore() {
          @Override
          public Creds current() {
            return memory.current();
          }

          @Override
          public void replace(Creds creds) {
            calls.add("replace");
            memory.replace(creds);
          }

          @Override
          public Creds latest() {
            calls.add("latest");
            return memory.latest();
          }

          @Override
          public Creds refresh(String staleAccessToken, UnaryOperator<Creds> grant) {
            calls.add("refresh " + staleAccessToken);
            return memory.refresh(staleAccessToken, grant);
          }
        };
    Blotre blotre =
        Blotre.builder()
            .baseUrl(server.url("/").toString())
            .clientInfo(CLIENT)
            .tokenStore(recording)
            .build();

    assertThat(blotre.setStreamStatus(STREAM_ID, "#00ff00")).isEqualTo(STATUS);

    assertThat(calls).containsExactly("refresh " + ACCESS_TOKEN);
    assertThat(blotre.getCreds()).isEqualTo(NEW_CREDS);
    assertThat(blotre.newBuilder().build().getCreds()).isEqualTo(NEW_CREDS);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + NEW_ACCESS_TOKEN);
  }
}
