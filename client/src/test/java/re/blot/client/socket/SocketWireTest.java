package re.blot.client.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.NewStream;
import re.blot.client.RestException;
import re.blot.client.TransportException;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;

/** The exact frames and upgrade the socket sends, against a scripted server. */
class SocketWireTest {
  private static final String TOKEN = "SECRETsocketAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1";
  private static final String USER_ID = "552f24f33004785713de674e";
  private static final String STATUS_JSON =
      "{\"color\":\"#00ff00\",\"created\":1429160419760,\"poster\":\"" + USER_ID + "\"}";

  @StartStop final MockWebServer server = new MockWebServer();

  private final Recorder recorder = new Recorder();

  /** The server's side of one socket: the frames it got, and the socket to answer on. */
  private static final class ServerSide extends WebSocketListener {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<WebSocket> socket = new CompletableFuture<>();

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      socket.complete(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      frames.add(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
    }

    String next() {
      return Recorder.next(frames);
    }

    void send(String frame) throws Exception {
      socket.get(10, TimeUnit.SECONDS).send(frame);
    }
  }

  private ServerSide upgrade() {
    ServerSide side = new ServerSide();
    server.enqueue(new MockResponse.Builder().webSocketUpgrade(side).build());
    return side;
  }

  private BlotreSocket.Builder socket() {
    Blotre blotre =
        Blotre.builder()
            .baseUrl(server.url("/").toString())
            .creds(Creds.ofAccessToken(TOKEN))
            .build();
    return BlotreSocket.builder(blotre).listener(recorder);
  }

