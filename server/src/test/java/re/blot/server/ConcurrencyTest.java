package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients at once: every write lands, nothing is lost or answered with a 500. */
class ConcurrencyTest extends ServerTestBase {

  @Test
  void parallelCreatesAndStatusChangesAllSucceed() throws Exception {
    String token = tokenFor("demo");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String name = "s" + t;
        results.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    String color = String.format("#%06x", i);
                    statuses.add(
                        wire.json(
                                "PUT",
                                "/v0/api/stream",
                                token,
                                "{\"name\":\""
                                    + name
                                    + "\",\"uri\":\"demo/"
                                    + name
                                    + "\",\"status\":{\"color\":\""
                                    + color
                                    + "\"}}")
                            .status());
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> result : results) {
        List<Integer> statuses = result.get();
        assertThat(statuses.get(0)).isEqualTo(201);
        assertThat(statuses.subList(1, statuses.size())).containsOnly(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wire.get("/v0/api/stream/" + rootId("demo") + "/children").list())
        .hasSize(8)
        .allSatisfy(s -> assertThat(s.get("status")).asString().contains("color=#000013"));
  }
}
