package re.blot.client.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.TransportException;

/**
 * Builds requests with the client's standard headers and sends them, reading each reply fully.
 * Thread-safe.
 */
public final class HttpCaller {
  /** The {@code User-Agent} of every request: {@code blotre-java/<version>}. */
  public static final String USER_AGENT = "blotre-java/" + Version.read();

  private static final Logger log = LoggerFactory.getLogger(HttpCaller.class);

  /** Built once: {@code Request.Builder.header} validates every name and value it is given. */
  private static final Headers STANDARD_HEADERS =
      Headers.of("User-Agent", USER_AGENT, "Accept", "application/json");

  private static final RequestBody NO_BODY = RequestBody.create(new byte[0], null);

  private final OkHttpClient client;

  /**
   * Creates a caller that sends through the given OkHttp client.
   *
   * @param client the configured OkHttp client
   */
  public HttpCaller(OkHttpClient client) {
    this.client = client;
  }

  /**
   * Builds a request with {@code User-Agent} and {@code Accept: application/json}.
   *
   * <p>GET requests have no body. Any other method gets {@code body}, or when it is null an empty
   * body without a {@code Content-Type} (what the server expects of body-less PUT, POST and
   * DELETE). Bodies of methods other than GET are one-shot: OkHttp will not silently re-send them
   * on a broken connection.
   *
   * @param method the HTTP method
   * @param url the full url
   * @param body the body, or null for none
   * @return the request
   */
  public static Request request(String method, HttpUrl url, RequestBody body) {
    Request.Builder builder = new Request.Builder().url(url).headers(STANDARD_HEADERS);
    if ("GET".equals(method)) {
      return builder.get().build();
    }
    return builder.method(method, new OneShotBody(body == null ? NO_BODY : body)).build();
  }

  /**
   * Sends a request and reads the whole reply.
   *
   * @param request the request
   * @return the reply, whatever its status
   * @throws TransportException if the connection failed or a timeout ran out
   */
  public Reply send(Request request) {
    String path = request.url().encodedPath();
    try (Response response = client.newCall(request).execute()) {
      Reply reply =
          new Reply(
              request.method(),
              path,
              response.code(),
              response.headers(),
              response.body().byteString());
      if (log.isDebugEnabled()) {
        log.debug("{}", reply.describe());
      }
      return reply;
    } catch (IOException e) {
      log.debug("{} {} failed: {}", request.method(), path, e.toString());
      throw new TransportException(request.method() + " " + path + " failed: " + e, e);
    }
  }
}
