package re.blot.server.socket;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import re.blot.server.http.Call;
import re.blot.server.http.Forms;
import re.blot.server.store.Caller;
import re.blot.server.store.Store;
import re.blot.server.store.StoreEvent;
import re.blot.server.store.StoreListener;
import re.blot.server.store.StreamRecord;

/**
 * The WebSocket API ({@code GET /v0/ws}, §6): accepts every upgrade, resolving the user once from
 * the token as REST does (an invalid or missing token gives an anonymous socket, never a refusal),
 * keeps the open sockets, and hands every store change to each of them.
 */
public final class SocketHub implements WebSocketCreator, StoreListener {
  /** The path of the WebSocket API. */
  public static final String PATH = "/v0/ws";

  private final Store store;
  private final SocketRequests requests;
  private final Set<SocketSession> open = ConcurrentHashMap.newKeySet();

  public SocketHub(Store store) {
    this.store = store;
    this.requests = new SocketRequests(store);
  }

  @Override
  public Object createWebSocket(
      ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    String token =
        Call.accessToken(
            Forms.first(Forms.parse(request.getHttpURI().getQuery()), "access_token"),
            request.getHeaders().get("Authorization"));
    Caller caller = store.caller(token);
    SocketSession socket =
        new SocketSession(this, requests, caller.kind() == Caller.Kind.USER ? caller.user() : null);
    // Known from the upgrade on, so closeAll() also reaches a socket whose open callback is late.
    opened(socket);
    return socket;
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (open.isEmpty()) {
      return;
    }
    Supplier<List<String>> parentUris = parentUris(event);
    open.forEach(socket -> socket.deliver(event, parentUris));
  }

  /**
   * Closes every open socket from the server side (close code 1001); returns how many there were.
   */
  public int closeAll() {
    List<SocketSession> sockets = List.copyOf(open);
    sockets.forEach(SocketSession::closeFromServer);
    return sockets.size();
  }

  void opened(SocketSession socket) {
    open.add(socket);
  }

  void closed(SocketSession socket) {
    open.remove(socket);
  }

  /**
   * The parents of a stream whose status changed, looked up once per event and only if a socket
   * asks.
   */
  private Supplier<List<String>> parentUris(StoreEvent event) {
    if (!(event instanceof StoreEvent.StatusUpdated updated)) {
      return List::of;
    }
    return new Supplier<>() {
      private List<String> uris;

      @Override
      public synchronized List<String> get() {
        if (uris == null) {
          uris = store.parents(updated.stream().id()).stream().map(StreamRecord::uri).toList();
        }
        return uris;
      }
    };
  }
}
