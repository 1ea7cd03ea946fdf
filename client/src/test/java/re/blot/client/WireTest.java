package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static re.blot.client.Fixtures.*;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transport rules: retries, timeouts, headers, configuration. */
class WireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /**
   * A first exchange leaves a pooled connection; the server then reads the next request on it and
   * drops the connection without answering. OkHttp retries such a failure on a new connection,
   * unless the request body is one-shot.
   */
  private Blotre serverDropsTheSecondRequest() {
    server.enqueue(json(200, STATUS_JSON));
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, STATUS_JSON));
    Blotre blotre = config(server).build();
    blotre.getStreamStatus(STREAM_ID);
    return blotre;
  }

  @Test
  void aPostIsNotResentAfterTheConnectionBroke() {
    Blotre blotre = serverDropsTheSecondRequest();

    assertThatThrownBy(() -> blotre.setStreamStatus(STREAM_ID, "#00ff00"))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("POST /v0/api/stream/" + STREAM_ID + "/status");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPutIsNotResentAfterTheConnectionBroke() {
    Blotre blotre = serverDropsTheSecondRequest();

    assertThatThrownBy(() -> blotre.createChild(STREAM_ID, CHILD_ID))
        .isInstanceOf(TransportException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aGetIsRetriedByOkHttpAfterTheConnectionBroke() {
    Blotre blotre = serverDropsTheSecondRequest();

    assertThat(blotre.getStreamStatus(STREAM_ID)).isEqualTo(STATUS);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aReadTimeoutIsATransportExceptionWithItsCause() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Blotre blotre = config(server).readTimeout(Duration.ofMillis(200)).build();

    assertThatThrownBy(() -> blotre.getStream(STREAM_ID))
        .isInstanceOf(TransportException.class)
        .hasCauseInstanceOf(InterruptedIOException.class);
  }

  @Test
  void userAgentCarriesTheBuiltVersion() throws Exception {
    server.enqueue(json(200, "[]"));
    config(server).build().getStreams();

    Properties built = new Properties();
    try (InputStream in = Blotre.class.getResourceAsStream("blotre-client.properties")) {
      built.load(in);
    }
    assertThat(built.getProperty("version")).doesNotContain("$").isNotBlank();
    assertThat(server.takeRequest().getHeaders().get("User-Agent"))
        .isEqualTo("blotre-java/" + built.getProperty("version"));
  }

  @Test
  void aSuppliedOkHttpClientIsSharedAndNewBuilderKeepsTheConfiguration() {
    OkHttpClient shared = new OkHttpClient();
    Blotre blotre = config(server).okHttpClient(shared).credsListener(c -> {}).build();
    blotre.setCreds(NEW_CREDS);

    Blotre copy = blotre.newBuilder().build();

    assertThat(copy.getBaseUrl()).isEqualTo(blotre.getBaseUrl());
    assertThat(copy.getClientInfo()).isEqualTo(CLIENT);
    assertThat(copy.getCreds()).isEqualTo(NEW_CREDS);
    assertThat(blotre.getBaseUrl()).doesNotEndWith("/");
  }

  @Test
  void aBadBaseUrlIsNamed() {
    assertThatThrownBy(() -> Blotre.builder().baseUrl("blot.re").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blot.re");
  }

  @Test
  void dotSegmentsAreRefusedInsteadOfChangingTheRoute() {
    Blotre blotre = config(server).build();

    assertThatThrownBy(() -> blotre.getTag(STREAM_ID, ".."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'..'");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void callsNeedingClientInfoOrCredsSayWhatIsMissing() {
    Blotre anonymous = Blotre.builder().baseUrl(server.url("/").toString()).build();

    assertThatThrownBy(anonymous::getAuthorizationUrl).hasMessageContaining("client info");
    assertThatThrownBy(anonymous::getTokenInfo).hasMessageContaining("credentials");
    assertThatThrownBy(anonymous::redeemOnetimeCode).hasMessageContaining("one-time code");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void authorizationUrlCarriesClientAndOptionalState() {
    Blotre blotre = config(server).build();
    String base = server.url("/v0/oauth2/authorize").toString();

    assertThat(blotre.getAuthorizationUrl())
        .isEqualTo(
            base
                + "?response_type=code&client_id="
                + CLIENT_ID
                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb");
    assertThat(blotre.getAuthorizationUrl("x y")).endsWith("&state=x%20y");
  }

  @Test
  void eachCallGoesToTheRouteOfItsOwnArguments() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, STATUS_JSON));
    }
    Blotre blotre = config(server).build();

    blotre.getStreamStatus(STREAM_ID);
    blotre.getStreamStatus(CHILD_ID);
    blotre.getStreamStatus(CHILD_ID);
    blotre.getStreamStatus(STREAM_ID);

    for (String id : List.of(STREAM_ID, CHILD_ID, CHILD_ID, STREAM_ID)) {
      assertThat(server.takeRequest().getUrl().encodedPath())
          .isEqualTo("/v0/api/stream/" + id + "/status");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"garden/elm%20tree", "garden/elm tree", "Garden/Elm+Tree", " garden/elm tree/"})
  void newStreamSendsTheCanonicalUriWithPlusForSpaces(String uri) throws InterruptedException {
    server.enqueue(json(201, STREAM_JSON));
    Blotre blotre = config(server).build();

    blotre.createStream(NewStream.builder().name("Elm Tree").uri(uri).build());

    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo("{\"name\":\"Elm Tree\",\"uri\":\"garden/elm+tree\"}");
  }
}
