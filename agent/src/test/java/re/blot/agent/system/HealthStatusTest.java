package re.blot.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import re.blot.agent.color.Rgb;
import re.blot.agent.measure.Reading;

class HealthStatusTest {
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  private final Reading plant =
      new Reading("Plant", "Plant", 612, 49.88, Rgb.parse("#4f5e00"), T0, Optional.empty());
  private static final AgentInstance AGENT =
      new AgentInstance(
          4242,
          T0.minusSeconds(60),
          "/etc/blotre-agent/agent.conf",
          "https://blot.re",
          Duration.ofSeconds(300));
  private static final HealthStatus INITIAL = HealthStatus.initial(AGENT);

  private final Reading fern =
      new Reading(
          "Fern", "My \"fern\"", 0, 0, Rgb.parse("#654d00"), T0, Optional.of("Fern: stuck at 0"));

  @Test
  void fileHoldsTheLastReadingPerSensorTheLastPushAndTheOutage(@TempDir Path dir) throws Exception {
    HealthStatus status =
        INITIAL
            .withReading(plant)
            .withReading(fern)
            .withPushes(Optional.of(T0.plusSeconds(1)), Optional.empty(), Optional.empty())
            .withReading(
                new Reading(
                    "Plant",
                    "Plant",
                    700,
                    49.88,
                    Rgb.parse("#4f5e00"),
                    T0.plusSeconds(300),
                    Optional.empty(),
                    Reading.Thirst.THIRSTY))
            .withPushes(
                Optional.of(T0.plusSeconds(1)),
                Optional.of(T0.plusSeconds(300)),
                Optional.of("HTTP 503"));
    HealthFile file = new HealthFile(dir.resolve("run/status.json"));

    file.write(status.document(T0.plusSeconds(301)));

    assertThat(Files.readString(file.path())).isEqualTo(EXPECTED_FILE);
    assertThat(StatusDocument.parse(Files.readString(file.path())))
        .isEqualTo(status.document(T0.plusSeconds(301)));
  }

  @Test
  void historyKeepsTheLastReadingsOfEachSensor() {
    HealthStatus status = INITIAL;
    for (int i = 0; i < HealthStatus.HISTORY + 5; i++) {
      status =
          status.withReading(
              new Reading(
                  "Plant",
                  "Plant",
                  i,
                  i,
                  Rgb.parse("#4f5e00"),
                  T0.plusSeconds(i),
                  Optional.empty()));
    }

    assertThat(status.history().get("Plant")).hasSize(HealthStatus.HISTORY);
    assertThat(status.history().get("Plant").get(0).raw()).isEqualTo(5);
    assertThat(status.readings().get("Plant").raw()).isEqualTo(HealthStatus.HISTORY + 4);
  }

  private static final String EXPECTED_FILE =
      """
      {
        "pid": 4242,
        "startedAt": "2026-11-28T08:59:00Z",
        "updatedAt": "2026-11-28T09:05:01Z",
        "config": "/etc/blotre-agent/agent.conf",
        "server": "https://blot.re",
        "intervalSeconds": 300,
        "summary": "Plant 50% #4f5e00 thirsty, Fern 0% #654d00 (wiring fault?); server unreachable since 2026-11-28T09:05:00Z: HTTP 503",
        "sensors": {
          "Plant": {
            "stream": "Plant",
            "raw": 700,
            "percent": 49.9,
            "color": "#4f5e00",
            "time": "2026-11-28T09:05:00Z",
            "fault": null,
            "thirsty": true,
            "history": [
              {
                "time": "2026-11-28T09:00:00Z",
                "percent": 49.9
              },
              {
                "time": "2026-11-28T09:05:00Z",
                "percent": 49.9
              }
            ]
          },
          "Fern": {
            "stream": "My \\"fern\\"",
            "raw": 0,
            "percent": 0.0,
            "color": "#654d00",
            "time": "2026-11-28T09:00:00Z",
            "fault": "Fern: stuck at 0",
            "thirsty": null,
            "history": [
              {
                "time": "2026-11-28T09:00:00Z",
                "percent": 0.0
              }
            ]
          }
        },
        "lastPush": "2026-11-28T09:00:01Z",
        "outage": {
          "since": "2026-11-28T09:05:00Z",
          "reason": "HTTP 503"
        },
        "authorization": null
      }
      """;

