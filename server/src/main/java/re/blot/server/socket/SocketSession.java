package re.blot.server.socket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.http.Json;
import re.blot.server.store.StoreEvent;
import re.blot.server.store.UserRecord;

/**
 * One open {@code /v0/ws} connection: its user (fixed at the upgrade, null for anonymous), its
 * subscriptions, and one JSON object per text frame both ways. Public only because Jetty calls its
 * listener methods reflectively.
 */
public final class SocketSession implements Session.Listener.AutoDemanding {
  private static final Logger log = LoggerFactory.getLogger(SocketSession.class);

  private final SocketHub hub;
  private final SocketRequests requests;
  private final UserRecord caller;
  private final Subscriptions streams = new Subscriptions(Subscriptions.MAX_STREAMS);
  private final Subscriptions collections = new Subscriptions(Subscriptions.MAX_COLLECTIONS);
  private volatile Session session;
  private boolean closeRequested;

  SocketSession(SocketHub hub, SocketRequests requests, UserRecord caller) {
    this.hub = hub;
    this.requests = requests;
    this.caller = caller;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    synchronized (this) {
      this.session = session;
      if (closeRequested) {
        // closeAll() ran between the upgrade and this call: the client already sees an open socket.
        closeFromServer();
        return;
      }
    }
    hub.opened(this);
    log.debug("Socket opened ({})", caller == null ? "anonymous" : "user " + caller.userName());
  }

  @Override
  public void onWebSocketText(String text) {
    Object frame;
    try {
      frame = Json.parse(text.getBytes(UTF_8)).orElse(null);
    } catch (Json.Malformed e) {
      // Play closes the socket on a frame it cannot parse as JSON (§6.5, last point).
      session.close(StatusCode.BAD_DATA, "Invalid JSON", Callback.NOOP);
      return;
    }
    send(requests.answer(frame, caller, streams, collections));
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    hub.closed(this);
    log.debug("Socket closed ({} {})", statusCode, reason);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    hub.closed(this);
    log.debug("Socket failed: {}", cause.toString());
  }

  /** Sends this socket whatever its subscriptions make of a store change. */
  void deliver(StoreEvent event, Supplier<List<String>> parentUris) {
    send(Events.messages(event, streams, collections, parentUris));
  }

  /** Closes the connection from the server side, as a restarting server would. */
  synchronized void closeFromServer() {
    Session open = session;
    if (open == null) {
      closeRequested = true;
    } else {
      open.close(StatusCode.SHUTDOWN, "Server closed the socket", Callback.NOOP);
    }
  }

  private void send(List<Map<String, Object>> messages) {
    Session open = session;
    if (open == null || !open.isOpen()) {
      return;
    }
    // One writer at a time keeps each frame whole and the messages of one answer in order.
    synchronized (this) {
      for (Map<String, Object> message : messages) {
        open.sendText(new String(Json.write(message), UTF_8), Callback.NOOP);
      }
    }
  }
}
