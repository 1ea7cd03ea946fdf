package re.blot.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.WebSocket;

/**
 * The server's resident memory as a service would run it: its own JVM with the given flags, many
 * agents pushing on their schedule, and sockets watching every stream, sampled from {@code
 * /proc/PID/status} once a second.
 */
final class Footprint {
  private static final Pattern URL = Pattern.compile("serving at (http://\\S+)");

  private Footprint() {}

  /** What one run measured. */
  record Result(
      long peakRssKib, long endRssKib, long pushes, long errors, long lost, long events) {}

  static Result run(
      List<String> command, String user, int agents, Duration every, int sockets, Duration duration)
      throws IOException, InterruptedException {
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    ScheduledExecutorService pushers = Executors.newScheduledThreadPool(8);
    List<WebSocket> watching = new ArrayList<>();
    AtomicBoolean stopping = new AtomicBoolean();
    LoadClient client = null;
    try {
      client = new LoadClient(awaitUrl(server));
      List<Agent> all = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        all.add(client.authorize(user, "plant-" + i, client.controlApi()));
      }
      AtomicLong events = new AtomicLong();
      String subscribe = LoadClient.json(Map.of("type", "SubscribeCollection", "to", user));
      for (int i = 0; i < sockets; i++) {
        WebSocket socket =
            client.openSocket(
                new WatchingListener(stopping) {
                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    events.incrementAndGet();
                  }
                });
        socket.send(subscribe);
        watching.add(socket);
      }
      AtomicLong pushes = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicReferenceArray<String> acknowledged = new AtomicReferenceArray<>(agents);
      LoadClient pushing = client;
      long period = every.toMillis();
      for (int i = 0; i < agents; i++) {
        int index = i;
        AtomicLong sequence = new AtomicLong();
        pushers.scheduleAtFixedRate(
            () -> {
              String color = Colors.of(index, (int) sequence.getAndIncrement());
              try {
                if (pushing.setStatus(all.get(index), color) == 200) {
                  acknowledged.set(index, color);
                  pushes.incrementAndGet();
                } else {
                  errors.incrementAndGet();
                }
              } catch (IOException e) {
                errors.incrementAndGet();
              }
            },
            period * i / agents,
            period,
            TimeUnit.MILLISECONDS);
      }
      long peak = 0;
      long end = 0;
      for (long s = 0; s < duration.toSeconds(); s++) {
        Thread.sleep(1000);
        end = rssKib(server.pid());
        peak = Math.max(peak, end);
      }
      pushers.shutdown();
      pushers.awaitTermination(30, TimeUnit.SECONDS);
      long lost = 0;
      for (int i = 0; i < agents; i++) {
        String color = acknowledged.get(i);
        if (color != null && !color.equals(client.storedColor(all.get(i)))) {
          lost++;
        }
      }
      return new Result(peak, end, pushes.get(), errors.get(), lost, events.get());
    } finally {
      stopping.set(true);
      pushers.shutdownNow();
      watching.forEach(s -> s.close(1000, "done"));
      if (client != null) {
        client.close();
      }
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }

  private static String awaitUrl(Process server) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher url = URL.matcher(line);
      if (url.find()) {
        Thread drain = new Thread(() -> discard(out), "server-output");
        drain.setDaemon(true);
        drain.start();
        return url.group(1);
      }
    }
    throw new IOException("the server stopped before it served:\n" + seen);
  }

  /** Reads the server's output until it ends, so the server never blocks on a full pipe. */
  private static void discard(BufferedReader out) {
    try {
      out.transferTo(Writer.nullWriter());
    } catch (IOException e) {
      // The server was stopped: nothing more to read.
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }
}