  @Test
  void summaryBeforeAnythingHappenedAndAfterRecovery() {
    assertThat(INITIAL.summary()).isEqualTo("no reading yet; not pushed yet");
    assertThat(
            INITIAL
                .withReading(plant)
                .withPushes(Optional.empty(), Optional.of(T0), Optional.of("dns"))
                .withPushes(Optional.of(T0), Optional.empty(), Optional.empty())
                .summary())
        .isEqualTo("Plant 50% #4f5e00; last push 2026-11-28T09:00:00Z");
  }

  @Test
  void anAuthorizationNeededNamesThePageAndTheCodeUntilItIsEntered() {
    HealthStatus waiting =
        INITIAL
            .withReading(plant)
            .withAuthorization(
                Optional.of(
                    new HealthStatus.AuthorizationNeeded(
                        "https://blot.re/v0/oauth2/redeem", "aB3dE5gH", T0.plusSeconds(1200))));

    assertThat(waiting.summary())
        .isEqualTo(
            "Plant 50% #4f5e00; authorization needed: open https://blot.re/v0/oauth2/redeem and"
                + " enter the code aB3dE5gH (valid until 2026-11-28T09:20:00Z); not pushed yet");
    assertThat(waiting.document(T0).authorization())
        .isEqualTo(
            new HealthStatus.AuthorizationNeeded(
                "https://blot.re/v0/oauth2/redeem", "aB3dE5gH", T0.plusSeconds(1200)));
    assertThat(
            waiting
                .withAuthorization(Optional.empty())
                .withPushes(Optional.of(T0), Optional.empty(), Optional.empty())
                .summary())
        .isEqualTo("Plant 50% #4f5e00; last push 2026-11-28T09:00:00Z");
  }

  @Test
  void aRefusedPushIsNotCalledUnreachable() {
    assertThat(
            INITIAL
                .withPushes(
                    Optional.empty(),
                    Optional.of(T0),
                    Optional.of("refused by the server: PUT /v0/api/stream -> 400"))
                .summary())
        .isEqualTo(
            "no reading yet; pushes failing since 2026-11-28T09:00:00Z: refused by the server:"
                + " PUT /v0/api/stream -> 400");
  }

  @Test
  void aFileThatCannotBeWrittenIsLoggedOnceAndNeverThrows(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "");
    HealthFile file = new HealthFile(blocker.resolve("status.json"));
    Logger logger = (Logger) LoggerFactory.getLogger(HealthFile.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      file.write(INITIAL.document(T0));
      file.write(INITIAL.document(T0));
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel().toString()).isEqualTo("WARN");
              assertThat(event.getFormattedMessage())
                  .startsWith("Cannot write the status file " + file.path());
            });
  }

  @Test
  void fileIsReadableByEveryoneEvenOverALeftoverPrivateTempFile(@TempDir Path dir)
      throws Exception {
    Path leftover =
        Files.createFile(
            dir.resolve("status.json.tmp"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    HealthFile file = new HealthFile(dir.resolve("status.json"));

    file.write(INITIAL.document(T0));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-r--r--");
    assertThat(leftover).doesNotExist();
  }

  @Test
  void journaldIsRecognisedByEitherVariable() {
    assertThat(Journald.isUnderSystemd(Map.of("JOURNAL_STREAM", "8:1234"))).isTrue();
    assertThat(Journald.isUnderSystemd(Map.of("INVOCATION_ID", "abc"))).isTrue();
    assertThat(Journald.isUnderSystemd(Map.of("HOME", "/root"))).isFalse();
  }
}
