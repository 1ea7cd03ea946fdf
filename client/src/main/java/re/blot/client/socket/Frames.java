package re.blot.client.socket;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import re.blot.client.internal.Json;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;

/**
 * Reads the server's frames (§6.3, §6.4): replies into model values, events into {@link
 * SocketEvent}s.
 */
final class Frames {
  private static final JsonAdapter<Map<String, Object>> OBJECT = Json.objectAdapter();
  private static final JsonAdapter<Stream> STREAM = Json.adapter(Stream.class);
  private static final JsonAdapter<List<Stream>> STREAMS = Json.listAdapter(Stream.class);
  private static final JsonAdapter<Status> STATUS = Json.adapter(Status.class);
  private static final JsonAdapter<List<Tag>> TAGS = Json.listAdapter(Tag.class);

  /** {@code Stream}: the stream's fields at the top level. */
  static final Function<Map<String, Object>, Stream> STREAM_REPLY = STREAM::fromJsonValue;

  /** {@code Streams}: {@code streams}. */
  static final Function<Map<String, Object>, List<Stream>> STREAMS_REPLY =
      field("streams", STREAMS);

  /** {@code StreamStatus} and {@code StatusUpdated}: {@code status}. */
  static final Function<Map<String, Object>, Status> STATUS_REPLY = field("status", STATUS);

  /** {@code StreamChildren}: {@code children}. */
  static final Function<Map<String, Object>, List<Stream>> CHILDREN_REPLY =
      field("children", STREAMS);

  /** {@code StreamChild} and {@code ChildAdded}: {@code child}. */
  static final Function<Map<String, Object>, Stream> CHILD_REPLY = field("child", STREAM);

  /** {@code StreamTags}: {@code tags}. */
  static final Function<Map<String, Object>, List<Tag>> TAGS_REPLY = field("tags", TAGS);

  /** {@code StreamTag}: {@code tag}, a bare string here. */
  static final Function<Map<String, Object>, Tag> TAG_REPLY =
      frame -> new Tag(string(frame, "tag"));

  private Frames() {}

  /**
   * Parses one text frame.
   *
   * @throws JsonDataException if it is not a JSON object
   */
  static Map<String, Object> parse(String text) {
    try {
      Map<String, Object> frame = OBJECT.fromJson(text);
      if (frame == null) {
        throw new JsonDataException("null frame");
      }
      return frame;
    } catch (IOException e) {
      throw new JsonDataException(e.getMessage(), e);
    }
  }

  static String json(Map<String, Object> frame) {
    return OBJECT.toJson(frame);
  }

  /** The frame's correlation, or null for a frame without one (events). */
  static Integer correlation(Map<String, Object> frame) {
    return frame.get("correlation") instanceof Double d ? d.intValue() : null;
  }

  /**
   * The event a frame without correlation carries, or null when its type is not an event.
   *
   * @throws JsonDataException if an event's fields are not as documented
   */
  static SocketEvent event(Map<String, Object> frame) {
    String from = frame.get("from") instanceof String text ? text : null;
    String source = frame.get("source") instanceof String text ? text : null;
    Object type = frame.get("type");
    if (type == null || from == null) {
      return null;
    }
    switch (type.toString()) {
      case "StatusUpdated":
        return new SocketEvent.StatusUpdated(from, STATUS_REPLY.apply(frame), source);
      case "ChildAdded":
        return new SocketEvent.ChildAdded(from, CHILD_REPLY.apply(frame), source);
      case "ChildRemoved":
        return new SocketEvent.ChildRemoved(from, string(frame, "child"), source);
      case "StreamDeleted":
        return new SocketEvent.StreamDeleted(from);
      case "ParentAdded":
        return new SocketEvent.ParentAdded(from, string(frame, "parent"));
      case "ParentRemoved":
        return new SocketEvent.ParentRemoved(from, string(frame, "parent"));
      default:
        return null;
    }
  }

  private static <T> Function<Map<String, Object>, T> field(String name, JsonAdapter<T> adapter) {
    return frame -> {
      T value = adapter.fromJsonValue(frame.get(name));
      if (value == null) {
        throw new JsonDataException("missing " + name);
      }
      return value;
    };
  }

  private static String string(Map<String, Object> frame, String name) {
    if (frame.get(name) instanceof String text) {
      return text;
    }
    throw new JsonDataException("missing " + name);
  }
}
