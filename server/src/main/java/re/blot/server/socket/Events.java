package re.blot.server.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import re.blot.server.store.StoreEvent;
import re.blot.server.store.StreamRecord;

/**
 * Which messages of §6.4 one socket gets for one store change, given what it subscribed to. This is
 * the intended routing, without bug B5: {@code ChildRemoved} goes to the parent's subscribers and
 * {@code ParentRemoved} names the child as {@code from} and the parent as {@code parent}.
 */
final class Events {
  private Events() {}

  /**
   * @param parentUris the uris of the changed stream's parents, asked for only when a status
   *     changed and the socket has collections
   */
  static List<Map<String, Object>> messages(
      StoreEvent event,
      Subscriptions streams,
      Subscriptions collections,
      Supplier<List<String>> parentUris) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (event instanceof StoreEvent.StatusUpdated e) {
      StreamRecord stream = e.stream();
      if (streams.has(stream.uri())) {
        out.add(Messages.statusUpdated(stream, null));
      }
      for (String collection : collections.all()) {
        if (collection.startsWith("#")
            ? stream.tags().contains(collection.substring(1))
            : parentUris.get().contains(collection)) {
          out.add(Messages.statusUpdated(stream, collection));
        }
      }
    } else if (event instanceof StoreEvent.ChildAdded e) {
      childAdded(out, streams, collections, e.parent().uri(), e.child());
    } else if (event instanceof StoreEvent.TagAdded e) {
      childAdded(out, streams, collections, "#" + e.tag(), e.stream());
    } else if (event instanceof StoreEvent.ChildRemoved e) {
      childRemoved(out, streams, collections, e.parent().uri(), e.child(), true);
    } else if (event instanceof StoreEvent.TagRemoved e) {
      childRemoved(out, streams, collections, "#" + e.tag(), e.stream(), true);
    } else if (event instanceof StoreEvent.StreamDeleted e) {
      StreamRecord stream = e.stream();
      if (streams.has(stream.uri())) {
        out.add(Messages.streamDeleted(stream.uri()));
      }
      // Tag collections drop a deleted stream (§5.5); deletes send no tag events of their own.
      stream
          .tags()
          .forEach(tag -> childRemoved(out, streams, collections, "#" + tag, stream, false));
    }
    return out;
  }

  /**
   * {@code ChildAdded} for the parent's (a tag's: only the collection's) subscribers, {@code
   * ParentAdded} for the child's.
   */
  private static void childAdded(
      List<Map<String, Object>> out,
      Subscriptions streams,
      Subscriptions collections,
      String parent,
      StreamRecord child) {
    if (streams.has(parent)) {
      out.add(Messages.childAdded(parent, child, null));
    }
    if (collections.has(parent)) {
      out.add(Messages.childAdded(parent, child, parent));
    }
    if (streams.has(child.uri())) {
      out.add(Messages.parentChanged(true, child.uri(), parent));
    }
  }

  /**
   * {@code ChildRemoved} for the parent's (or tag's) subscribers, and optionally {@code
   * ParentRemoved} for the child's.
   */
  private static void childRemoved(
      List<Map<String, Object>> out,
      Subscriptions streams,
      Subscriptions collections,
      String parent,
      StreamRecord child,
      boolean tellChild) {
    if (streams.has(parent)) {
      out.add(Messages.childRemoved(parent, child.uri(), null));
    }
    if (collections.has(parent)) {
      out.add(Messages.childRemoved(parent, child.uri(), parent));
    }
    if (tellChild && streams.has(child.uri())) {
      out.add(Messages.parentChanged(false, child.uri(), parent));
    }
  }
}
