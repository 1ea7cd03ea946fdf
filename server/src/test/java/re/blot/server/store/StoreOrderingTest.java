package re.blot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import re.blot.server.storage.MemoryStorage;

/**
 * Concurrent status sets on one stream: the last event a subscriber gets is always the stored color
 * (before the ordered dispatcher, a harness saw it differ in 2-231 of 2,000 rounds).
 */
class StoreOrderingTest {
  private static final int ROUNDS = 5_000;
  private static final int WRITERS = 4;

  @Test
  void subscribersEndOnTheStoredColorUnderConcurrentWrites() throws Exception {
    Store store = new Store(Clock.systemUTC(), Lifetimes.DEFAULTS, new MemoryStorage());
    UserRecord matt = store.createUser("matt");
    String stream = matt.rootStream();
    AtomicReference<String> lastEvent = new AtomicReference<>();
    store.addListener(
        e -> {
          if (e instanceof StoreEvent.StatusUpdated u) {
            lastEvent.set(u.stream().status().color());
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CyclicBarrier start = new CyclicBarrier(WRITERS);
    int mismatches = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          String color = String.format("#%02x%04x", w, round & 0xffff);
          writes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.setStatus(matt, stream, color);
                  }));
        }
        for (Future<?> write : writes) {
          write.get();
        }
        if (!store.status(stream).color().equals(lastEvent.get())) {
          mismatches++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mismatches).as("rounds whose last event differs from the stored color").isZero();
  }
}
