package re.blot.client.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues what it hears, for tests to take in order (waiting up to 10 s each). */
final class Recorder implements SocketListener {
  final BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
  final BlockingQueue<Boolean> connects = new LinkedBlockingQueue<>();
  final BlockingQueue<Duration> disconnects = new LinkedBlockingQueue<>();
  final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public void onEvent(SocketEvent event) {
    events.add(event);
  }

  @Override
  public void onConnected(boolean reconnect) {
    connects.add(reconnect);
  }

  @Override
  public void onDisconnected(String reason, Duration retryIn) {
    disconnects.add(retryIn);
  }

  @Override
  public void onClosed() {
    closed.countDown();
  }

  SocketEvent nextEvent() {
    return next(events);
  }

  /** The next event of the given type, skipping others. */
  <T extends SocketEvent> T nextEvent(Class<T> type) {
    while (true) {
      SocketEvent event = nextEvent();
      if (type.isInstance(event)) {
        return type.cast(event);
      }
    }
  }

  static <T> T next(BlockingQueue<T> queue) {
    try {
      T value = queue.poll(30, TimeUnit.SECONDS);
      assertThat(value).as("heard within 30 s").isNotNull();
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
