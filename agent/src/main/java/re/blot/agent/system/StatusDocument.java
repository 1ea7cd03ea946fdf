package re.blot.agent.system;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status file as JSON, for {@code status} and {@code status --json}: which agent wrote it and
 * when, and what it last did. A null field is something that has not happened (no push yet, no
 * outage, no code to enter).
 *
 * @param pid the agent's process
 * @param startedAt when it started
 * @param updatedAt when it last wrote this file: after every reading and every push
 * @param config the config file it runs with
 * @param server the Blot're server it pushes to
 * @param intervalSeconds seconds between readings
 * @param summary the one line systemd's STATUS= shows
 * @param sensors by sensor name, in reading order
 * @param lastPush when a color last reached the server
 * @param outage the server outage under way
 * @param authorization the code a person must enter before the agent can push
 */
public record StatusDocument(
    long pid,
    Instant startedAt,
    Instant updatedAt,
    String config,
    String server,
    long intervalSeconds,
    String summary,
    Map<String, Sensor> sensors,
    Instant lastPush,
    Outage outage,
    HealthStatus.AuthorizationNeeded authorization) {

  /**
   * The last reading of a sensor, and its recent ones.
   *
   * @param thirsty null when the sensor has no {@code thirsty-below}
   * @param history the last readings, oldest first
   */
  public record Sensor(
      String stream,
      int raw,
      double percent,
      String color,
      Instant time,
      String fault,
      Boolean thirsty,
      List<Point> history) {}

  /** One past reading: when, and how moist. */
  public record Point(Instant time, double percent) {}

  /** Pushes fail since {@code since}; the last one ran into {@code reason}. */
  public record Outage(Instant since, String reason) {}

  /** The file's text: pretty-printed JSON. */
  public String toJson() {
    return Json.write(StatusDocument.class, this);
  }

  /**
   * Reads a status file's text.
   *
   * @throws IOException naming the problem when it is not a status file
   */
  public static StatusDocument parse(String json) throws IOException {
    StatusDocument document = Json.read(StatusDocument.class, json);
    if (document.updatedAt() == null || document.sensors() == null) {
      throw new IOException("it lacks updatedAt or sensors");
    }
    return document;
  }

  /** The time between readings. */
  public Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  public Optional<HealthStatus.AuthorizationNeeded> pendingAuthorization() {
    return Optional.ofNullable(authorization);
  }
}
