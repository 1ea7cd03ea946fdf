package re.blot.server.store;

/**
 * Receives {@link StoreEvent}s. Called on the thread that made the change, outside the store's
 * lock.
 */
@FunctionalInterface
public interface StoreListener {
  void onEvent(StoreEvent event);
}
