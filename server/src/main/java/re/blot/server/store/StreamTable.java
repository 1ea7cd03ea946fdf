package re.blot.server.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Users, streams, parent/child links and tags, with the rules of contract §1 and §5. Not
 * thread-safe: {@link Store} calls it under its lock and hands in where events go.
 */
final class StreamTable {
  static final int MAX_CHILDREN = 1000;
  static final int MAX_STREAMS_PER_USER = 10_000;
  static final int MAX_TAGS = 6;
  static final int MAX_RESULTS = 20;
  static final String DEFAULT_COLOR = "#aaaaaa";

  private record Link(String parentId, String childId, boolean hierarchical, long added) {}

  private final Clock clock;
  private final Ids ids;
  private final Map<String, UserRecord> users = new LinkedHashMap<>();
  private final Map<String, StreamRecord> streams = new LinkedHashMap<>();
  private final Map<String, String> streamIdsByUri = new HashMap<>();
  private final List<Link> links = new ArrayList<>();

  StreamTable(Clock clock, Ids ids) {
    this.clock = clock;
    this.ids = ids;
  }

  // ---- users

  UserRecord createUser(String rawName) {
    String name =
        Names.userName(rawName)
            .orElseThrow(() -> ApiFailure.unprocessable("User name is invalid."));
    String uri = Names.fromName(name);
    if (streamIdsByUri.containsKey(uri)) {
      throw new ApiFailure(409, "User name is taken.");
    }
    String userId = ids.objectId();
    StreamRecord root = newStream(name, uri, userId);
    UserRecord user = new UserRecord(userId, name, root.id());
    users.put(userId, user);
    return user;
  }

  Optional<UserRecord> user(String id) {
    return Ids.parseObjectId(id).map(users::get);
  }

  Optional<UserRecord> userByName(String name) {
    String uri = Names.fromName(name == null ? "" : name);
    return users.values().stream()
        .filter(u -> Names.fromName(u.userName()).equals(uri))
        .findFirst();
  }

  List<UserRecord> users() {
    return List.copyOf(users.values());
  }

  // ---- reads

  Optional<StreamRecord> stream(String id) {
    return Ids.parseObjectId(id).map(streams::get);
  }

  Optional<StreamRecord> streamByUri(String uri) {
    return Names.uri(uri).map(streamIdsByUri::get).map(streams::get);
  }

  StreamRecord existing(String id) {
    return stream(id).orElseThrow(() -> ApiFailure.notFound("Stream does not exist."));
  }

  List<StreamRecord> allStreams() {
    return List.copyOf(streams.values());
  }

  List<StreamRecord> latest(StreamQuery query) {
    return newestFirst(streams.values().stream(), query);
  }

  List<StreamRecord> children(String parentId, StreamQuery query) {
    StreamRecord parent = existing(parentId);
    return linksFrom(parent.id())
        .sorted(
            Comparator.comparingLong(
                    (Link l) -> Math.max(l.added(), streams.get(l.childId()).updated()))
                .reversed())
        .map(l -> streams.get(l.childId()))
        .filter(query::matches)
        .limit(MAX_RESULTS)
        .toList();
  }

  StreamRecord child(String parentId, String childId) {
    StreamRecord parent = existing(parentId);
    return link(parent.id(), childId)
        .map(l -> streams.get(l.childId()))
        .orElseThrow(() -> ApiFailure.notFound("Stream does not exist."));
  }

  List<StreamRecord> parents(String childId) {
    return linksTo(childId).map(l -> streams.get(l.parentId())).toList();
  }

  List<StreamRecord> tagged(String tag, StreamQuery query) {
    return newestFirst(streams.values().stream().filter(s -> s.tags().contains(tag)), query);
  }

  private static List<StreamRecord> newestFirst(
      Stream<StreamRecord> candidates, StreamQuery query) {
    return candidates
        .filter(query::matches)
        .sorted(Comparator.comparingLong(StreamRecord::updated).reversed())
        .limit(MAX_RESULTS)
        .toList();
  }

  // ---- writes

