import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import re.blot.agent.system.SdNotify;

/**
 * Stands in for the agent inside the real unit (boot-test.sh): reports what the sandbox lets a
 * JVM do, then signals READY=1 through the agent's SdNotify, feeds the watchdog three times and
 * goes silent so that systemd's watchdog must restart it.
 */
public final class SandboxProbe {
  public static void main(String[] args) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.matches("(Groups|NoNewPrivs|Seccomp|CapEff):.*")) {
        System.out.println("probe: " + line.replaceAll("\\s+", " "));
      }
    }
    System.out.println("probe: user=" + System.getProperty("user.name"));
    System.out.println("probe: state=" + tryWrite(Path.of(System.getenv("STATE_DIRECTORY"), "probe")));
    System.out.println("probe: runtime=" + tryWrite(Path.of(System.getenv("RUNTIME_DIRECTORY"), "status.json")));
    System.out.println("probe: etc=" + tryWrite(Path.of("/etc/blotre-agent/probe")));
    System.out.println("probe: usr=" + tryWrite(Path.of("/usr/share/blotre-agent/probe")));

    SdNotify notify = SdNotify.fromEnvironment();
    Duration ping = notify.watchdogInterval().orElseThrow().dividedBy(2);
    notify.ready("probe ready");
    for (int i = 0; i < 3; i++) {
      notify.watchdog();
      Thread.sleep(ping.toMillis());
    }
    System.out.println("probe: watchdog silent");
    new CountDownLatch(1).await();
  }

  private static String tryWrite(Path file) {
    try {
      Files.writeString(file, "probe");
      return "written";
    } catch (AccessDeniedException e) {
      return "denied";
    } catch (FileSystemException e) {
      return "denied (" + e.getReason() + ")";
    } catch (Exception e) {
      return "error " + e;
    }
  }
}
