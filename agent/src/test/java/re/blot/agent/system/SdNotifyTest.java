package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.sun.jna.Native;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {
  @TempDir Path dir;

  @Test
  void sendsReadyStatusWatchdogAndStoppingToTheNotifySocket() {
    SdNotify.Libsystemd libsystemd = loadLibsystemdOrSkip();
    try (NotifySocket socket = NotifySocket.bind(dir.resolve("notify"))) {
      SdNotify notify =
          SdNotify.fromEnvironment(
              Map.of("NOTIFY_SOCKET", socket.path().toString(), "WATCHDOG_USEC", "90000000"),
              () -> libsystemd);

      notify.ready("Plant: 41% #4d6a00");
      notify.watchdog();
      notify.status("Plant: 40% #4f6900\npushed");
      notify.stopping();

      assertThat(notify.isEnabled()).isTrue();
      assertThat(socket.poll()).isEqualTo("READY=1\nSTATUS=Plant: 41% #4d6a00");
      assertThat(socket.poll()).isEqualTo("WATCHDOG=1");
      assertThat(socket.poll()).isEqualTo("STATUS=Plant: 40% #4f6900 pushed");
      assertThat(socket.poll()).isEqualTo("STOPPING=1");
      assertThat(socket.poll()).isNull();
    }
  }

  @Test
  void withoutNotifySocketEveryCallIsANoOpAndLibsystemdIsNotLoaded() {
    SdNotify notify =
        SdNotify.fromEnvironment(
            Map.of("WATCHDOG_USEC", "90000000"),
            failingLoader(new AssertionError("libsystemd loaded without NOTIFY_SOCKET")));

    assertThat(notify.watchdogInterval()).isEmpty();
    assertDisabled(notify);
  }

  @Test
  void missingLibsystemdDisablesNotificationsInsteadOfFailing() {
    SdNotify notify =
        SdNotify.fromEnvironment(
            Map.of("NOTIFY_SOCKET", "/run/systemd/notify"),
            failingLoader(
                new UnsatisfiedLinkError("libsystemd.so.0: cannot open shared object file")));

    assertDisabled(notify);
  }

  @Test
  void watchdogIntervalComesFromWatchdogUsec() {
    assertThat(watchdogWith(Map.of("WATCHDOG_USEC", "90000000"))).contains(Duration.ofSeconds(90));
    assertThat(watchdogWith(Map.of())).isEmpty();
    assertThat(watchdogWith(Map.of("WATCHDOG_USEC", "ninety"))).isEmpty();
    assertThat(watchdogWith(Map.of("WATCHDOG_USEC", "0"))).isEmpty();
  }

  @Test
  void watchdogMeantForAnotherProcessIsIgnored() {
    String self = Long.toString(ProcessHandle.current().pid());
    String other = Long.toString(ProcessHandle.current().pid() + 1);

    assertThat(watchdogWith(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", self)))
        .contains(Duration.ofSeconds(30));
    assertThat(watchdogWith(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", other))).isEmpty();
  }

  private static Supplier<SdNotify.Libsystemd> failingLoader(Error error) {
    return () -> {
      throw error;
    };
  }

  private static void assertDisabled(SdNotify notify) {
    assertThat(notify.isEnabled()).isFalse();
    assertThatCode(
            () -> {
              notify.ready("ready");
              notify.status("status");
              notify.watchdog();
              notify.stopping();
            })
        .doesNotThrowAnyException();
  }

  private static Optional<Duration> watchdogWith(Map<String, String> watchdogEnv) {
    Map<String, String> env = new HashMap<>(watchdogEnv);
    env.put("NOTIFY_SOCKET", "/run/systemd/notify");
    return SdNotify.fromEnvironment(env, () -> (unset, state) -> 1).watchdogInterval();
  }

  // The wire test needs the real library; CI has it (Debian), a desktop without systemd may not.
  private static SdNotify.Libsystemd loadLibsystemdOrSkip() {
    try {
      return Native.load("libsystemd.so.0", SdNotify.Libsystemd.class);
    } catch (UnsatisfiedLinkError e) {
      String missing = "libsystemd.so.0 is not installed (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("CI"))) {
        return fail("Required under CI=true: " + missing, e);
      }
      return abort("Skipped: " + missing);
    }
  }
}
