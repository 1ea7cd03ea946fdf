package re.blot.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.WebSocket;

/**
 * WebSocket fan-out: many sockets watch one stream (or the collection it belongs to), one agent
 * pushes a color over REST, and the time from the push to the last socket's {@code StatusUpdated}
 * is taken, round after round.
 */
final class FanOut {
  private FanOut() {}

  /** What one run measured: the time to the last subscriber, and to each subscriber. */
  record Result(Percentiles toLast, Percentiles toEach, int missed) {}

  /** What the sockets watch: the agent's stream itself, or its parent as a collection (§6.5). */
  enum Watch {
    STREAM,
    COLLECTION
  }

  static Result run(LoadClient client, Agent agent, int subscribers, int rounds, Watch watch)
      throws IOException, InterruptedException {
    String parent = agent.streamUri().substring(0, agent.streamUri().lastIndexOf('/'));
    String subscribe =
        watch == Watch.STREAM
            ? LoadClient.json(Map.of("type", "Subscribe", "to", List.of(agent.streamUri())))
            : LoadClient.json(Map.of("type", "SubscribeCollection", "to", parent));
    // A reply to this request after the subscription means the server has processed both (one
    // socket's messages are handled in order).
    String ping = LoadClient.json(Map.of("type", "GetStream", "uri", parent, "correlation", 1));
    List<Subscriber> sockets = new ArrayList<>();
    AtomicBoolean closing = new AtomicBoolean();
    try {
      CountDownLatch ready = new CountDownLatch(subscribers);
      for (int i = 0; i < subscribers; i++) {
        Subscriber subscriber = new Subscriber(ready, closing);
        subscriber.socket = client.openSocket(subscriber);
        subscriber.socket.send(subscribe);
        subscriber.socket.send(ping);
        sockets.add(subscriber);
      }
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IOException(
            ready.getCount() + " of " + subscribers + " sockets never subscribed");
      }
      long[] toLast = new long[rounds];
      long[] toEach = new long[rounds * subscribers];
      int each = 0;
      int missed = 0;
      for (int round = 0; round < rounds; round++) {
        String color = Colors.of(1_000_003, round);
        CountDownLatch arrived = new CountDownLatch(subscribers);
        sockets.forEach(s -> s.expect(color, arrived));
        long start = System.nanoTime();
        if (client.setStatus(agent, color) != 200) {
          throw new IOException("the push of round " + round + " was refused");
        }
        if (!arrived.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
          missed += (int) arrived.getCount();
        }
        long last = 0;
        for (Subscriber s : sockets) {
          long at = s.arrivedAt.get();
          if (at != 0) {
            toEach[each++] = at - start;
            last = Math.max(last, at - start);
          }
        }
        toLast[round] = last;
      }
      return new Result(Percentiles.of(toLast, rounds), Percentiles.of(toEach, each), missed);
    } finally {
      closing.set(true);
      sockets.forEach(s -> s.socket.close(1000, "done"));
    }
  }

  /** One watching socket: notes when the expected color arrives. */
  private static final class Subscriber extends WatchingListener {
    private final CountDownLatch ready;
    private final AtomicLong arrivedAt = new AtomicLong();
    private volatile String expected;
    private volatile CountDownLatch arrived;
    private boolean subscribed;
    WebSocket socket;

    Subscriber(CountDownLatch ready, AtomicBoolean closing) {
      super(closing);
      this.ready = ready;
    }

    void expect(String color, CountDownLatch latch) {
      arrivedAt.set(0);
      arrived = latch;
      expected = color;
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      long now = System.nanoTime();
      Map<String, Object> message = LoadClient.parse(text);
      if (!subscribed && "Stream".equals(message.get("type"))) {
        subscribed = true;
        ready.countDown();
        return;
      }
      if ("StatusUpdated".equals(message.get("type"))
          && message.get("status") instanceof Map<?, ?> status
          && status.get("color").equals(expected)
          && arrivedAt.compareAndSet(0, now)) {
        arrived.countDown();
      }
    }
  }
}
