package re.blot.server.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import re.blot.server.http.Reply;
import re.blot.server.http.ReplyException;
import re.blot.server.store.Names;

/**
 * Reads fields out of a parsed JSON body and collects failures as Play's {@code JsError.toJson}
 * details: {@code {"obj.name":[{"msg":["error.path.missing"],"args":[]}]}}.
 */
public final class BodyCheck {
  static final String MISSING = "error.path.missing";
  static final String NOT_STRING = "error.expected.jsstring";
  static final String NOT_ARRAY = "error.expected.jsarray";

  private final Map<String, Object> details = new LinkedHashMap<>();

  /** The string at {@code key} of {@code value} (an object), or null after recording why not. */
  public String string(Object value, String path, String key) {
    Object field = value instanceof Map<?, ?> map ? map.get(key) : null;
    if (field instanceof String s) {
      return s;
    }
    fail(path + "." + key, field == null ? MISSING : NOT_STRING);
    return null;
  }

  /**
   * The whole number at {@code key}, {@code fallback} when absent, or 0 after recording why it is
   * not one.
   */
  public long number(Object value, String path, String key, long fallback) {
    Optional<Object> field = optional(value, key);
    if (field.isEmpty()) {
      return fallback;
    }
    if (field.get() instanceof Double d && d == Math.rint(d) && d >= 0) {
      return d.longValue();
    }
    fail(path + "." + key, "error.expected.jsnumber");
    return 0;
  }

  /** The optional object at {@code key}: empty when absent or null. */
  public static Optional<Object> optional(Object value, String key) {
    return value instanceof Map<?, ?> map ? Optional.ofNullable(map.get(key)) : Optional.empty();
  }

  /**
   * The color at {@code path}{@code .color}, or null after recording why it is missing or invalid.
   */
  public String color(Object value, String path) {
    String color = string(value, path, "color");
    if (color != null && !Names.isColor(color)) {
      fail(path + ".color", "Color is not valid.");
      return null;
    }
    return color;
  }

  /** Reads a tag list ({@code [{"tag": "x"}, ...]}): valid, lower-cased, distinct, at most 6. */
  public List<String> tags(Object value, String path) {
    if (!(value instanceof List<?> list)) {
      fail(path, NOT_ARRAY);
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String raw = string(list.get(i), path + "[" + i + "]", "tag");
      if (raw != null) {
        Optional<String> tag = Names.tag(raw);
        if (tag.isEmpty()) {
          fail(path + "[" + i + "].tag", "Tag is not valid.");
        } else if (tags.contains(tag.get())) {
          fail(path, "Duplicate tags.");
        } else {
          tags.add(tag.get());
        }
      }
    }
    if (list.size() > 6) {
      fail(path, "Too many tags.");
    }
    return tags;
  }

  public void fail(String path, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("msg", List.of(message));
    error.put("args", List.of());
    @SuppressWarnings("unchecked")
    List<Object> errors = (List<Object>) details.computeIfAbsent(path, k -> new ArrayList<>());
    errors.add(error);
  }

  /** Throws the error reply with the collected details when anything failed. */
  public void orFail(int status, String message) {
    if (!details.isEmpty()) {
      throw new ReplyException(Reply.error(status, message, details));
    }
  }
}
