package re.blot.client.socket;

import re.blot.client.model.Status;
import re.blot.client.model.Stream;

/**
 * Something that happened to a subscribed stream or collection. Immutable.
 *
 * <p>{@code source} tells how the event arrived: null for a stream subscription, or the collection
 * address ({@code matt/tree} or {@code #tag}) for a collection subscription.
 */
public sealed interface SocketEvent {

  /**
   * Returns the address the event is about.
   *
   * @return a stream uri, or {@code #tag} for a tag collection's child events
   */
  String from();

  /**
   * A stream's status changed. Also sent once with the current status right after subscribing, and
   * again after every reconnect.
   *
   * @param from the stream's uri
   * @param status the new status
   * @param source null for a stream subscription, else the collection that contains the stream
   */
  record StatusUpdated(String from, Status status, String source) implements SocketEvent {}

  /**
   * A stream (or a tag) got a child.
   *
   * @param from the parent's uri, or {@code #tag} when a stream got that tag
   * @param child the child
   * @param source null for a stream subscription, else the collection ({@code from})
   */
  record ChildAdded(String from, Stream child, String source) implements SocketEvent {}

  /**
   * A stream (or a tag) lost a child: unlinked, deleted, or the tag removed.
   *
   * @param from the parent's uri, or {@code #tag}
   * @param child the child's uri
   * @param source null for a stream subscription, else the collection ({@code from})
   */
  record ChildRemoved(String from, String child, String source) implements SocketEvent {}

  /**
   * A subscribed stream was deleted.
   *
   * @param from the deleted stream's uri
   */
  record StreamDeleted(String from) implements SocketEvent {}

  /**
   * A subscribed stream got a parent: it was created under or linked to a stream, or got a tag.
   *
   * @param from the stream's uri
   * @param parent the parent's uri, or {@code #tag}
   */
  record ParentAdded(String from, String parent) implements SocketEvent {}

  /**
   * A subscribed stream lost a parent: unlinked, the parent deleted, or a tag removed.
   *
   * @param from the stream's uri
   * @param parent the parent's uri, or {@code #tag}
   */
  record ParentRemoved(String from, String parent) implements SocketEvent {}
}
