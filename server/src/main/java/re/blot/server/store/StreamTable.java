package re.blot.server.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import re.blot.server.store.Storage.Child;
import re.blot.server.store.Storage.Link;

/**
 * Users, streams, parent/child links, tags and status history, with the rules of contract §1 and
 * §5, over the rows of a {@link Storage}. {@link Store} calls it inside a storage transaction,
 * under its lock, and hands in where events go.
 */
final class StreamTable {
  static final int MAX_CHILDREN = 1000;
  static final int MAX_STREAMS_PER_USER = 10_000;
  static final int MAX_TAGS = 6;
  static final int MAX_RESULTS = 20;
  static final String DEFAULT_COLOR = "#aaaaaa";

  private final Clock clock;
  private final Ids ids;
  private final Storage storage;

  StreamTable(Clock clock, Ids ids, Storage storage) {
    this.clock = clock;
    this.ids = ids;
    this.storage = storage;
  }

  // ---- users

  UserRecord createUser(String rawName) {
    String name =
        Names.userName(rawName)
            .orElseThrow(() -> ApiFailure.unprocessable("User name is invalid."));
    String uri = Names.fromName(name);
    if (storage.streamByUri(uri).isPresent()) {
      throw new ApiFailure(409, "User name is taken.");
    }
    String userId = ids.objectId();
    StreamRecord root = newStream(name, uri, userId);
    UserRecord user = new UserRecord(userId, name, root.id());
    storage.insertUser(user);
    return user;
  }

  Optional<UserRecord> user(String id) {
    return Ids.parseObjectId(id).flatMap(storage::user);
  }

  Optional<UserRecord> userByName(String name) {
    String uri = Names.fromName(name == null ? "" : name);
    return storage.users().stream()
        .filter(u -> Names.fromName(u.userName()).equals(uri))
        .findFirst();
  }

  List<UserRecord> users() {
    return storage.users();
  }

  // ---- reads

  Optional<StreamRecord> stream(String id) {
    return Ids.parseObjectId(id).flatMap(storage::stream);
  }

  Optional<StreamRecord> streamByUri(String uri) {
    return Names.uri(uri).flatMap(storage::streamByUri);
  }

  StreamRecord existing(String id) {
    return stream(id).orElseThrow(() -> ApiFailure.notFound("Stream does not exist."));
  }

  List<StreamRecord> allStreams() {
    return storage.streams();
  }

  List<StreamRecord> latest(StreamQuery query) {
    return storage.newest(query::matches, MAX_RESULTS);
  }

  List<StreamRecord> children(String parentId, StreamQuery query) {
    StreamRecord parent = existing(parentId);
    return storage.children(parent.id()).stream()
        .sorted(
            Comparator.comparingLong((Child c) -> Math.max(c.link().added(), c.stream().updated()))
                .reversed())
        .map(Child::stream)
        .filter(query::matches)
        .limit(MAX_RESULTS)
        .toList();
  }

  StreamRecord child(String parentId, String childId) {
    StreamRecord parent = existing(parentId);
    return link(parent.id(), childId)
        .flatMap(l -> storage.stream(l.childId()))
        .orElseThrow(() -> ApiFailure.notFound("Stream does not exist."));
  }

  List<StreamRecord> parents(String childId) {
    return storage.parents(childId);
  }

  List<StreamRecord> tagged(String tag, StreamQuery query) {
    return storage.newest(s -> s.tags().contains(tag) && query.matches(s), MAX_RESULTS);
  }

  /**
   * Statuses of a stream with {@code since <= created < until}, oldest first, at most {@code
   * limit}.
   */
  List<StatusRecord> history(String id, long since, long until, int limit) {
    StreamRecord stream = existing(id);
    return storage.history(stream.id(), since, until, limit);
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
        storage
            .streamByUri(uri.substring(0, cut))
            .orElseThrow(() -> ApiFailure.notFound("Parent stream does not exist."));
    if (!uri.substring(cut + 1).equalsIgnoreCase(Names.fromName(name))) {
      throw ApiFailure.unprocessable("Stream name and uri do not match.");
    }
    requireOwner(caller, parent, "User does not have permission to add child.");
    StreamRecord existing = storage.streamByUri(uri).orElse(null);
    boolean created = existing == null;
    if (created) {
      requireRoomForChild(parent);
      if (storage.countStreamsOwnedBy(caller.id()) >= MAX_STREAMS_PER_USER) {
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
    for (Link link : storage.linksFrom(stream.id())) {
      StreamRecord child = storage.stream(link.childId()).orElseThrow();
      removeLink(link, events);
      if (link.hierarchical()) {
        deleteTree(child, events);
      }
    }
    storage.linksTo(stream.id()).forEach(l -> removeLink(l, events));
    storage.deleteStream(stream.id());
    events.accept(new StoreEvent.StreamDeleted(stream));
  }

  StatusRecord status(String id) {
    return existing(id).status();
  }

  StreamRecord setStatus(UserRecord caller, String id, String color, Consumer<StoreEvent> events) {
    StreamRecord stream = existing(id);
    requireOwner(caller, stream, "User does not have permission to edit stream.");
    StatusRecord status = new StatusRecord(color, clock.millis(), caller.id());
    StreamRecord updated = stream.withStatus(status);
    storage.updateStream(updated);
    storage.appendHistory(updated.id(), status);
    events.accept(new StoreEvent.StatusUpdated(updated));
    return updated;
  }

  /** R8: replace the whole tag set; {@code tags} are already valid, lower-cased and distinct. */
  StreamRecord replaceTags(
      UserRecord caller, String id, List<String> tags, Consumer<StoreEvent> events) {
    StreamRecord stream = existing(id);
    requireOwner(caller, stream, "User does not have permission to add tags.");
    StreamRecord updated = stream.withTags(tags, clock.millis());
    storage.updateStream(updated);
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
    events.accept(new StoreEvent.TagAdded(tag, storeTags(stream, tags)));
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
    events.accept(new StoreEvent.TagRemoved(tag, storeTags(stream, tags)));
    return tag;
  }

  private StreamRecord storeTags(StreamRecord stream, List<String> tags) {
    StreamRecord updated = stream.withTags(tags, clock.millis());
    storage.updateStream(updated);
    return updated;
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
    StreamRecord child = storage.stream(link.childId()).orElseThrow();
    removeLink(link, events);
    return child;
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
    storage.insertStream(stream);
    return stream;
  }

  private boolean isRoot(StreamRecord stream) {
    return storage.users().stream().anyMatch(u -> u.rootStream().equals(stream.id()));
  }

  private void requireRoomForChild(StreamRecord parent) {
    if (storage.countChildren(parent.id()) >= MAX_CHILDREN) {
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

  private Optional<Link> link(String parentId, String rawChildId) {
    return Ids.parseObjectId(rawChildId).flatMap(childId -> storage.link(parentId, childId));
  }

  private void addLink(
      StreamRecord parent, StreamRecord child, boolean hierarchical, Consumer<StoreEvent> events) {
    storage.insertLink(new Link(parent.id(), child.id(), hierarchical, clock.millis()));
    events.accept(new StoreEvent.ChildAdded(parent, child, hierarchical));
  }

  private void removeLink(Link link, Consumer<StoreEvent> events) {
    StreamRecord parent = storage.stream(link.parentId()).orElseThrow();
    StreamRecord child = storage.stream(link.childId()).orElseThrow();
    storage.deleteLink(link.parentId(), link.childId());
    events.accept(new StoreEvent.ChildRemoved(parent, child));
  }
}