  @Test
  void sendsOneJsonObjectPerFrameWithItsCorrelationAndTheTokenOnlyInAHeader() throws Exception {
    ServerSide side = upgrade();
    try (BlotreSocket socket = socket().open()) {
      CompletableFuture<Stream> stream = socket.getStream("matt/mr+tree");

      RecordedRequest upgrade = server.takeRequest();
      assertThat(upgrade.getTarget()).isEqualTo("/v0/ws");
      assertThat(upgrade.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(upgrade.getHeaders().get("User-Agent")).startsWith("blotre-java/");
      assertThat(side.next())
          .isEqualTo("{\"type\":\"GetStream\",\"uri\":\"matt/mr+tree\",\"correlation\":1}");
      CompletableFuture<Status> status = socket.subscribe(" Matt/Mr Tree ");
      assertThat(side.next())
          .isEqualTo("{\"type\":\"Subscribe\",\"to\":[\"matt/mr+tree\"],\"correlation\":2}");
      CompletableFuture<Status> set = socket.setStreamStatus("matt/mr+tree", "#00ff00");
      assertThat(side.next())
          .isEqualTo(
              "{\"type\":\"SetStatus\",\"of\":\"matt/mr+tree\","
                  + "\"status\":{\"color\":\"#00ff00\"},\"correlation\":3}");
      assertThat(socket.subscribeCollection("#Plant")).isCompleted();
      assertThat(side.next())
          .isEqualTo("{\"type\":\"SubscribeCollection\",\"to\":\"#plant\",\"correlation\":4}");
      CompletableFuture<Stream> created =
          socket.createStream(
              NewStream.builder()
                  .name("Elm Tree")
                  .uri("matt/elm%20tree")
                  .status("#000000")
                  .tags(List.of("a"))
                  .build());
      assertThat(side.next())
          .isEqualTo(
              "{\"type\":\"CreateStream\",\"name\":\"Elm Tree\",\"uri\":\"matt/elm+tree\","
                  + "\"status\":{\"color\":\"#000000\"},\"tags\":[{\"tag\":\"a\"}],\"correlation\":5}");
      CompletableFuture<List<Tag>> tags = socket.setTags("matt/leaf", List.of("x", "y"));
      assertThat(side.next())
          .isEqualTo(
              "{\"type\":\"SetTags\",\"of\":\"matt/leaf\","
                  + "\"tags\":[{\"tag\":\"x\"},{\"tag\":\"y\"}],\"correlation\":6}");
      CompletableFuture<List<Stream>> children = socket.getStreamChildren("matt", "#ff0000");
      assertThat(side.next())
          .isEqualTo(
              "{\"type\":\"GetChildren\",\"of\":\"matt\",\"query\":\"#ff0000\",\"correlation\":7}");

      // Frames that cannot be read are dropped without harm to what follows.
      side.send("not json");
      side.send("{\"type\":\"StatusUpdated\",\"from\":\"matt/mr+tree\",\"source\":null}");
      side.send("{\"type\":\"Welcome\"}");
      // Replies in another order than the requests, as the server may send them.
      side.send(
          "{\"type\":\"StreamStatus\",\"url\":\"matt/mr+tree\",\"status\":"
              + STATUS_JSON
              + ",\"correlation\":3}");
      side.send(
          "{\"type\":\"StreamTags\",\"url\":\"matt/leaf\",\"tags\":[{\"tag\":\"x\"},{\"tag\":\"y\"}],"
              + "\"correlation\":6}");
      side.send("{\"type\":\"Error\",\"error\":\"Stream does not exist.\",\"correlation\":1}");
      side.send(
          "{\"type\":\"StatusUpdated\",\"from\":\"matt/mr+tree\",\"status\":"
              + STATUS_JSON
              + ",\"source\":null}");
      side.send("{\"type\":\"StreamChildren\",\"url\":\"matt\",\"children\":[],\"correlation\":7}");

      assertThat(set.get(10, TimeUnit.SECONDS).color()).isEqualTo("#00ff00");
      assertThat(tags.get(10, TimeUnit.SECONDS)).containsExactly(new Tag("x"), new Tag("y"));
      assertThat(status.get(10, TimeUnit.SECONDS).poster()).isEqualTo(USER_ID);
      assertThat(children.get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(failure(stream))
          .isInstanceOfSatisfying(
              RestException.class,
              e -> {
                assertThat(e.error()).isEqualTo("Stream does not exist.");
                assertThat(e.status()).isZero();
                assertThat(e).hasMessage("GetStream: Stream does not exist.");
              });
      assertThat(recorder.nextEvent())
          .isEqualTo(new SocketEvent.StatusUpdated("matt/mr+tree", status.get(), null));
      assertThat(created).isNotDone();
    }
    assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void anUnansweredRequestTimesOutAndClosingFailsTheRest() throws Exception {
    upgrade();
    BlotreSocket socket = socket().requestTimeout(Duration.ofMillis(50)).open();
    CompletableFuture<Status> unanswered = socket.getStreamStatus("matt");
    assertThat(failure(unanswered))
        .isInstanceOf(TransportException.class)
        .hasMessage("GetStatus: no reply within 50 ms")
        .hasCauseInstanceOf(SocketTimeoutException.class);

    upgrade();
    BlotreSocket patient = socket().requestTimeout(Duration.ofMinutes(1)).open();
    CompletableFuture<Status> waiting = patient.getStreamStatus("matt");
    CompletableFuture<Status> subscribed = patient.subscribe("matt");
    patient.close();

    assertThat(failure(waiting))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("closed before the reply");
    assertThat(failure(subscribed)).isInstanceOf(TransportException.class);
    assertThat(failure(patient.getStream("matt")))
        .isInstanceOf(TransportException.class)
        .hasMessage("GetStream: the socket is closed");
    assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
    socket.close();
  }

  @Test
  void reconnectsAfterBackoffAndSendsEverySubscriptionAgain() throws Exception {
    Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0.5);
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    ServerSide first = upgrade();
    try (BlotreSocket socket = socket().backoff(backoff).open()) {
      assertThat(Recorder.next(recorder.disconnects)).isEqualTo(backoff.delay(1));
      assertThat(Recorder.next(recorder.disconnects)).isEqualTo(backoff.delay(2));
      assertThat(Recorder.next(recorder.connects)).isFalse();
      socket.subscribe("matt/tree");
      socket.subscribeCollection("matt");
      assertThat(first.next())
          .isEqualTo("{\"type\":\"Subscribe\",\"to\":[\"matt/tree\"],\"correlation\":1}");
      assertThat(first.next())
          .isEqualTo("{\"type\":\"SubscribeCollection\",\"to\":\"matt\",\"correlation\":2}");
      first.send(
          "{\"type\":\"StatusUpdated\",\"from\":\"matt/tree\",\"status\":"
              + STATUS_JSON
              + ",\"source\":null}");
      assertThat(Recorder.next(recorder.events)).isNotNull();

      ServerSide second = upgrade();
      first.socket.get().close(1001, "Going away");

      // A connection that delivered a frame resets the backoff.
      assertThat(Recorder.next(recorder.disconnects)).isEqualTo(backoff.delay(1));
      assertThat(Recorder.next(recorder.connects)).isTrue();
      assertThat(second.next())
          .isEqualTo("{\"type\":\"Subscribe\",\"to\":[\"matt/tree\"],\"correlation\":3}");
      assertThat(second.next())
          .isEqualTo("{\"type\":\"SubscribeCollection\",\"to\":\"matt\",\"correlation\":4}");
    }
  }

  @Test
  void aServerThatDropsEveryConnectionAtOnceSeesTheReconnectsBackOff() throws Exception {
    Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), () -> 0);
    for (int i = 0; i < 5; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .webSocketUpgrade(
                  new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                      webSocket.close(1001, "Going away");
                    }
                  })
              .build());
    }
    try (BlotreSocket socket = socket().backoff(backoff).open()) {
      for (int failures = 1; failures <= 5; failures++) {
        assertThat(Recorder.next(recorder.disconnects))
            .as("wait after drop %d", failures)
            .isEqualTo(backoff.delay(failures));
      }
    }
  }

  @Test
  void aHungTokenCheckDoesNotDelayRequestTimeouts() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getTarget().startsWith("/v0/oauth2/token_info")) {
              release.await(30, TimeUnit.SECONDS);
            }
            return new MockResponse.Builder().code(503).build();
          }
        });
    Blotre blotre =
        Blotre.builder()
            .baseUrl(server.url("/").toString())
            .clientInfo(new ClientInfo("552f24f33004785713de6751", "secret", ""))
            .creds(new Creds(TOKEN, "bearer", 7200, "refresh", null))
            .build();
    try (BlotreSocket socket =
        BlotreSocket.builder(blotre)
            .listener(recorder)
            .requestTimeout(Duration.ofMillis(50))
            .open()) {
      CompletableFuture<Status> unanswered = socket.getStreamStatus("matt");

      // The token check hangs until the end of the test; the timeout fires regardless.
      assertThat(failure(unanswered))
          .isInstanceOf(TransportException.class)
          .hasMessage("GetStatus: no reply within 50 ms");
    } finally {
      release.countDown();
    }
  }

  private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
    try {
      future.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got a value");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }
}
