package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.client.Blotre;
import re.blot.client.NewStream;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.server.BlotreServer;

/**
 * The client against a durable server that restarts: the app authorized before the restart goes on
 * with its tokens, and the history spans both runs.
 */
class DurableServerTest {
  @TempDir Path dir;

  @Test
  void anAppGoesOnAfterTheServerRestartsWithoutANewAuthorization() throws IOException {
    String database = "jdbc:sqlite:" + dir.resolve("blotre.db");
    int port = freePort();
    Blotre app;
    Stream tree;
    try (BlotreServer server =
        BlotreServer.builder().port(port).database(database).user("demo").start()) {
      app =
          Blotre.createDisposable(
              Blotre.builder().baseUrl(server.baseUrl()), "Plant", "Survives restarts.");
      server.redeem(app.getDisposableClient().code(), "demo");
      app.redeemOnetimeCode();
      tree =
          app.createStream(
                  NewStream.builder().name("Tree").uri("demo/tree").status("#112233").build())
              .value();
    }
    try (BlotreServer server = BlotreServer.builder().port(port).database(database).start()) {
      // The first call may meet the keep-alive connection the old server closed (a
      // TransportException that callers such as the agent's publisher retry); it is not about
      // authorization.
      catchThrowable(() -> app.getStreamStatus(tree.id()));
      assertThat(app.getStreamStatus(tree.id()).color()).isEqualTo("#112233");
      assertThat(app.setStreamStatus(tree.id(), "#445566").color()).isEqualTo("#445566");
      assertThat(app.getStatusHistory(tree.id(), null, null))
          .extracting(Status::color)
          .containsExactly("#112233", "#445566");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
