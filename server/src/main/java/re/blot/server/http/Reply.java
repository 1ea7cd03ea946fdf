package re.blot.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer: status, content type (null for none), extra headers and body bytes. Immutable.
 */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
  public static final String JSON = "application/json";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply json(int status, Object value) {
    return new Reply(status, JSON, Map.of(), Json.write(value));
  }

  public static Reply html(int status, String page) {
    return new Reply(status, HTML, Map.of(), page.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply text(int status, String text) {
    return new Reply(status, TEXT, Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply empty(int status) {
    return new Reply(status, null, Map.of(), new byte[0]);
  }

  public static Reply redirect(int status, String location) {
    return empty(status).withHeader("Location", location);
  }

  /** The error envelope of §1.1: {@code {"type":"Error","error":message,"details":details}}. */
  public static Reply error(int status, String message, Object details) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("type", "Error");
    envelope.put("error", message);
    envelope.put("details", details);
    return json(status, envelope);
  }

  /**
   * A small HTML page with a title and one paragraph, for framework-style errors and simple pages.
   */
  public static Reply page(int status, String title, String message) {
    return html(
        status,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title></head>\n<body><h1>"
            + escape(title)
            + "</h1>\n<p id=\"message\">"
            + escape(message)
            + "</p></body></html>\n");
  }

  /** HTML-escapes text for element content and attribute values. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** A copy with one more header (replacing one of the same name). */
  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, contentType, copy, body);
  }

  /** A copy with the OAuth endpoints' no-cache headers (§2.2). */
  public Reply noCache() {
    return withHeader("Cache-Control", "no-cache, no-store, must-revalidate")
        .withHeader("Expires", "0");
  }
}
