package re.blot.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import re.blot.server.BlotreServer;

/** The probe's verdicts on servers that are not Blot're, and its limits. */
class ServerProbeTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBlotreServerPasses() {
    try (BlotreServer blotre = BlotreServer.builder().user("demo").start()) {
      ServerProbe.of(blotre.baseUrl()).check();
    }
  }

  @Test
  void aPageInsteadOfTheJsonListIsNotBlotre() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "text/html")
            .body("<html><body>Welcome to nginx!</body></html>")
            .build());

    assertThatThrownBy(() -> probe().check())
        .isInstanceOf(ServerUnreachableException.class)
        .hasMessage(
            "Cannot use "
                + url()
                + " as the Blot're server: it answers, but is not a Blot're server (GET"
                + " /v0/api/stream gave HTTP 200 without the JSON list of streams); check the host"
                + " and port, and that the URL has no path");
  }

  @Test
  void aRedirectIsNotFollowedButNamed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(301)
            .setHeader("Location", "https://plants.example/v0/api/stream")
            .build());

    assertThatThrownBy(() -> probe().check())
        .hasMessageEndingWith(
            "it answers with a redirect (HTTP 301) instead of the list of streams; give the"
                + " address it redirects to, e.g. https:// instead of http://");
    assertThat(server.getRequestCount()).isOne();
  }

  @Test
  void aProxyWhoseServerIsDownGivesAServerError() {
    server.enqueue(new MockResponse.Builder().code(502).body("Bad Gateway").build());

    assertThatThrownBy(() -> probe().check())
        .isInstanceOf(ServerUnreachableException.class)
        .hasMessageContaining("it answers with a server error (HTTP 502)");
  }

  @Test
  void aTimeoutSaysHowLongItWaited() {
    assertThat(probe().describe(new SocketTimeoutException("timeout")))
        .isEqualTo(
            "no answer within 5 s (timeout); check the address, and any firewall on the way");
  }

  /** So that setup fails in seconds: one try, a bounded wait, no redirect. */
  @Test
  void triesOnceWithinTheTimeout() {
    OkHttpClient http = probe().http();

    assertThat(http.callTimeoutMillis()).isEqualTo(ServerProbe.TIMEOUT.toMillis());
    assertThat(http.connectTimeoutMillis()).isEqualTo(ServerProbe.TIMEOUT.toMillis());
    assertThat(http.readTimeoutMillis()).isEqualTo(ServerProbe.TIMEOUT.toMillis());
    assertThat(ServerProbe.TIMEOUT).isLessThan(java.time.Duration.ofSeconds(10));
    assertThat(http.retryOnConnectionFailure()).isFalse();
    assertThat(http.followRedirects()).isFalse();
  }

  private ServerProbe probe() {
    return ServerProbe.of(url());
  }

  private String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }
}
