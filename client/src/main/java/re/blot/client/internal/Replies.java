package re.blot.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;
import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;

/** Turns replies into values or typed exceptions. */
public final class Replies {
  private static final JsonAdapter<Map<String, Object>> OBJECT = Json.objectAdapter();

  private Replies() {}

  /**
   * Reads the value of a successful reply.
   *
   * @param <T> the value type
   * @param reply a reply with status 200 or 201
   * @param adapter how to read the value
   * @return the value
   * @throws RestException if the status is an error, or the body is not the expected JSON
   */
  public static <T> T value(Reply reply, JsonAdapter<T> adapter) {
    if (!reply.isSuccess()) {
      throw restError(reply, null);
    }
    try {
      return read(reply.bytes(), adapter);
    } catch (IOException | JsonDataException e) {
      throw new RestException(
          reply.describe() + ": unreadable reply (" + e.getMessage() + ")",
          reply.status(),
          null,
          null,
          reply.body(),
          e);
    }
  }

  /**
   * Checks that a reply is a success, ignoring its body.
   *
   * @param reply the reply
   * @throws RestException if the status is an error
   */
  public static void success(Reply reply) {
    if (!reply.isSuccess()) {
      throw restError(reply, null);
    }
  }

  /**
   * Builds the exception for an error reply: the error envelope's {@code error} and {@code details}
   * when the body is that envelope, else just the raw body.
   *
   * @param reply the error reply
   * @param cause why the error could not be recovered from, or null
   * @return the exception
   */
  @SuppressWarnings("unchecked")
  public static RestException restError(Reply reply, Throwable cause) {
    Map<String, Object> json = jsonObject(reply.body());
    String error = null;
    Map<String, Object> details = null;
    if (json != null && json.get("error") instanceof String text) {
      error = text;
      if (json.get("details") instanceof Map<?, ?> map) {
        details = (Map<String, Object>) map;
      }
    }
    String what = error != null ? error : reply.body().isEmpty() ? "empty body" : "non-JSON body";
    return new RestException(
        reply.describe() + ": " + what, reply.status(), error, details, reply.body(), cause);
  }

  /**
   * Reads a token endpoint reply.
   *
   * @param reply the reply of {@code POST /v0/oauth2/access_token}
   * @param adapter how to read the success value
   * @param <T> the value type
   * @param grant the grant type, for messages
   * @return the value
   * @throws TokenEndpointException if the server refused the grant with an OAuth2 error
   * @throws RestException for any other error reply (for example an HTML 415 page)
   */
  public static <T> T tokenValue(Reply reply, JsonAdapter<T> adapter, String grant) {
    if (!reply.isSuccess()) {
      Map<String, Object> json = jsonObject(reply.body());
      if (json != null && !json.containsKey("type") && json.get("error") instanceof String code) {
        Object description = json.get("error_description");
        throw new TokenEndpointException(
            "Token endpoint refused the "
                + grant
                + " grant: "
                + code
                + " (HTTP "
                + reply.status()
                + ")",
            reply.status(),
            code,
            description instanceof String d ? d : "");
      }
    }
    return value(reply, adapter);
  }

  /** Parses the body's bytes as they came, with the checks of Moshi's {@code fromJson(String)}. */
  private static <T> T read(ByteString body, JsonAdapter<T> adapter) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().write(body));
    T value = adapter.fromJson(reader);
    if (value == null) {
      throw new JsonDataException("null reply");
    }
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("JSON document was not fully consumed.");
    }
    return value;
  }

  private static Map<String, Object> jsonObject(String body) {
    if (body.isBlank() || body.strip().charAt(0) != '{') {
      return null;
    }
    try {
      return OBJECT.fromJson(body);
    } catch (IOException | JsonDataException e) {
      return null;
    }
  }
}
