package re.blot.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor: Jetty on the same machine answering every request with 200 and a canned status, so the
 * harness's own cost and Jetty's are visible, and the server's cost per request is the rest.
 */
final class Floor implements AutoCloseable {
  private static final ByteBuffer STATUS =
      ByteBuffer.wrap(
          "{\"color\":\"#4a6200\",\"created\":1429160419760,\"poster\":\"552f24f33004785713de674e\"}"
              .getBytes(StandardCharsets.UTF_8));

  private final Server server;
  private final String baseUrl;

  private Floor(Server server, String baseUrl) {
    this.server = server;
    this.baseUrl = baseUrl;
  }

  static Floor start() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, STATUS.slice(), callback);
            return true;
          }
        });
    server.start();
    return new Floor(server, "http://127.0.0.1:" + connector.getLocalPort());
  }

  String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
