package re.blot.server.store;

/**
 * What changed in the {@link Store}, delivered to {@link StoreListener}s after the change is made
 * and the lock released, in the order the changes happened. Each event carries snapshots, so
 * listeners never need to call back into the store to describe it.
 */
public sealed interface StoreEvent {

  /** A stream got a new status ({@code stream.status()}). */
  record StatusUpdated(StreamRecord stream) implements StoreEvent {}

  /**
   * {@code child} became a child of {@code parent}, hierarchically (created under it) or as a link.
   */
  record ChildAdded(StreamRecord parent, StreamRecord child, boolean hierarchical)
      implements StoreEvent {}

  /** {@code child} is no longer a child of {@code parent} (unlinked, or one of them deleted). */
  record ChildRemoved(StreamRecord parent, StreamRecord child) implements StoreEvent {}

  /** {@code stream} got the tag {@code tag} (the collection {@code #tag} gained a child). */
  record TagAdded(String tag, StreamRecord stream) implements StoreEvent {}

  /** {@code stream} lost the tag {@code tag}. */
  record TagRemoved(String tag, StreamRecord stream) implements StoreEvent {}

  /** {@code stream} was deleted; this is its last state. */
  record StreamDeleted(StreamRecord stream) implements StoreEvent {}
}
