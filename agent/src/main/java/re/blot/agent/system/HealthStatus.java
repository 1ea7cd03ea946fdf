package re.blot.agent.system;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import re.blot.agent.measure.Reading;

/**
 * What the daemon last did, as the status file and systemd's STATUS= show it.
 *
 * @param readings the last reading of each sensor, by sensor name, in reading order
 * @param lastPush when a color last reached the server
 * @param outageSince when the current server outage began; empty while pushes succeed
 * @param outageReason what the last failed push ran into
 * @param authorization the code a person must enter before the agent can push again
 */
public record HealthStatus(
    Map<String, Reading> readings,
    Optional<Instant> lastPush,
    Optional<Instant> outageSince,
    Optional<String> outageReason,
    Optional<AuthorizationNeeded> authorization) {

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
    readings = Collections.unmodifiableMap(new LinkedHashMap<>(readings));
  }

  /** Nothing read or pushed yet. */
  public static HealthStatus initial() {
    return new HealthStatus(
        Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public HealthStatus withReading(Reading reading) {
    Map<String, Reading> next = new LinkedHashMap<>(readings);
    next.put(reading.sensor(), reading);
    return new HealthStatus(next, lastPush, outageSince, outageReason, authorization);
  }

  /** A push succeeded: any outage is over. */
  public HealthStatus withPush(Instant at) {
    return new HealthStatus(
        readings, Optional.of(at), Optional.empty(), Optional.empty(), authorization);
  }

  /** A push failed; the outage keeps the time it started. */
  public HealthStatus withOutage(Instant at, String reason) {
    return new HealthStatus(
        readings,
        lastPush,
        Optional.of(outageSince.orElse(at)),
        Optional.of(reason),
        authorization);
  }

  /** The code a person must enter now, or empty once none is needed. */
  public HealthStatus withAuthorization(Optional<AuthorizationNeeded> needed) {
    return new HealthStatus(readings, lastPush, outageSince, outageReason, needed);
  }

  /**
   * One line for systemd's STATUS=, e.g. {@code Plant 50% #4a6200; last push 2026-11-28T09:00:00Z}
   * or {@code ...; server unreachable since ...: timeout}, or {@code ...; authorization needed:
   * open URL and enter the code CODE (valid until ...)}.
   */
  public String summary() {
    String sensors =
        readings.isEmpty()
            ? "no reading yet"
            : readings.values().stream()
                .map(
                    r ->
                        r.sensor()
                            + " "
                            + r.roundedPercent()
                            + "% "
                            + r.color()
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

  /** The status file's content: pretty-printed so that {@code status} and {@code cat} read well. */
  public String toJson() {
    String sensors =
        readings.values().stream()
            .map(r -> "    " + Json.quote(r.sensor()) + ": " + Json.reading(r))
            .collect(Collectors.joining(",\n"));
    return "{\n"
        + "  \"summary\": "
        + Json.quote(summary())
        + ",\n"
        + "  \"readings\": {"
        + (sensors.isEmpty() ? "" : "\n" + sensors + "\n  ")
        + "},\n"
        + "  \"lastPush\": "
        + Json.quote(lastPush.map(Instant::toString).orElse(null))
        + ",\n"
        + "  \"outage\": "
        + outageSince
            .map(
                since ->
                    "{\"since\": "
                        + Json.quote(since.toString())
                        + ", \"reason\": "
                        + Json.quote(outageReason.orElse(null))
                        + "}")
            .orElse("null")
        + ",\n"
        + "  \"authorization\": "
        + authorization
            .map(
                a ->
                    "{\"redeemUrl\": "
                        + Json.quote(a.redeemUrl())
                        + ", \"code\": "
                        + Json.quote(a.code())
                        + ", \"expiresAt\": "
                        + Json.quote(a.expiresAt().toString())
                        + "}")
            .orElse("null")
        + "\n"
        + "}\n";
  }
}
