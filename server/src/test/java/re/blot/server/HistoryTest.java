package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history extension: every status change kept, newest last, within since/until, pruned. */
class HistoryTest extends ServerTestBase {

  @Test
  void everyStatusChangeIsKeptNewestLast() {
    String token = tokenFor("demo");
    String root = rootId("demo");
    long start = clock.millis();
    for (String color : List.of("#000001", "#000002", "#000003")) {
      assertThat(setColor(token, root, color)).isEqualTo(200);
      clock.advance(Duration.ofSeconds(10));
    }
    Wire.Answer all = wire.get("/v0/api/stream/" + root + "/history");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.list())
        .extracting(s -> s.get("color"))
        .containsExactly("#000001", "#000002", "#000003");
    assertThat(all.list().get(0))
        .containsEntry("created", (double) start)
        .containsEntry("poster", emulator.store().userByName("demo").orElseThrow().id());

    List<Map<String, Object>> window =
        wire.get(
                "/v0/api/stream/"
                    + root
                    + "/history?since="
                    + (start + 10_000)
                    + "&until="
                    + (start + 20_000))
            .list();
    assertThat(window).extracting(s -> s.get("color")).containsExactly("#000002");
  }

  @Test
  void unknownStreamsAndBadTimesAreRefused() {
    assertThat(wire.get("/v0/api/stream/5e0000000000000000000000/history").body())
        .isEqualTo(envelope("Stream does not exist."));
    Wire.Answer bad = wire.get("/v0/api/stream/" + rootId("demo") + "/history?since=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo(envelope("Query parameter since must be epoch milliseconds."));
  }

  @Test
  void statusesOlderThanTheRetentionArePruned() {
    String token = tokenFor("demo");
    String root = rootId("demo");
    assertThat(setColor(token, root, "#000001")).isEqualTo(200);
    clock.advance(Duration.ofDays(60));
    assertThat(setColor(tokenFor("demo"), root, "#000002")).isEqualTo(200);
    clock.advance(Duration.ofDays(31));
    try (HistoryPruner pruner = new HistoryPruner(emulator.store(), clock, Duration.ofDays(90))) {
      assertThat(pruner.pruneNow()).isEqualTo(1);
    }
    assertThat(wire.get("/v0/api/stream/" + root + "/history").list())
        .extracting(s -> s.get("color"))
        .containsExactly("#000002");
  }

  private int setColor(String token, String stream, String color) {
    return wire.json(
            "POST", "/v0/api/stream/" + stream + "/status", token, "{\"color\":\"" + color + "\"}")
        .status();
  }
}
