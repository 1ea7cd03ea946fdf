package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static re.blot.client.Fixtures.*;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import re.blot.client.model.Stream;
import re.blot.client.model.User;

/** Parsing replies that leave fields out or null. */
class ModelTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aStreamWithoutTagsAndWithNullsParses() {
    // The July-2015 server sent no "tags"; a stream may also lack a status in odd data.
    server.enqueue(
        json(
            200,
            "{\"id\":\""
                + STREAM_ID
                + "\",\"name\":\"matt\",\"uri\":\"matt\","
                + "\"created\":1,\"updated\":null,\"status\":null,\"owner\":\""
                + USER_ID
                + "\"}"));

    Stream stream = config(server).build().getStream(STREAM_ID);

    assertThat(stream.tags()).isEmpty();
    assertThat(stream.updated()).isNull();
    assertThat(stream.status()).isNull();
    assertThat(stream.created().toEpochMilli()).isEqualTo(1);
  }

  @Test
  void aUserWithoutANameParses() {
    server.enqueue(
        json(200, "{\"id\":\"" + USER_ID + "\",\"userName\":null,\"rootStream\":\"r\"}"));

    assertThat(config(server).build().getUser(USER_ID)).isEqualTo(new User(USER_ID, null, "r"));
  }
}
