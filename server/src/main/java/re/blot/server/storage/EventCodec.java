package re.blot.server.storage;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import re.blot.server.store.StatusRecord;
import re.blot.server.store.StoreEvent;
import re.blot.server.store.StreamRecord;

/** A {@link StoreEvent} as a small JSON text, to travel between instances in a NOTIFY payload. */
final class EventCodec {
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private EventCodec() {}

  /** An event as announced by the instance {@code origin}, its {@code seq}-th announcement. */
  record Announced(String origin, long seq, StoreEvent event) {}

  static String encode(Announced announced) {
    StoreEvent event = announced.event();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("origin", announced.origin());
    out.put("seq", announced.seq());
    out.put("type", event.getClass().getSimpleName());
    if (event instanceof StoreEvent.StatusUpdated e) {
      out.put("stream", stream(e.stream()));
    } else if (event instanceof StoreEvent.ChildAdded e) {
      out.put("parent", stream(e.parent()));
      out.put("stream", stream(e.child()));
      out.put("hierarchical", e.hierarchical());
    } else if (event instanceof StoreEvent.ChildRemoved e) {
      out.put("parent", stream(e.parent()));
      out.put("stream", stream(e.child()));
    } else if (event instanceof StoreEvent.TagAdded e) {
      out.put("tag", e.tag());
      out.put("stream", stream(e.stream()));
    } else if (event instanceof StoreEvent.TagRemoved e) {
      out.put("tag", e.tag());
      out.put("stream", stream(e.stream()));
    } else if (event instanceof StoreEvent.StreamDeleted e) {
      out.put("stream", stream(e.stream()));
    }
    return JSON.toJson(out);
  }

  static Announced decode(String text) throws IOException {
    Map<?, ?> in = (Map<?, ?>) JSON.fromJson(text);
    return new Announced((String) in.get("origin"), number(in.get("seq")), event(in));
  }

  private static StoreEvent event(Map<?, ?> in) throws IOException {
    StreamRecord stream = stream((Map<?, ?>) in.get("stream"));
    return switch ((String) in.get("type")) {
      case "StatusUpdated" -> new StoreEvent.StatusUpdated(stream);
      case "ChildAdded" ->
          new StoreEvent.ChildAdded(
              stream((Map<?, ?>) in.get("parent")), stream, (Boolean) in.get("hierarchical"));
      case "ChildRemoved" ->
          new StoreEvent.ChildRemoved(stream((Map<?, ?>) in.get("parent")), stream);
      case "TagAdded" -> new StoreEvent.TagAdded((String) in.get("tag"), stream);
      case "TagRemoved" -> new StoreEvent.TagRemoved((String) in.get("tag"), stream);
      case "StreamDeleted" -> new StoreEvent.StreamDeleted(stream);
      default -> throw new IOException("unknown event type " + in.get("type"));
    };
  }

  private static Map<String, Object> stream(StreamRecord s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("name", s.name());
    out.put("uri", s.uri());
    out.put("created", s.created());
    out.put("updated", s.updated());
    out.put("color", s.status().color());
    out.put("statusCreated", s.status().created());
    out.put("poster", s.status().poster());
    out.put("owner", s.owner());
    out.put("tags", s.tags());
    return out;
  }

  private static StreamRecord stream(Map<?, ?> in) {
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) in.get("tags");
    return new StreamRecord(
        (String) in.get("id"),
        (String) in.get("name"),
        (String) in.get("uri"),
        number(in.get("created")),
        number(in.get("updated")),
        new StatusRecord(
            (String) in.get("color"), number(in.get("statusCreated")), (String) in.get("poster")),
        (String) in.get("owner"),
        tags);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
