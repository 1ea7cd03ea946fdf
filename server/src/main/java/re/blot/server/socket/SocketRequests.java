package re.blot.server.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import re.blot.server.http.ReplyException;
import re.blot.server.routes.BodyCheck;
import re.blot.server.routes.StreamBody;
import re.blot.server.routes.Views;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Names;
import re.blot.server.store.Store;
import re.blot.server.store.StreamQuery;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.UserRecord;

/**
 * The client-to-server messages of §6.3, each a few lines over the same {@link Store} operations
 * the REST routes use. Streams are addressed by uri and looked up first; the store then checks and
 * answers exactly as for REST, so the error texts are the REST ones. Intended behaviour: {@code
 * GetChild} and {@code DeleteChild} find the child by uri (no B8) and {@code DeleteTag} removes the
 * tag (no B1).
 */
final class SocketRequests {
  static final String INVALID = "Could not process request.";
  static final String LIMIT = "Subscription limit exceeded.";

  /**
   * Stands in for an anonymous socket: it owns nothing, so every write fails the store's ownership
   * check.
   */
  private static final UserRecord ANONYMOUS = new UserRecord("", null, "");

  private final Store store;

  SocketRequests(Store store) {
    this.store = store;
  }

  /**
   * The messages to send back for one request: the reply (unless {@code acknowledge:"error"}), an
   * error, or for {@code Subscribe} the current statuses and errors.
   *
   * @param caller the socket's user, or null for an anonymous socket
   */
  List<Map<String, Object>> answer(
      Object frame, UserRecord caller, Subscriptions streams, Subscriptions collections) {
    Map<?, ?> message = frame instanceof Map<?, ?> map ? map : Map.of();
    Request request =
        new Request(
            message, correlation(message.get("correlation")), caller == null ? ANONYMOUS : caller);
    try {
      if (!(message.get("type") instanceof String type)) {
        throw invalid();
      }
      switch (type) {
        case "Subscribe":
          return subscribe(request, streams);
        case "Unsubscribe":
          request.targets().forEach(streams::remove);
          return List.of();
        case "SubscribeCollection":
          return collection(request.string("to"))
              .filter(address -> collections.add(address) == Subscriptions.Added.LIMIT)
              .map(address -> List.of(Messages.error(LIMIT, request.correlation)))
              .orElse(List.of());
        case "UnsubscribeCollection":
          collection(request.string("to")).ifPresent(collections::remove);
          return List.of();
        default:
          Optional<Map<String, Object>> reply = reply(type, request);
          if (reply.isEmpty()) {
            return List.of(Messages.error("Unknown type.", request.correlation));
          }
          return "error".equals(message.get("acknowledge")) ? List.of() : List.of(reply.get());
      }
    } catch (ApiFailure e) {
      return List.of(Messages.error(e.getMessage(), request.correlation));
    } catch (ReplyException e) {
      return List.of(Messages.error(INVALID, request.correlation));
    }
  }

  /** The success reply of a request/response type; empty for an unknown type. */
  private Optional<Map<String, Object>> reply(String type, Request r) {
    UserRecord caller = r.caller;
    Map<String, Object> reply =
        switch (type) {
          case "GetStream" -> Messages.stream(store.stream(r.id("uri")), r.correlation);
          case "GetStreams" -> {
            Map<String, Object> json = Messages.typed("Streams");
            json.put("streams", Views.streams(store.latest(r.query())));
            yield r.correlated(json);
          }
          case "CreateStream" -> {
            StreamBody body = StreamBody.read(r.message);
            yield Messages.stream(
                store
                    .createOrUpdateStream(
                        caller, body.name(), body.uri(), body.color(), body.tags())
                    .value(),
                r.correlation);
          }
          case "DeleteStream" ->
              Messages.stream(store.deleteStream(caller, r.id("uri")), r.correlation);
          case "GetStatus" ->
              r.about("StreamStatus", "status", Views.status(store.status(r.id("of"))));
          case "SetStatus" -> {
            String id = r.id("of");
            BodyCheck check = new BodyCheck();
            String color = check.color(r.message.get("status"), "obj.status");
            check.orFail(400, INVALID);
            yield r.about(
                "StreamStatus", "status", Views.status(store.setStatus(caller, id, color)));
          }
          case "GetChildren" ->
              r.about(
                  "StreamChildren",
                  "children",
                  Views.streams(store.children(r.id("of"), r.query())));
          case "GetChild" ->
              r.about("StreamChild", "child", Views.stream(store.child(r.id("of"), r.id("child"))));
          case "CreateChild" ->
              r.about(
                  "StreamChild",
                  "child",
                  Views.stream(store.linkChild(caller, r.id("of"), r.id("child")).value()));
          case "DeleteChild" ->
              r.about(
                  "StreamChild",
                  "child",
                  Views.stream(store.unlinkChild(caller, r.id("of"), r.id("child"))));
          case "GetTags" ->
              r.about("StreamTags", "tags", Views.tags(store.stream(r.id("of")).tags()));
          case "SetTags" -> {
            String id = r.id("of");
            BodyCheck check = new BodyCheck();
            List<String> tags = check.tags(r.message.get("tags"), "obj.tags");
            check.orFail(400, INVALID);
            yield r.about("StreamTags", "tags", Views.tags(store.setTags(caller, id, tags)));
          }
          case "GetTag" -> r.tag(store.tag(r.id("of"), r.string("tag")));
          case "SetTag" -> r.tag(store.addTag(caller, r.id("of"), r.string("tag")).value());
          case "DeleteTag" -> r.tag(store.removeTag(caller, r.id("of"), r.string("tag")));
          default -> null;
        };
    return Optional.ofNullable(reply);
  }

