package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lost PostgreSQL fails requests with 503, and the server recovers by itself when it returns. */
class DatabaseOutageTest {
  private final TestDatabases databases = new TestDatabases();
  private BlotreServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    databases.close();
  }

  @Test
  void aLostDatabaseAnswers503AndRecovers() {
    server =
        BlotreServer.builder().database(databases.newPostgresqlDatabase()).user("demo").start();
    Wire wire = new Wire(server.baseUrl());
    String root = server.store().userByName("demo").orElseThrow().rootStream();
    assertThat(wire.get("/v0/api/stream/" + root).status()).isEqualTo(200);

    databases.allowConnections(false);
    Wire.Answer down = wire.get("/v0/api/stream/" + root);
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"The database is not available; try again soon.\",\"details\":null}");

    databases.allowConnections(true);
    assertThat(wire.get("/v0/api/stream/" + root).status()).isEqualTo(200);
  }
}
