package re.blot.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import re.blot.server.http.Json;

/**
 * A plain WebSocket to {@code /v0/ws} that queues every text frame it receives, for exact checks.
 */
final class RawSocket extends WebSocketListener implements AutoCloseable {
  private static final long WAIT_SECONDS = 10;

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
  private final WebSocket socket;

  /** Opens a socket; {@code authorization} is the whole header value, or null for none. */
  RawSocket(OkHttpClient http, String url, String authorization) {
    Request.Builder request = new Request.Builder().url(url);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    socket = http.newWebSocket(request.build(), this);
    opened.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
  }

  void send(String json) {
    assertThat(socket.send(json)).as("sent %s", json).isTrue();
  }

  /** The next frame received, waiting up to 10 s. */
  String next() {
    try {
      String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> nextMap() {
    return (Map<String, Object>) Json.parse(next().getBytes(UTF_8)).orElseThrow();
  }

  /**
   * Asserts that nothing else was sent before now, and that every request sent before was handled:
   * a request's answer is written before the next request is read, and a change's events before the
   * change returns, so a {@code GetStreams} sent now must be answered by the very next frame.
   */
  void assertNothingElse() {
    send("{\"type\":\"GetStreams\",\"correlation\":-1}");
    assertThat(nextMap()).containsEntry("type", "Streams").containsEntry("correlation", -1.0);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    opened.complete(null);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    frames.add(text);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closedByServer.complete(code);
    webSocket.close(1000, null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    opened.completeExceptionally(t);
    closedByServer.completeExceptionally(t);
  }

  @Override
  public void close() {
    socket.close(1000, null);
  }
}
