package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.ServerControl;
import re.blot.agent.cli.Main;
import re.blot.client.disposable.DisposableApp;
import re.blot.server.BlotreServer;

/**
 * {@code run --mock} in a JVM of its own, as systemd runs it: it notifies the socket systemd would
 * listen on, feeds the watchdog, and ends with status 0 on SIGTERM.
 */
class DaemonProcessTest {
  @TempDir Path dir;

  private final List<String> notifications = new CopyOnWriteArrayList<>();

  @Test
  void notifiesSystemdFeedsTheWatchdogAndExitsWithZeroOnSigterm() throws Exception {
    try (BlotreServer emulator = BlotreServer.builder().user("demo").start();
        NotifySocket socket = NotifySocket.bind(dir.resolve("notify"))) {
      Path creds = dir.resolve("creds.json");
      DisposableApp.builder(Main.APP_NAME, Main.APP_BLURB)
          .baseUrl(emulator.baseUrl())
          .credentialsFile(creds)
          .userChannel(ServerControl.redeemingAs(emulator, "demo"))
          .build()
          .authorize();
      Path config = Files.writeString(dir.resolve("agent.conf"), "[sensor.Plant]\n");
      Path log = dir.resolve("agent.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  classPath(),
                  Main.class.getName(),
                  "--mock",
                  "--config",
                  config.toString(),
                  "--server",
                  emulator.baseUrl(),
                  "--creds",
                  creds.toString(),
                  "--interval",
                  "1",
                  "run")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.keySet()
          .removeAll(List.of("JOURNAL_STREAM", "INVOCATION_ID", "WATCHDOG_PID", "STATE_DIRECTORY"));
      env.put("NOTIFY_SOCKET", socket.path().toString());
      env.put("WATCHDOG_USEC", "1000000");
      env.put("RUNTIME_DIRECTORY", dir.resolve("run").toString());
      Process agent = builder.start();
      try {
        Await.until(
            "a push from the child",
            () ->
                emulator
                    .store()
                    .streamByUri("demo/plant")
                    .map(s -> s.status() != null)
                    .orElse(false));
        Await.until(
            "READY=1, a STATUS= and two WATCHDOG=1",
            () -> {
              drain(socket);
              return notifications.stream().anyMatch(n -> n.startsWith("READY=1"))
                  && notifications.stream()
                      .anyMatch(n -> n.startsWith("STATUS=Plant ") && n.contains("; last push "))
                  && notifications.stream().filter(n -> n.equals("WATCHDOG=1")).count() >= 2;
            });

        agent.destroy();

        assertThat(agent.waitFor(5, TimeUnit.SECONDS)).as("ended within 5 s of SIGTERM").isTrue();
        assertThat(agent.exitValue()).as("exit status; log:%n%s", Files.readString(log)).isZero();
        drain(socket);
        assertThat(notifications).contains("STOPPING=1");
        assertThat(Files.readString(log)).contains("Stopping: finishing the reading and push");
      } finally {
        agent.destroyForcibly();
      }
    }
  }

  private void drain(NotifySocket socket) {
    for (String next = socket.poll(); next != null; next = socket.poll()) {
      notifications.add(next);
    }
  }

  // Surefire runs tests from a manifest-only jar; the real class path is in this property.
  private static String classPath() {
    String path = System.getProperty("surefire.test.class.path");
    return path != null && !path.isBlank()
        ? path
        : System.getProperty("java.class.path").replace(':', File.pathSeparatorChar);
  }
}
