package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static re.blot.client.Fixtures.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No token, secret or code in any log line, exception or toString() of a whole flow. */
class SecretsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level rootLevel;

  @BeforeEach
  void captureAllLogs() {
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void restoreLogging() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void aFullFlowRevealsNoSecret() {
    List<Object> seen = new ArrayList<>();
    server.enqueue(
        json(
            200,
            "{\"name\":\"Plant're\",\"blurb\":\"\",\"id\":\""
                + CLIENT_ID
                + "\",\"secret\":\""
                + DISPOSABLE_SECRET
                + "\",\"code\":\""
                + ONETIME_CODE
                + "\",\"expires_in\":1200}"));
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"\"}"));
    server.enqueue(json(200, tokenJson(ACCESS_TOKEN, REFRESH_TOKEN)));
    server.enqueue(
        json(
            200,
            "{\"issued\":1,\"expires_in\":7200,\"client_id\":\""
                + CLIENT_ID
                + "\",\"user\":"
                + USER_JSON
                + "}"));
    server.enqueue(expired());
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    server.enqueue(json(201, STREAM_JSON));
    server.enqueue(expired());
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"\"}"));
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, ""));
    server.enqueue(json(404, envelope("No such token.")));

    Blotre app =
        Blotre.createDisposable(
            Blotre.builder()
                .baseUrl(server.url("/").toString())
                .clock(CLOCK)
                .credsListener(seen::add),
            "Plant're",
            "");
    seen.add(app);
    seen.add(app.getDisposableClient());
    seen.add(app.getClientInfo());
    seen.add(catchThrowable(app::redeemOnetimeCode));
    seen.add(app.redeemOnetimeCode());
    seen.add(app.getTokenInfo());
    seen.add(app.createStream(NewStream.builder().name("Mr Tree").uri("matt/mr+tree").build()));
    seen.add(catchThrowable(() -> app.setStreamStatus(STREAM_ID, "#00ff00")));
    seen.add(catchThrowable(() -> app.setStreamStatus(STREAM_ID, "#00ff00")));
    app.revoke();
    seen.add(catchThrowable(app::revoke));
    seen.add(app);
    seen.add(app.getCreds());

    StringBuilder everything = new StringBuilder();
    for (Object value : seen) {
      everything.append(value).append('\n');
      if (value instanceof Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        everything.append(trace).append('\n');
      }
    }
    for (ILoggingEvent event : logs.list) {
      everything.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        everything.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }

    assertThat(seen).as("12 values and 2 credential changes").hasSize(14);
    assertThat(logs.list)
        .as("the flow logged something to check")
        .anyMatch(e -> e.getFormattedMessage().contains("refreshing"));
    assertThat(everything.toString())
        .contains(CLIENT_ID)
        .contains("TokenEndpointException")
        .contains("TransportException")
        .doesNotContain(SECRETS);
  }
}
