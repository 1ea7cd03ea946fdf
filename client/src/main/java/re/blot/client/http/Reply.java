package re.blot.client.http;

import okhttp3.Headers;

/**
 * A complete HTTP reply, its body read as text.
 *
 * @param method the request method
 * @param path the request path, without the query (queries may carry tokens)
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body, empty if there was none
 */
public record Reply(String method, String path, int status, Headers headers, String body) {

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
