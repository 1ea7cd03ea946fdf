package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import re.blot.agent.Await;

class WatchdogTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final SdNotify notify =
      SdNotify.fromEnvironment(
          Map.of("NOTIFY_SOCKET", "/run/test/notify", "WATCHDOG_USEC", "100000"),
          () ->
              (unset, state) -> {
                sent.add(state);
                return 1;
              });

  @Test
  void pingsWhileTheLoopIsAlive() {
    try (Watchdog watchdog = Watchdog.start(notify, () -> true)) {
      Await.until("three pings", () -> sent.size() >= 3);
    }
    assertThat(sent).containsOnly("WATCHDOG=1");
  }

  @Test
  void staysSilentWhileTheLoopIsStuck() {
    AtomicInteger asked = new AtomicInteger();
    try (Watchdog watchdog = Watchdog.start(notify, () -> asked.incrementAndGet() < 0)) {
      Await.until("three checks of the loop", () -> asked.get() >= 3);
    }
    assertThat(sent).isEmpty();
  }
}
