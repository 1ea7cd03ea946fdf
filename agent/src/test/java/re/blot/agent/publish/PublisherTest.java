package re.blot.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.ServerControl;
import re.blot.agent.color.Rgb;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.measure.Reading;
import re.blot.agent.schedule.FixedRateScheduler.Waiter;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.TransportException;
import re.blot.server.BlotreServer;
import re.blot.server.store.StoreEvent;

/**
 * The publisher against the emulator, with faults from its control API. Retries wait on a fake
 * monotonic clock, so backoff delays are exact and nothing sleeps.
 */
class PublisherTest {
  private static final String BROWN = "#654d00";
  private static final String GREEN = "#008000";
  private static final String OLIVE = "#4f9150";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final BlotreServer emulator =
      BlotreServer.builder().user("demo").controlApi(true).start();
  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> retryWaits = new CopyOnWriteArrayList<>();
  private final AtomicInteger authorizations = new AtomicInteger();
  private final List<Blotre> clients = new CopyOnWriteArrayList<>();
  private final List<String> postedColors = new CopyOnWriteArrayList<>();
  private volatile boolean holdRetries;
  private Publisher publisher;

  // Retry waits pass at once on the fake clock, unless held; with nothing to retry it really waits.
  private final Waiter waiter =
      (latch, waitNanos) -> {
        if (waitNanos == Long.MAX_VALUE || holdRetries) {
          latch.await();
          return true;
        }
        retryWaits.add(Duration.ofNanos(waitNanos));
        nanos.addAndGet(waitNanos);
        return false;
      };

  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return Instant.parse("2026-11-28T09:00:00Z").plusNanos(nanos.get());
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };

  PublisherTest() {
    emulator
        .store()
        .addListener(
            event -> {
              if (event instanceof StoreEvent.StatusUpdated updated) {
                postedColors.add(updated.stream().status().color());
              }
            });
  }

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.close(Duration.ofSeconds(5));
    }
    emulator.close();
  }

  @Test
  void firstPushCreatesTheStreamUnderTheRootThenOnlySetsItsStatus() throws Exception {
    start(this::authorizeAsDemo);

    assertThat(push(BROWN).text()).isEqualTo("pushed to the new stream demo/plant");
    assertThat(colorOf("demo/plant")).isEqualTo(BROWN);

    assertThat(push(GREEN)).isEqualTo(PushResult.PUSHED);
    assertThat(colorOf("demo/plant")).isEqualTo(GREEN);
    assertThat(emulator.store().allStreams()).hasSize(2);
    assertThat(publisher.lastPush()).contains(clock.instant());
  }

  @Test
  void anUnchangedColorIsNotPushedAgainWhenTheHeartbeatIsNotDue() throws Exception {
    start(this::authorizeAsDemo, AgentConfig.defaults().withServerUrl(emulator.baseUrl()), 2);

    push(BROWN);
    assertThat(push(BROWN)).isEqualTo(PushResult.UNCHANGED);
    assertThat(push(BROWN)).isEqualTo(PushResult.PUSHED);
    assertThat(postedColors).containsExactly(BROWN, BROWN);
  }

  @Test
  void aRunOf503sIsOneWarnWhenItStartsAndOneInfoWhenItEnds() throws Exception {
    start(this::authorizeAsDemo);
    push(BROWN);
    ServerControl.fail(emulator, "POST", "/v0/api/stream/", 3, 503);

    PushResult failed = push(GREEN);

    assertThat(failed.text())
        .startsWith("push failed (POST /v0/api/stream/")
        .contains("-> 503")
        .endsWith("), retrying");
    Await.until("the retried push", () -> GREEN.equals(colorOf("demo/plant")));
    Await.until("the end of the outage", () -> publisher.outage().isEmpty());
    assertThat(retryWaits)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(logs.messages(Level.WARN, ""))
        .singleElement()
        .asString()
        .startsWith("Cannot push to " + emulator.baseUrl() + ": POST /v0/api/stream/")
        .contains("503: down for maintenance");
    assertThat(logs.messages(Level.INFO, OutageLog.class.getName()))
        .singleElement()
        .asString()
        .startsWith(
            "Pushing to "
                + emulator.baseUrl()
                + " works again after 14 s (3 failed tries);"
                + " the last error was: POST /v0/api/stream/")
        .endsWith("-> 503: down for maintenance");
    assertThat(publisher.lastPush()).contains(Instant.parse("2026-11-28T09:00:14Z"));
  }

  @Test
  void noNetworkAtBootIsAnOutageThatEndsWhenTheServerAnswers() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    start(
        () -> {
          if (tries.incrementAndGet() <= 2) {
            throw new TransportException(
                "PUT /v0/oauth2/disposable failed:" + " java.net.UnknownHostException: blot.re",
                new UnknownHostException("blot.re"));
          }
          return authorizeAsDemo();
        });

    assertThat(push(BROWN).text()).contains("UnknownHostException");

    Await.until("the push once the network is up", () -> BROWN.equals(colorOf("demo/plant")));
    Await.until("the end of the outage", () -> publisher.outage().isEmpty());
    assertThat(logs.messages(Level.WARN, "")).hasSize(1);
    assertThat(logs.messages(Level.INFO, OutageLog.class.getName()))
        .singleElement()
        .asString()
        .contains("works again after 6 s (2 failed tries)");
  }

  @Test
  void aNewerReadingReplacesOneWaitingForItsRetry() throws Exception {
    start(this::authorizeAsDemo);
    push(OLIVE);
    ServerControl.fail(emulator, "POST", "/v0/api/stream/", 1, 503);
    holdRetries = true;

    assertThat(push(BROWN).succeeded()).isFalse();
    assertThat(push(GREEN)).isEqualTo(PushResult.PUSHED);

    assertThat(postedColors).containsExactly(OLIVE, GREEN);
  }

  @Test
  void anExpiredAccessTokenIsRefreshedWithoutMissingAReading() throws Exception {
    start(this::authorizeAsDemo);
    push(BROWN);
    String oldToken = clients.get(0).getCreds().accessToken();

    emulator.expireAccessTokens();

    assertThat(push(GREEN)).isEqualTo(PushResult.PUSHED);
    assertThat(colorOf("demo/plant")).isEqualTo(GREEN);
    assertThat(clients.get(0).getCreds().accessToken()).isNotEqualTo(oldToken);
    assertThat(logs.messages(Level.WARN, "")).isEmpty();
  }

  @Test
  void revokedCredentialsAreAuthorizedAgainAndTheReadingStillArrives() throws Exception {
    start(this::authorizeAsDemo);
    push(BROWN);

    clients.get(0).revoke();

    assertThat(push(GREEN).text())
        .contains("Blot're refused the refresh token")
        .contains("invalid_grant");
    Await.until("the push after authorizing again", () -> GREEN.equals(colorOf("demo/plant")));
    assertThat(authorizations).hasValue(2);
    // The WARN a person acts on is the one with the new code (AuthorizationChannel).
    assertThat(logs.messages(Level.INFO, Publisher.class.getName()))
        .singleElement()
        .asString()
        .contains("authorizing the agent anew");
    assertThat(logs.messages(Level.WARN, OutageLog.class.getName())).isEmpty();
    assertThat(emulator.store().allStreams()).hasSize(2);
  }

  @Test
  void aPushTheServerRefusesIsReportedAsRefusedNotAsUnreachable() throws Exception {
    emulator.addUser("neighbour");
    AgentConfig defaults = AgentConfig.defaults().withServerUrl(emulator.baseUrl());
    start(
        this::authorizeAsDemo,
        new AgentConfig(
            defaults.serverUrl(),
            Optional.of("neighbour"),
            defaults.interval(),
            1,
            defaults.sampling(),
            defaults.sensors()),
        1);

    assertThat(push(BROWN).text())
        .isEqualTo(
            "push failed (refused by the server: PUT /v0/api/stream -> 401: User does not have"
                + " permission to add child.), retrying");
    assertThat(logs.messages(Level.WARN, ""))
        .singleElement()
        .asString()
        .contains("refused by the server: PUT /v0/api/stream -> 401")
        .doesNotContain("unreachable");
    assertThat(authorizations).hasValue(1);
  }

  @Test
  void aDeletedStreamIsCreatedAgain() throws Exception {
    start(this::authorizeAsDemo);
    push(BROWN);
    Blotre owner = clients.get(0);
    owner.deleteStream(emulator.store().streamByUri("demo/plant").orElseThrow().id());

    assertThat(push(GREEN).text()).isEqualTo("pushed to the new stream demo/plant");
    assertThat(colorOf("demo/plant")).isEqualTo(GREEN);
  }

  @Test
  void readingsSayTheyWaitForAuthorizationWhileAPersonHasNotAuthorizedTheAgent() throws Exception {
    CountDownLatch authorized = new CountDownLatch(1);
    start(
        () -> {
          authorized.await();
          return authorizeAsDemo();
        });

    assertThat(push(BROWN)).isEqualTo(PushResult.WAITING_FOR_AUTHORIZATION);
    assertThat(publisher.publish(reading(OLIVE)))
        .isCompletedWithValue(PushResult.WAITING_FOR_AUTHORIZATION);
    authorized.countDown();

    Await.until("the push once authorized", () -> OLIVE.equals(colorOf("demo/plant")));
    assertThat(postedColors).containsExactly(OLIVE);
  }

  @Test
  void closingAbandonsReadingsThatWait() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    holdRetries = true;
    start(
        () -> {
          tries.incrementAndGet();
          throw new TransportException("no network", new UnknownHostException("blot.re"));
        });
    push(BROWN);
    var waiting = publisher.publish(reading(GREEN));

    publisher.close(Duration.ofSeconds(5));

    assertThat(waiting.get(5, TimeUnit.SECONDS))
        .isIn(PushResult.ABANDONED, PushResult.failed("no network"));
    assertThat(publisher.publish(reading(OLIVE)).get()).isEqualTo(PushResult.ABANDONED);
  }

  private Blotre authorizeAsDemo() {
    authorizations.incrementAndGet();
    Blotre app =
        Blotre.createDisposable(
            Blotre.builder().baseUrl(emulator.baseUrl()), "blotre-agent", "Publisher test");
    emulator.redeem(app.getDisposableClient().code(), "demo");
    app.redeemOnetimeCode();
    clients.add(app);
    return app;
  }

  private void start(Authorizer authorizer) {
    start(authorizer, AgentConfig.defaults().withServerUrl(emulator.baseUrl()), 1);
  }

  private void start(Authorizer authorizer, AgentConfig config, int heartbeatEvery) {
    AgentConfig withHeartbeat =
        new AgentConfig(
            config.serverUrl(),
            config.parentStream(),
            config.interval(),
            heartbeatEvery,
            config.sampling(),
            config.sensors());
    publisher =
        Publisher.builder(withHeartbeat, authorizer)
            .backoff(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), () -> 0))
            .ticker(nanos::get)
            .clock(clock)
            .waiter(waiter)
            .start();
  }

  private PushResult push(String color) throws Exception {
    return publisher.publish(reading(color)).get(20, TimeUnit.SECONDS);
  }

  private Reading reading(String color) {
    return new Reading(
        "Plant", "Plant", 600, 50, Rgb.parse(color), clock.instant(), Optional.empty());
  }

  private String colorOf(String uri) {
    return emulator.store().streamByUri(uri).map(s -> s.status().color()).orElse(null);
  }
}
