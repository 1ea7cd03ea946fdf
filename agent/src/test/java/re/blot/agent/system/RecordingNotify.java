package re.blot.agent.system;

import java.util.List;
import java.util.Map;

/** An {@link SdNotify} whose messages land in a list instead of systemd's socket. */
public final class RecordingNotify {
  private RecordingNotify() {}

  /** A notifier that adds each message it would send (e.g. {@code STATUS=...}) to {@code sent}. */
  public static SdNotify into(List<String> sent) {
    SdNotify.Libsystemd recorder =
        (unset, state) -> {
          sent.add(state);
          return 1;
        };
    return SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/test/notify"), () -> recorder);
  }
}
