package re.blot.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.measure.Meters;
import re.blot.agent.measure.MoistureMeter;
import re.blot.agent.measure.Reading;
import re.blot.agent.publish.Authorizer;
import re.blot.agent.publish.Publisher;
import re.blot.agent.publish.PushResult;
import re.blot.agent.sensor.SensorHardware;

/** {@code run --once}: one reading of every sensor, pushed, each outcome printed. */
final class OneRound {
  /** How long a push may take: the client's own timeouts end a hanging call well before. */
  private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);

  private OneRound() {}

  /**
   * Reads, pushes and prints one line per sensor; takes over {@code hardware} and closes it.
   *
   * @return 0 when every sensor was read and every push succeeded, else {@link Main#EXIT_FAILURE}
   */
  static int run(
      AgentEnvironment environment,
      AgentConfig config,
      SensorHardware hardware,
      Authorizer authorizer)
      throws InterruptedException {
    PrintWriter out = environment.out();
    boolean allPushed = true;
    try (hardware) {
      Map<Reading, CompletableFuture<PushResult>> pushes = new LinkedHashMap<>();
      Publisher publisher =
          Publisher.builder(config, authorizer)
              .clock(environment.clock())
              .ticker(environment.ticker())
              .start();
      try {
        for (MoistureMeter meter :
            Meters.open(config, hardware, environment.sleeper(), environment.clock())) {
          try {
            Reading reading = meter.read();
            pushes.put(reading, publisher.publish(reading));
          } catch (IOException e) {
            out.println(meter.config().name() + ": cannot read the sensor: " + e.getMessage());
            allPushed = false;
          }
        }
        for (Map.Entry<Reading, CompletableFuture<PushResult>> push : pushes.entrySet()) {
          PushResult result = outcome(push.getValue());
          out.println(push.getKey().summary() + "; " + result);
          allPushed &= result.succeeded();
        }
      } finally {
        publisher.close(Duration.ZERO);
      }
    }
    out.flush();
    return allPushed ? 0 : Main.EXIT_FAILURE;
  }

  private static PushResult outcome(CompletableFuture<PushResult> push)
      throws InterruptedException {
    try {
      return push.get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new PushResult(
          "no answer from the server within " + PUSH_TIMEOUT.toSeconds() + " s", false);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the publisher never fails a push future", e);
    }
  }
}