  /**
   * R2: create a child stream, or update the caller's existing one. {@code created} tells which.
   */
  Created<StreamRecord> createOrUpdate(
      UserRecord caller,
      String rawName,
      String rawUri,
      String color,
      List<String> tags,
      Consumer<StoreEvent> events) {
    String name =
        Names.streamName(rawName)
            .orElseThrow(() -> ApiFailure.unprocessable("Stream name is invalid."));
    String uri =
        Names.uri(rawUri)
            .filter(u -> u.contains("/"))
            .orElseThrow(() -> ApiFailure.notFound("Parent stream does not exist."));
    int cut = uri.lastIndexOf('/');
    StreamRecord parent =
        Optional.ofNullable(streamIdsByUri.get(uri.substring(0, cut)))
            .map(streams::get)
            .orElseThrow(() -> ApiFailure.notFound("Parent stream does not exist."));
    if (!uri.substring(cut + 1).equalsIgnoreCase(Names.fromName(name))) {
      throw ApiFailure.unprocessable("Stream name and uri do not match.");
    }
    requireOwner(caller, parent, "User does not have permission to add child.");
    StreamRecord existing =
        Optional.ofNullable(streamIdsByUri.get(uri)).map(streams::get).orElse(null);
    boolean created = existing == null;
    if (created) {
      requireRoomForChild(parent);
      if (streams.values().stream().filter(s -> s.owner().equals(caller.id())).count()
          >= MAX_STREAMS_PER_USER) {
        throw ApiFailure.unprocessable("Too many streams for user.");
      }
      existing = newStream(name, uri, caller.id());
      addLink(parent, existing, true, events);
    } else {
      requireOwner(caller, existing, "User does not have permission to add child.");
    }
    StreamRecord result = existing;
    if (color != null) {
      result = setStatus(caller, result.id(), color, events);
    }
    if (tags != null) {
      result = replaceTags(caller, result.id(), tags, events);
    }
    return new Created<>(result, created);
  }

  StreamRecord delete(UserRecord caller, String id, Consumer<StoreEvent> events) {
    StreamRecord stream = existing(id);
    requireOwner(caller, stream, "User does not have permission to delete stream.");
    if (isRoot(stream)) {
      throw ApiFailure.unprocessable("Cannot delete root streams.");
    }
    deleteTree(stream, events);
    return stream;
  }

  private void deleteTree(StreamRecord stream, Consumer<StoreEvent> events) {
    for (Link link : linksFrom(stream.id()).toList()) {
      removeLink(link, events);
      if (link.hierarchical()) {
        deleteTree(streams.get(link.childId()), events);
      }
    }
    linksTo(stream.id()).toList().forEach(l -> removeLink(l, events));
    streams.remove(stream.id());
    streamIdsByUri.remove(stream.uri());
    events.accept(new StoreEvent.StreamDeleted(stream));
  }

  StatusRecord status(String id) {
    return existing(id).status();
  }

  StreamRecord setStatus(UserRecord caller, String id, String color, Consumer<StoreEvent> events) {
    StreamRecord stream = existing(id);
    requireOwner(caller, stream, "User does not have permission to edit stream.");
    StreamRecord updated = stream.withStatus(new StatusRecord(color, clock.millis(), caller.id()));
    streams.put(updated.id(), updated);
    events.accept(new StoreEvent.StatusUpdated(updated));
    return updated;
  }

  /** R8: replace the whole tag set; {@code tags} are already valid, lower-cased and distinct. */
  StreamRecord replaceTags(
      UserRecord caller, String id, List<String> tags, Consumer<StoreEvent> events) {
    StreamRecord stream = existing(id);
    requireOwner(caller, stream, "User does not have permission to add tags.");
    StreamRecord updated = stream.withTags(tags, clock.millis());
    streams.put(updated.id(), updated);
    stream.tags().stream()
        .filter(t -> !tags.contains(t))
        .forEach(t -> events.accept(new StoreEvent.TagRemoved(t, updated)));
    tags.stream()
        .filter(t -> !stream.tags().contains(t))
        .forEach(t -> events.accept(new StoreEvent.TagAdded(t, updated)));
    return updated;
  }

  String tag(String id, String rawTag) {
    StreamRecord stream = existing(id);
    return stream.tags().stream()
        .filter(t -> t.equals(rawTag))
        .findFirst()
        .orElseThrow(() -> ApiFailure.notFound("Tag does not exist."));
  }

  /** R10: add one tag; created is false when the stream already had it. */
  Created<String> addTag(UserRecord caller, String id, String rawTag, Consumer<StoreEvent> events) {
    String tag = Names.tag(rawTag).orElseThrow(() -> ApiFailure.notFound("Tag is not valid."));
    StreamRecord stream = existing(id);
    requireOwner(
        caller, stream, ApiFailure.notFound("User does not have permission to edit stream."));
    if (stream.tags().contains(tag)) {
      return new Created<>(tag, false);
    }
    if (stream.tags().size() >= MAX_TAGS) {
      throw ApiFailure.unprocessable("Too many tags.");
    }
    List<String> tags = new ArrayList<>(stream.tags());
    tags.add(tag);
    storeTags(stream, tags);
    events.accept(new StoreEvent.TagAdded(tag, streams.get(stream.id())));
    return new Created<>(tag, true);
  }

