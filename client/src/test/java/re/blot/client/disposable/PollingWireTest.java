package re.blot.client.disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import re.blot.client.Blotre;
import re.blot.server.ManualClock;

/** The exact requests and waits of the polling, against scripted replies. */
class PollingWireTest {
  static final String DISPOSABLE =
      "{\"name\":\"Plant're\",\"blurb\":\"b\",\"id\":\"55a3f1c2e4b0a1b2c3d4e5f6\","
          + "\"secret\":\"s3cr3tOfTheDisposableClient\",\"code\":\"aB3dE5gH\",\"expires_in\":1200}";
  static final String NOT_YET = "{\"error\":\"invalid_grant\",\"error_description\":\"\"}";
  static final String TOKEN =
      "{\"access_token\":\"accessTokenOfTheTest\",\"token_type\":\"bearer\",\"expires_in\":7200,"
          + "\"refresh_token\":\"refreshTokenOfTheTest\",\"user\":{\"id\":\"u1\",\"userName\":\"matt\",\"rootStream\":\"r1\"}}";

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final RecordingChannel channel = new RecordingChannel();

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  DisposableApp.Builder app() {
    return DisposableApp.builder("Plant're", "b")
        .credentialsFile(dir.resolve("creds.json"))
        .userChannel(channel)
        .baseUrl(server.url("/").toString())
        .clock(clock)
        .pollWaiter(
            (delay, wakeUp) -> {
              waits.add(delay);
              clock.advance(delay);
            });
  }

  @Test
  void pollsEveryFiveSecondsBacksOffOnServerErrorsAndNeverSpeedsUpAgain() throws Exception {
    server.enqueue(json(200, DISPOSABLE));
    server.enqueue(json(400, NOT_YET));
    server.enqueue(new MockResponse.Builder().code(503).body("<html>busy</html>").build());
    server.enqueue(new MockResponse.Builder().code(503).body("<html>busy</html>").build());
    server.enqueue(json(400, NOT_YET));
    server.enqueue(json(200, TOKEN));

    Blotre blotre = app().build().authorize();

    assertThat(blotre.getCreds().user().userName()).isEqualTo("matt");
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(20));
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v0/oauth2/disposable");
    for (int poll = 0; poll < 5; poll++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/v0/oauth2/access_token");
      assertThat(request.getBody().utf8())
          .isEqualTo(
              "grant_type=https%3A%2F%2Foauth2grant.blot.re%2Fonetime_code"
                  + "&client_id=55a3f1c2e4b0a1b2c3d4e5f6&client_secret=s3cr3tOfTheDisposableClient&code=aB3dE5gH");
    }
  }

  @Test
  void aLostConnectionBacksOffLikeAServerError() {
    server.enqueue(json(200, DISPOSABLE));
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
            .build());
    server.enqueue(json(200, TOKEN));

    app().build().authorize();

    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  @Test
  void theCodeExpiresByItsOwnClockEvenThoughTheServerOnlySaysInvalidGrant() {
    String shortLived = DISPOSABLE.replace("1200", "12");
    server.enqueue(json(200, shortLived));
    server.enqueue(json(400, NOT_YET));
    server.enqueue(json(400, NOT_YET));
    server.enqueue(json(200, DISPOSABLE.replace("aB3dE5gH", "Zz9Yy8Xx")));
    server.enqueue(json(200, TOKEN));

    app().build().authorize();

    assertThat(channel.prompts)
        .extracting(AuthorizationPrompt::code)
        .containsExactly("aB3dE5gH", "Zz9Yy8Xx");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aPollIntervalUnderFiveSecondsIsRefused() {
    assertThatThrownBy(() -> app().pollInterval(Duration.ofSeconds(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 5 s");
  }

  @Test
  void aBaseUrlThatTheFileCannotHoldIsRefusedAtOnce() {
    assertThatThrownBy(() -> app().baseUrl("https://example.com/blotre").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://example.com/blotre");
  }

  @Test
  void enterOnTheConsoleAsksForAnImmediateCheck() throws InterruptedException {
    StringWriter printed = new StringWriter();
    UserChannel console =
        UserChannels.console(new BufferedReader(new StringReader("\n")), new PrintWriter(printed));
    CountDownLatch checked = new CountDownLatch(1);

    console.showCode(
        new AuthorizationPrompt(
            "Plant're",
            "https://blot.re/v0/oauth2/redeem",
            "aB3dE5gH",
            Instant.parse("2026-11-28T09:20:00Z"),
            Duration.ofMinutes(20)),
        checked::countDown);

    assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(printed.toString())
        .contains("https://blot.re/v0/oauth2/redeem", "aB3dE5gH", "press Enter");
  }

  @Test
  void anOutageWhileRegisteringOrPollingIsOneWarnAndOneInfo() {
    MockResponse busy = new MockResponse.Builder().code(503).body("<html>busy</html>").build();
    server.enqueue(busy);
    server.enqueue(busy);
    server.enqueue(busy);
    server.enqueue(json(200, DISPOSABLE));
    server.enqueue(busy);
    server.enqueue(busy);
    server.enqueue(json(200, TOKEN));
    Logger logger = (Logger) LoggerFactory.getLogger(DisposableApp.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    // The test configuration shows only WARN and above; the INFO lines are part of the check.
    logger.setLevel(Level.INFO);
    try {
      app().build().authorize();
    } finally {
      logger.detachAppender(logged);
      logger.setLevel(null);
    }

    assertThat(logged.list)
        .filteredOn(event -> event.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .satisfiesExactly(
            first -> assertThat(first).startsWith("Cannot register Plant're with "),
            second -> assertThat(second).startsWith("Cannot check the code for Plant're with "));
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(message -> message.startsWith("Could "))
        .satisfiesExactly(
            first -> assertThat(first).startsWith("Could register Plant're with "),
            second -> assertThat(second).startsWith("Could check the code for Plant're with "));
  }

  @Test
  void theLogChannelWritesTheWholeMessageAsOneWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger("re.blot.client.disposable.authorization");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      UserChannels.log()
          .showCode(
              new AuthorizationPrompt(
                  "Plant're",
                  "https://blot.re/v0/oauth2/redeem",
                  "aB3dE5gH",
                  Instant.parse("2026-11-28T09:20:00Z"),
                  Duration.ofMinutes(20)),
              () -> {});
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains("https://blot.re/v0/oauth2/redeem", "aB3dE5gH", "20 minutes");
            });
  }

  @Test
  void withoutATerminalTheMessageGoesToTheLog() {
    // Tests run without a console, as a service does.
    assertThat(UserChannels.detect()).isInstanceOf(LogChannel.class);
  }

  @Test
  void aSignalEndsOneWaitOnly() throws InterruptedException {
    WakeUp wakeUp = new WakeUp();
    wakeUp.signal();
    wakeUp.signal();

    assertThat(wakeUp.await(Duration.ofDays(1))).isTrue();
    assertThat(wakeUp.await(Duration.ZERO)).isFalse();
  }
}