  /**
   * §6.5: each valid target is subscribed (up to the limit) and answered with its current status.
   */
  private List<Map<String, Object>> subscribe(Request r, Subscriptions streams) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String uri : r.targets()) {
      if (streams.add(uri) == Subscriptions.Added.LIMIT) {
        out.add(Messages.error(LIMIT, r.correlation));
      } else {
        out.add(
            store
                .streamByUri(uri)
                .map(s -> Messages.statusUpdated(s, null))
                .orElseGet(() -> Messages.error("No such stream.", r.correlation)));
      }
    }
    return out;
  }

  /**
   * A collection address: {@code #tag} (tag lower-cased) or a normalised uri; empty when not valid.
   */
  private static Optional<String> collection(String to) {
    return to.startsWith("#") ? Names.tag(to.substring(1)).map(tag -> "#" + tag) : Names.uri(to);
  }

  /** The {@code correlation} as an Int32, 0 when missing or not one. */
  private static int correlation(Object value) {
    return value instanceof Double d
            && d == Math.rint(d)
            && d >= Integer.MIN_VALUE
            && d <= Integer.MAX_VALUE
        ? d.intValue()
        : 0;
  }

  private static ApiFailure invalid() {
    return new ApiFailure(400, INVALID);
  }

  /** One request's fields and the reply shapes that name it. */
  private final class Request {
    final Map<?, ?> message;
    final int correlation;
    final UserRecord caller;

    Request(Map<?, ?> message, int correlation, UserRecord caller) {
      this.message = message;
      this.correlation = correlation;
      this.caller = caller;
    }

    String string(String key) {
      if (message.get(key) instanceof String value) {
        return value;
      }
      throw invalid();
    }

    /**
     * The id of the stream at the uri in {@code key}, or a non-id the store answers as "does not
     * exist".
     */
    String id(String key) {
      return store.streamByUri(string(key)).map(StreamRecord::id).orElse("");
    }

    StreamQuery query() {
      return message.get("query") instanceof String q
          ? StreamQuery.parse(q).orElse(StreamQuery.all())
          : StreamQuery.all();
    }

    /** The valid, normalised uris of {@code to}; others are skipped (§6.5). */
    List<String> targets() {
      if (!(message.get("to") instanceof List<?> targets)) {
        throw invalid();
      }
      return targets.stream()
          .filter(String.class::isInstance)
          .flatMap(t -> Names.uri((String) t).stream())
          .toList();
    }

    /** {@code {"type":..,"url":<of as sent>,<key>:<value>,"correlation":n}}. */
    Map<String, Object> about(String type, String key, Object value) {
      Map<String, Object> json = Messages.about(type, string("of"));
      json.put(key, value);
      return correlated(json);
    }

    /** {@code StreamTag}, whose correlation comes before the tag. */
    Map<String, Object> tag(String tag) {
      Map<String, Object> json = correlated(Messages.about("StreamTag", string("of")));
      json.put("tag", tag);
      return json;
    }

    Map<String, Object> correlated(Map<String, Object> json) {
      json.put("correlation", correlation);
      return json;
    }
  }
}
