package re.blot.agent.system;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the agent's state through {@code sd_notify(3)}: readiness, a one-line status,
 * watchdog keep-alives and shutdown.
 *
 * <p>The unit runs the agent with {@code Type=notify} and {@code WatchdogSec=}, so systemd waits
 * for {@link #ready} before it counts the service as started and restarts it when {@link #watchdog}
 * stays silent for longer than {@link #watchdogInterval}. Java cannot send on the {@code AF_UNIX}
 * datagram socket that systemd listens on, so the datagrams go through {@code sd_notify} in {@code
 * libsystemd.so.0}, called with JNA.
 *
 * <p>Outside systemd ({@code NOTIFY_SOCKET} unset), or where libsystemd is missing, every method
 * does nothing: notifications never fail the agent. Instances are immutable and thread-safe.
 */
public final class SdNotify {
  private static final Logger log = LoggerFactory.getLogger(SdNotify.class);
  private static final String LIBSYSTEMD = "libsystemd.so.0";
  private static final SdNotify DISABLED = new SdNotify(null, null);

  /** The one function of libsystemd the agent uses. */
  interface Libsystemd extends Library {
    /** Returns a positive number when sent, 0 without NOTIFY_SOCKET, a negative errno on error. */
    int sd_notify(int unsetEnvironment, String state);
  }

  private final Libsystemd libsystemd;
  private final Duration watchdogInterval;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  private SdNotify(Libsystemd libsystemd, Duration watchdogInterval) {
    this.libsystemd = libsystemd;
    this.watchdogInterval = watchdogInterval;
  }

  /** Returns a notifier for this process, configured from the environment systemd set. */
  public static SdNotify fromEnvironment() {
    return fromEnvironment(System.getenv(), () -> Native.load(LIBSYSTEMD, Libsystemd.class));
  }

  /** Returns a notifier that sends nothing, for desktops, tests and the {@code demo} command. */
  public static SdNotify disabled() {
    return DISABLED;
  }

  static SdNotify fromEnvironment(Map<String, String> env, Supplier<Libsystemd> loader) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      return DISABLED;
    }
    Libsystemd libsystemd;
    try {
      libsystemd = loader.get();
    } catch (LinkageError | RuntimeException e) {
      log.warn(
          "systemd expects notifications on {} but {} cannot be loaded ({}); running without them,"
              + " so systemd may time out the start and kill the agent",
          socket,
          LIBSYSTEMD,
          e.toString());
      return DISABLED;
    }
    return new SdNotify(libsystemd, parseWatchdog(env));
  }

  private static Duration parseWatchdog(Map<String, String> env) {
    String usec = env.get("WATCHDOG_USEC");
    if (usec == null) {
      return null;
    }
    // systemd sets WATCHDOG_PID to the process it watches; a child started by the agent is not it.
    String pid = env.get("WATCHDOG_PID");
    if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
      return null;
    }
    try {
      long micros = Long.parseLong(usec);
      if (micros > 0) {
        return Duration.ofNanos(Math.multiplyExact(micros, 1000L));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // Falls through to the warning below.
    }
    log.warn("Ignoring WATCHDOG_USEC={}: not a positive number of microseconds", usec);
    return null;
  }

  /** True when notifications reach systemd: under a {@code Type=notify} unit with libsystemd. */
  public boolean isEnabled() {
    return libsystemd != null;
  }

  /**
   * How often systemd expects {@link #watchdog}, from {@code WATCHDOG_USEC}; empty when no watchdog
   * is set for this process. Ping at half this interval, from a timer that runs only while the
   * reading loop is healthy.
   */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogInterval);
  }

  /** Reports that start-up is complete ({@code READY=1}), with a status line for systemctl. */
  public void ready(String status) {
    send("READY=1\nSTATUS=" + oneLine(status));
  }

  /** Sets the line {@code systemctl status blotre-agent} shows ({@code STATUS=}). */
  public void status(String status) {
    send("STATUS=" + oneLine(status));
  }

  /** Tells the watchdog the agent is alive ({@code WATCHDOG=1}). */
  public void watchdog() {
    send("WATCHDOG=1");
  }

  /** Reports that the agent is shutting down ({@code STOPPING=1}). */
  public void stopping() {
    send("STOPPING=1");
  }

  // A newline would start another field of the notification, so a status stays on one line.
  private static String oneLine(String status) {
    return status.replaceAll("[\\r\\n]+", " ");
  }

  private void send(String state) {
    if (libsystemd == null) {
      return;
    }
    int result;
    try {
      result = libsystemd.sd_notify(0, state);
    } catch (LinkageError | RuntimeException e) {
      logFailure(e.toString());
      return;
    }
    if (result < 0) {
      logFailure("sd_notify returned errno " + -result);
    }
  }

  // One WARN, then DEBUG: a broken socket would otherwise log at every watchdog ping.
  private void logFailure(String reason) {
    if (failureLogged.compareAndSet(false, true)) {
      log.warn("Cannot notify systemd ({}); further failures are logged at DEBUG", reason);
    } else {
      log.debug("Cannot notify systemd ({})", reason);
    }
  }
}
