package re.blot.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A local HTTP server that answers the two benchmarked routes with fixed JSON, so the server's time
 * is the same whichever client calls it and the difference between clients is their own. Its
 * sockets have Nagle's algorithm off, as OkHttp's have: otherwise a small reply can wait for the
 * peer's delayed ACK and those 40 ms would hide everything else. The same replies are also
 * available without a network, as an OkHttp interceptor.
 */
final class CannedServer implements AutoCloseable {
  static final String STREAM_ID = "552f25793004785713de6750";
  static final String COLOR = "#4a6200";

  /** A stream as the contract's example shows it, with this benchmark's id. */
  static final String STREAM_JSON =
      """
      {"id":"552f25793004785713de6750","name":"Plant","uri":"demo/plant",\
      "created":1429153145591,"updated":1429160419760,\
      "status":{"color":"#4a6200","created":1429160419760,"poster":"552f24f33004785713de674e"},\
      "owner":"552f24f33004785713de674e","tags":[{"tag":"plant"}]}""";

  static final String STATUS_JSON =
      "{\"color\":\"#4a6200\",\"created\":1429160419760,\"poster\":\"552f24f33004785713de674e\"}";

  private static final String NOT_FOUND_JSON = "{\"error\":\"no canned reply\"}";
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Headers JSON = Headers.of("Content-Type", JSON_TYPE.toString());
  private static final String STREAM_PATH = "/v0/api/stream/" + STREAM_ID;
  private static final String STATUS_PATH = STREAM_PATH + "/status";

  private final MockWebServer server;

  private CannedServer(MockWebServer server) {
    this.server = server;
  }

  /** Starts a server on a free loopback port. */
  static CannedServer start() throws IOException {
    MockResponse stream = new MockResponse(200, JSON, STREAM_JSON);
    MockResponse status = new MockResponse(200, JSON, STATUS_JSON);
    MockResponse notFound = new MockResponse(404, JSON, NOT_FOUND_JSON);
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = replyTo(request.getMethod(), request.getUrl().encodedPath());
            return body == STREAM_JSON ? stream : body == STATUS_JSON ? status : notFound;
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    return new CannedServer(server);
  }

  /**
   * An interceptor that answers as the server would, without a network: added to an OkHttp client,
   * it leaves only the clients' own work to measure.
   */
  static Interceptor inMemory() {
    return chain -> {
      Request request = chain.request();
      String body = replyTo(request.method(), request.url().encodedPath());
      return new Response.Builder()
          .request(request)
          .protocol(Protocol.HTTP_1_1)
          .code(body == NOT_FOUND_JSON ? 404 : 200)
          .message("")
          .headers(JSON)
          .body(ResponseBody.create(body, JSON_TYPE))
          .build();
    };
  }

  private static String replyTo(String method, String path) {
    if (method.equals("GET") && path.equals(STREAM_PATH)) {
      return STREAM_JSON;
    }
    if (method.equals("POST") && path.equals(STATUS_PATH)) {
      return STATUS_JSON;
    }
    return NOT_FOUND_JSON;
  }

  HttpUrl baseUrl() {
    return server.url("/");
  }

  HttpUrl streamUrl() {
    return server.url(STREAM_PATH);
  }

  HttpUrl statusUrl() {
    return server.url(STATUS_PATH);
  }

  /**
   * Forgets the requests recorded so far. MockWebServer keeps every request for tests to take; over
   * a benchmark's hundreds of thousands of calls that queue would grow into the heap the calls are
   * measured on.
   */
  void forgetRequests() throws InterruptedException {
    while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
      // Discarded.
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** Server sockets whose accepted connections send small writes at once. */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
  }
}
