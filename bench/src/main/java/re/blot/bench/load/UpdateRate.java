package re.blot.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Status updates per second over REST: every agent on its own thread pushes colors back to back to
 * its own stream, as fast as the server answers. After the run, every stream's stored color is read
 * back: it must be the last color the server acknowledged (no lost update).
 */
final class UpdateRate {
  private UpdateRate() {}

  /** What one run measured. {@code lost} is -1 where nothing could be read back (the floor). */
  record Result(double perSecond, Percentiles latency, long errors, long lost) {}

  static Result run(
      LoadClient client, List<Agent> agents, Duration warmUp, Duration measured, boolean readBack)
      throws InterruptedException, IOException {
    measure(client, agents, warmUp);
    Pushers pushers = measure(client, agents, measured);
    long lost = -1;
    if (readBack) {
      lost = 0;
      for (int i = 0; i < agents.size(); i++) {
        String acknowledged = pushers.lastAcknowledged[i];
        if (acknowledged != null && !acknowledged.equals(client.storedColor(agents.get(i)))) {
          lost++;
        }
      }
    }
    long[] all = new long[pushers.count()];
    int n = 0;
    for (int i = 0; i < agents.size(); i++) {
      System.arraycopy(pushers.latencies[i], 0, all, n, pushers.counts[i]);
      n += pushers.counts[i];
    }
    double seconds = measured.toNanos() / 1e9;
    return new Result(n / seconds, Percentiles.of(all, n), pushers.errors(), lost);
  }

  private static Pushers measure(LoadClient client, List<Agent> agents, Duration duration)
      throws InterruptedException {
    Pushers pushers = new Pushers(agents.size());
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      int index = i;
      Thread thread =
          new Thread(() -> pushers.push(client, agents.get(index), index, stop), "pusher-" + i);
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(duration.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    return pushers;
  }

  /** Per-agent counters, each written only by its agent's thread. */
  private static final class Pushers {
    final long[][] latencies;
    final int[] counts;
    final long[] errorCounts;
    final String[] lastAcknowledged;

    Pushers(int agents) {
      latencies = new long[agents][1 << 16];
      counts = new int[agents];
      errorCounts = new long[agents];
      lastAcknowledged = new String[agents];
    }

    void push(LoadClient client, Agent agent, int index, AtomicBoolean stop) {
      int sequence = 0;
      while (!stop.get()) {
        String color = Colors.of(index, sequence++);
        long start = System.nanoTime();
        try {
          int code = client.setStatus(agent, color);
          long took = System.nanoTime() - start;
          if (code != 200) {
            errorCounts[index]++;
            continue;
          }
          lastAcknowledged[index] = color;
          if (counts[index] == latencies[index].length) {
            latencies[index] = Arrays.copyOf(latencies[index], counts[index] * 2);
          }
          latencies[index][counts[index]++] = took;
        } catch (IOException e) {
          errorCounts[index]++;
        }
      }
    }

    int count() {
      int sum = 0;
      for (int c : counts) {
        sum += c;
      }
      return sum;
    }

    long errors() {
      long sum = 0;
      for (long e : errorCounts) {
        sum += e;
      }
      return sum;
    }
  }
}
