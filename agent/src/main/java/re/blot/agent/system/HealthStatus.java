package re.blot.agent.system;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import re.blot.agent.measure.Reading;

/**
 * What the daemon last did, as the status file and systemd's STATUS= show it.
 *
 * @param instance the agent that writes it
 * @param history the last {@value #HISTORY} readings of each sensor, oldest first, by sensor name,
 *     in reading order
 * @param lastPush when a color last reached the server
 * @param outageSince when the current server outage began; empty while pushes succeed
 * @param outageReason what the last failed push ran into
 * @param authorization the code a person must enter before the agent can push again
 */
public record HealthStatus(
    AgentInstance instance,
    Map<String, List<Reading>> history,
    Optional<Instant> lastPush,
    Optional<Instant> outageSince,
    Optional<String> outageReason,
    Optional<AuthorizationNeeded> authorization) {

  /** How many readings of each sensor the status keeps: two hours at the default interval. */
  public static final int HISTORY = 24;

  /**
   * The agent cannot push until a person enters {@code code} on {@code redeemUrl}.
   *
   * @param redeemUrl the page where the code is entered
   * @param code the one-time code
   * @param expiresAt when the code stops working (a new one is shown then)
   */
  public record AuthorizationNeeded(String redeemUrl, String code, Instant expiresAt) {
    /** "authorization needed: open URL and enter the code CODE (valid until TIME)". */
    public String summary() {
      return "authorization needed: open "
          + redeemUrl
          + " and enter the code "
          + code
          + " (valid until "
          + expiresAt
          + ")";
    }
  }

  public HealthStatus {
    Map<String, List<Reading>> copy = new LinkedHashMap<>();
    history.forEach((sensor, readings) -> copy.put(sensor, List.copyOf(readings)));
    history = Collections.unmodifiableMap(copy);
  }

  /** Nothing read or pushed yet by {@code instance}. */
  public static HealthStatus initial(AgentInstance instance) {
    return new HealthStatus(
        instance, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The last reading of each sensor, in reading order. */
  public Map<String, Reading> readings() {
    Map<String, Reading> last = new LinkedHashMap<>();
    history.forEach((sensor, readings) -> last.put(sensor, readings.get(readings.size() - 1)));
    return last;
  }

  public HealthStatus withReading(Reading reading) {
    Map<String, List<Reading>> next = new LinkedHashMap<>(history);
    List<Reading> readings = new ArrayList<>(next.getOrDefault(reading.sensor(), List.of()));
    readings.add(reading);
    next.put(
        reading.sensor(),
        readings.subList(Math.max(0, readings.size() - HISTORY), readings.size()));
    return new HealthStatus(instance, next, lastPush, outageSince, outageReason, authorization);
  }

  /**
   * The publisher's state: when a color last reached the server, and the outage under way (its
   * start and last reason), if pushes fail.
   */
  public HealthStatus withPushes(
      Optional<Instant> lastPushAt, Optional<Instant> outageStart, Optional<String> reason) {
    return new HealthStatus(instance, history, lastPushAt, outageStart, reason, authorization);
  }

  /** The code a person must enter now, or empty once none is needed. */
  public HealthStatus withAuthorization(Optional<AuthorizationNeeded> needed) {
    return new HealthStatus(instance, history, lastPush, outageSince, outageReason, needed);
  }

  /**
   * One line for systemd's STATUS=, e.g. {@code Plant 50% #4f9150; last push 2026-11-28T09:00:00Z}
   * or {@code ...; server unreachable since ...: timeout}, or {@code ...; authorization needed:
   * open URL and enter the code CODE (valid until ...)}.
   */
  public String summary() {
    Map<String, Reading> last = readings();
    String sensors =
        last.isEmpty()
            ? "no reading yet"
            : last.values().stream()
                .map(
                    r ->
                        r.sensor()
                            + " "
                            + r.roundedPercent()
                            + "% "
                            + r.color()
                            + (r.thirst() == Reading.Thirst.THIRSTY ? " thirsty" : "")
                            + (r.fault().isPresent() ? " (wiring fault?)" : ""))
                .collect(Collectors.joining(", "));
    String push =
        outageSince
            .map(
                since ->
                    (outageReason.filter(r -> r.startsWith("refused")).isPresent()
                            ? "pushes failing since "
                            : "server unreachable since ")
                        + since
                        + outageReason.map(reason -> ": " + reason).orElse(""))
            .orElse(lastPush.map(at -> "last push " + at).orElse("not pushed yet"));
    return sensors
        + "; "
        + authorization.map(AuthorizationNeeded::summary).map(a -> a + "; ").orElse("")
        + push;
  }

  /** The status file's content, written at {@code now}. */
  public StatusDocument document(Instant now) {
    Map<String, StatusDocument.Sensor> sensors = new LinkedHashMap<>();
    history.forEach(
        (name, readings) -> {
          Reading r = readings.get(readings.size() - 1);
          sensors.put(
              name,
              new StatusDocument.Sensor(
                  r.stream(),
                  r.raw(),
                  Json.oneDecimal(r.percent()),
                  r.color().hex(),
                  r.at(),
                  r.fault().orElse(null),
                  r.thirst() == Reading.Thirst.UNWATCHED
                      ? null
                      : r.thirst() == Reading.Thirst.THIRSTY,
                  readings.stream()
                      .map(p -> new StatusDocument.Point(p.at(), Json.oneDecimal(p.percent())))
                      .toList()));
        });
    return new StatusDocument(
        instance.pid(),
        instance.startedAt(),
        now,
        instance.config(),
        instance.server(),
        instance.interval().toSeconds(),
        summary(),
        sensors,
        lastPush.orElse(null),
        outageSince
            .map(since -> new StatusDocument.Outage(since, outageReason.orElse(null)))
            .orElse(null),
        authorization.orElse(null));
  }
}
