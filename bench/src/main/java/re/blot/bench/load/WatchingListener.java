package re.blot.bench.load;

import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A socket that watches the server for a measurement: its failure is reported, unless the harness
 * is closing the sockets itself (the server may go before the close handshake ends).
 */
abstract class WatchingListener extends WebSocketListener {
  private final AtomicBoolean closing;

  /** {@code closing} is set by the harness before it closes the sockets or stops the server. */
  WatchingListener(AtomicBoolean closing) {
    this.closing = closing;
  }

  @Override
  public final void onFailure(WebSocket webSocket, Throwable t, Response response) {
    if (!closing.get()) {
      System.err.println("a watching socket failed: " + t);
    }
  }
}
