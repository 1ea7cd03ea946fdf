package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void readsTheStartUntilAdvanced() {
    ManualClock clock = new ManualClock(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

    clock.advance(Duration.ofSeconds(90));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(90).toEpochMilli());
  }

  @Test
  void aClockInAnotherZoneSharesTheTime() {
    ManualClock clock = new ManualClock(START);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void advancesFromManyThreadsAddUp() {
    ManualClock clock = new ManualClock(START);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < 10_000; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              },
              pool));
    }
    go.countDown();
    try {
      CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
    assertThat(clock.instant()).isEqualTo(START.plusMillis(40_000));
  }
}