  /** R11 as intended (bug B1 fixed): remove one tag. */
  String removeTag(UserRecord caller, String id, String rawTag, Consumer<StoreEvent> events) {
    String tag = Names.tag(rawTag).orElseThrow(() -> ApiFailure.notFound("Tag is not valid."));
    StreamRecord stream = existing(id);
    requireOwner(
        caller, stream, ApiFailure.notFound("User does not have permission to edit stream."));
    if (!stream.tags().contains(tag)) {
      throw ApiFailure.notFound("No such tag.");
    }
    List<String> tags = new ArrayList<>(stream.tags());
    tags.remove(tag);
    storeTags(stream, tags);
    events.accept(new StoreEvent.TagRemoved(tag, streams.get(stream.id())));
    return tag;
  }

  private void storeTags(StreamRecord stream, List<String> tags) {
    streams.put(stream.id(), stream.withTags(tags, clock.millis()));
  }

  /** R14: link an existing stream as a (non-hierarchical) child. */
  Created<StreamRecord> linkChild(
      UserRecord caller, String parentId, String childId, Consumer<StoreEvent> events) {
    StreamRecord parent =
        stream(parentId).orElseThrow(() -> ApiFailure.notFound("Parent stream does not exist."));
    if (link(parent.id(), childId).isPresent()) {
      requireOwner(caller, parent, "User does not have permission to add child.");
      return new Created<>(existing(childId), false);
    }
    requireRoomForChild(parent);
    requireOwner(caller, parent, "User does not have permission to add child.");
    StreamRecord child =
        stream(childId).orElseThrow(() -> ApiFailure.notFound("Child stream does not exist."));
    if (child.id().equals(parent.id())) {
      throw ApiFailure.unprocessable("I'm my own grandpa.");
    }
    addLink(parent, child, false, events);
    return new Created<>(child, true);
  }

  /** R15: remove a link; the child itself stays. */
  StreamRecord unlinkChild(
      UserRecord caller, String parentId, String childId, Consumer<StoreEvent> events) {
    StreamRecord parent = existing(parentId);
    Link link =
        link(parent.id(), childId).orElseThrow(() -> ApiFailure.notFound("Stream does not exist."));
    requireOwner(caller, parent, "User does not have permission to edit stream.");
    if (link.hierarchical()) {
      throw ApiFailure.unprocessable("Cannot remove hierarchical child.");
    }
    removeLink(link, events);
    return streams.get(link.childId());
  }

  // ---- helpers

  private StreamRecord newStream(String name, String uri, String ownerId) {
    long now = clock.millis();
    StreamRecord stream =
        new StreamRecord(
            ids.objectId(),
            name,
            uri,
            now,
            now,
            new StatusRecord(DEFAULT_COLOR, now, ownerId),
            ownerId,
            List.of());
    streams.put(stream.id(), stream);
    streamIdsByUri.put(uri, stream.id());
    return stream;
  }

  private boolean isRoot(StreamRecord stream) {
    return users.values().stream().anyMatch(u -> u.rootStream().equals(stream.id()));
  }

  private void requireRoomForChild(StreamRecord parent) {
    if (linksFrom(parent.id()).count() >= MAX_CHILDREN) {
      throw ApiFailure.unprocessable("Too many children.");
    }
  }

  private static void requireOwner(UserRecord caller, StreamRecord stream, String message) {
    requireOwner(caller, stream, ApiFailure.unauthorized(message));
  }

  private static void requireOwner(UserRecord caller, StreamRecord stream, ApiFailure failure) {
    if (!stream.owner().equals(caller.id())) {
      throw failure;
    }
  }

  private Stream<Link> linksFrom(String parentId) {
    return links.stream().filter(l -> l.parentId().equals(parentId));
  }

  private Stream<Link> linksTo(String childId) {
    return links.stream().filter(l -> l.childId().equals(childId));
  }

  private Optional<Link> link(String parentId, String rawChildId) {
    return Ids.parseObjectId(rawChildId)
        .flatMap(
            childId -> linksFrom(parentId).filter(l -> l.childId().equals(childId)).findFirst());
  }

  private void addLink(
      StreamRecord parent, StreamRecord child, boolean hierarchical, Consumer<StoreEvent> events) {
    links.add(new Link(parent.id(), child.id(), hierarchical, clock.millis()));
    events.accept(new StoreEvent.ChildAdded(parent, child, hierarchical));
  }

  private void removeLink(Link link, Consumer<StoreEvent> events) {
    links.remove(link);
    events.accept(
        new StoreEvent.ChildRemoved(streams.get(link.parentId()), streams.get(link.childId())));
  }
}
