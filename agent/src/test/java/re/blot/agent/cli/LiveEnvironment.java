package re.blot.agent.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.schedule.Ticker;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.SimulatedPlant;
import re.blot.agent.system.RecordingNotify;

/**
 * An environment for running the long-lived commands in a test: real clocks, a plant on the mock
 * SPI at a steady 50 % moisture, captured output and systemd notifications, and stop requests the
 * test sends itself, with a push grace of {@link #STOP_GRACE}.
 */
public final class LiveEnvironment implements AutoCloseable {
  /** The one-time code in the disposable app's message to the user. */
  static final Pattern CODE = Pattern.compile("enter the code (\\S+) \\(");

  /** How long a push under way may go on after {@link #stop()}: short, so no test waits it out. */
  static final Duration STOP_GRACE = Duration.ofMillis(100);

  public final StringWriter out = new StringWriter();
  public final StringWriter err = new StringWriter();

  /** What the command told systemd ({@code READY=1}, {@code STATUS=...}, {@code STOPPING=1}). */
  public final List<String> notified = new CopyOnWriteArrayList<>();

  private final List<Pi4jHardware> mockHardware = new CopyOnWriteArrayList<>();
  private final List<BooleanSupplier> stops = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final AgentEnvironment environment;

  public LiveEnvironment(Map<String, String> env) {
    this(env, "");
  }

  /** An environment whose console input is {@code stdin}. */
  LiveEnvironment(Map<String, String> env, String stdin) {
    environment =
        new AgentEnvironment(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Clock.systemUTC(),
            Ticker.SYSTEM,
            Sleeper.SYSTEM,
            () -> {
              throw new AssertionError("real hardware opened in a test");
            },
            () -> {
              Pi4jHardware hardware = Pi4jHardware.mock(new SimulatedPlant(() -> 0.5));
              mockHardware.add(hardware);
              return hardware;
            },
            () -> RecordingNotify.into(notified),
            stops::add,
            STOP_GRACE);
  }

  /** Runs the command line on a thread of its own; the future holds its exit code. */
  Future<Integer> start(String... args) {
    return submit(environment -> Main.execute(environment, args));
  }

  /** Runs {@code command} in this environment on a thread of its own (another main, say). */
  public Future<Integer> submit(Function<AgentEnvironment, Integer> command) {
    return thread.submit(() -> command.apply(environment));
  }

  /** The environment itself, for commands that return at once. */
  public AgentEnvironment environment() {
    return environment;
  }

  /** As SIGTERM would: runs every stop action the command registered. */
  public boolean stop() {
    boolean stopped = false;
    for (BooleanSupplier stop : stops) {
      stopped |= stop.getAsBoolean();
    }
    return stopped;
  }

  /** The mock hardware the command opened last. */
  Pi4jHardware hardware() {
    return mockHardware.get(mockHardware.size() - 1);
  }

  /** The one-time codes logged so far, in order. */
  static List<String> codes(LogCapture logs) {
    return logs.all().stream()
        .map(CODE::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .toList();
  }

  /** Waits for code number {@code count} (from 1) in the log and returns it. */
  static String awaitCode(LogCapture logs, int count) {
    Await.until("code number " + count + " in the log", () -> codes(logs).size() >= count);
    return codes(logs).get(count - 1);
  }

  boolean listensForStop() {
    return !stops.isEmpty();
  }

  @Override
  public void close() {
    stop();
    thread.shutdownNow();
  }
}
