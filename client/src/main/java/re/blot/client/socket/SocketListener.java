package re.blot.client.socket;

import java.time.Duration;

/**
 * Hears what a {@link BlotreSocket} receives and how its connection fares. Called on the socket's
 * threads, one call at a time per connection: return quickly and do not block.
 */
@FunctionalInterface
public interface SocketListener {

  /**
   * An event of a subscription arrived.
   *
   * @param event the event
   */
  void onEvent(SocketEvent event);

  /**
   * The socket is connected and every subscription has been sent again; the current status of each
   * subscribed stream follows as a {@link SocketEvent.StatusUpdated}.
   *
   * @param reconnect false for the first connection, true after a lost one
   */
  default void onConnected(boolean reconnect) {}

  /**
   * The connection was lost (or could not be made); the socket tries again after {@code retryIn}.
   * Requests under way when it broke have failed; new ones wait for the reconnect.
   *
   * @param reason what happened, for logs (never a token)
   * @param retryIn how long until the next attempt
   */
  default void onDisconnected(String reason, Duration retryIn) {}

  /** The socket was closed by {@link BlotreSocket#close()}; nothing more will be heard. */
  default void onClosed() {}
}
