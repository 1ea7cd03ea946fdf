package re.blot.server.socket;

import java.util.LinkedHashMap;
import java.util.Map;
import re.blot.server.routes.Views;
import re.blot.server.store.StreamRecord;

/** The server-to-client JSON objects of §6.2-§6.4, with the server's key order. */
final class Messages {
  private Messages() {}

  static Map<String, Object> error(String text, int correlation) {
    Map<String, Object> json = typed("Error");
    json.put("error", text);
    json.put("correlation", correlation);
    return json;
  }

  /** An object that starts with {@code "type"}. */
  static Map<String, Object> typed(String type) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    return json;
  }

  /** A reply that names the stream it is about: {@code {"type":..,"url":<as sent>,..}}. */
  static Map<String, Object> about(String type, String url) {
    Map<String, Object> json = typed(type);
    json.put("url", url);
    return json;
  }

  /** {@code GetStream}'s reply: the stream's fields merged into the top level. */
  static Map<String, Object> stream(StreamRecord stream, int correlation) {
    Map<String, Object> json = typed("Stream");
    json.put("correlation", correlation);
    json.putAll(Views.stream(stream));
    return json;
  }

  static Map<String, Object> statusUpdated(StreamRecord stream, String source) {
    Map<String, Object> json = event("StatusUpdated", stream.uri());
    json.put("status", Views.status(stream.status()));
    json.put("source", source);
    return json;
  }

  static Map<String, Object> childAdded(String from, StreamRecord child, String source) {
    Map<String, Object> json = event("ChildAdded", from);
    json.put("child", Views.stream(child));
    json.put("source", source);
    return json;
  }

  static Map<String, Object> childRemoved(String from, String childUri, String source) {
    Map<String, Object> json = event("ChildRemoved", from);
    json.put("child", childUri);
    json.put("source", source);
    return json;
  }

  static Map<String, Object> streamDeleted(String uri) {
    Map<String, Object> json = event("StreamDeleted", uri);
    json.put("source", null);
    return json;
  }

  /**
   * {@code ParentAdded} or {@code ParentRemoved}: {@code from} is the child, {@code parent} a uri
   * or {@code #tag}.
   */
  static Map<String, Object> parentChanged(boolean added, String childUri, String parent) {
    Map<String, Object> json = event(added ? "ParentAdded" : "ParentRemoved", childUri);
    json.put("parent", parent);
    json.put("source", null);
    return json;
  }

  private static Map<String, Object> event(String type, String from) {
    Map<String, Object> json = typed(type);
    json.put("from", from);
    return json;
  }
}
