package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL: a status set through one reaches WebSocket subscribers of the
 * other (LISTEN/NOTIFY), and each sees the other's rows.
 */
class TwoInstancesTest {
  private final TestDatabases databases = new TestDatabases();
  private BlotreServer first;
  private BlotreServer second;

  @AfterEach
  void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    databases.close();
  }

  @Test
  void aStatusSetOnOneInstanceReachesSubscribersOfTheOther() {
    String url = databases.url("postgresql");
    first = BlotreServer.builder().database(url).user("demo").controlApi(true).start();
    second = BlotreServer.builder().database(url).user("demo").start();
    Wire one = new Wire(first.baseUrl());
    Map<String, Object> client =
        one.json("PUT", "/v0/oauth2/disposable", null, "{\"name\":\"Plant\",\"blurb\":\"\"}").map();
    first.redeem((String) client.get("code"), "demo");
    String token = one.exchangeOneTimeCode(client).field("access_token");
    String root = first.store().userByName("demo").orElseThrow().rootStream();
    Wire two = new Wire(second.baseUrl());

    try (RawSocket socket =
        new RawSocket(two.http(), second.baseUrl().replace("http:", "ws:") + "/v0/ws", null)) {
      socket.send("{\"type\":\"Subscribe\",\"to\":[\"demo\"]}");
      assertThat(socket.nextMap()).containsEntry("type", "StatusUpdated");

      long sent = System.nanoTime();
      assertThat(
              one.json(
                      "POST",
                      "/v0/api/stream/" + root + "/status",
                      token,
                      "{\"color\":\"#123456\"}")
                  .status())
          .isEqualTo(200);
      Map<String, Object> event = socket.nextMap();
      long millis = (System.nanoTime() - sent) / 1_000_000;
      System.out.println(
          "A status set on one instance reached the other's subscriber in " + millis + " ms");
      assertThat(event).containsEntry("type", "StatusUpdated").containsEntry("from", "demo");
      assertThat(event.get("status").toString()).contains("#123456");
    }
    assertThat(two.get("/v0/api/stream/" + root + "/status").field("color")).isEqualTo("#123456");
    assertThat(second.store().caller(token).kind().name()).isEqualTo("USER");
  }
}
