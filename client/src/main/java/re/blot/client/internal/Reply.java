package re.blot.client.internal;

import okhttp3.Headers;
import okio.ByteString;

/**
 * A complete HTTP reply, its body kept as bytes: successful JSON replies are parsed from them
 * directly, and only error replies are decoded into text.
 *
 * @param method the request method
 * @param path the request path, without the query (queries may carry tokens)
 * @param status the HTTP status
 * @param headers the response headers
 * @param bytes the response body, empty if there was none
 */
public record Reply(String method, String path, int status, Headers headers, ByteString bytes) {

  /**
   * Returns the body as UTF-8 text (decoded once, then cached by {@link ByteString}).
   *
   * @return the body, empty if there was none
   */
  public String body() {
    return bytes.utf8();
  }

  /**
   * Tells whether the status is one the API uses for success.
   *
   * @return true for 200 and 201
   */
  public boolean isSuccess() {
    return status == 200 || status == 201;
  }

  /**
   * Names the request and its status for messages and logs; never shows the query.
   *
   * @return for example {@code GET /v0/api/stream/x -> 404}
   */
  public String describe() {
    return method + " " + path + " -> " + status;
  }
}
