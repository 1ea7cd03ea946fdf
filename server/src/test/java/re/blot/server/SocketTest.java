package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import re.blot.server.store.Store;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.UserRecord;

/** The WebSocket API of contract §6 on the wire: shapes, error texts, subscriptions and events. */
class SocketTest extends ServerTestBase {
  private static final long NOW = 1767225600000L;

  private final List<RawSocket> sockets = new ArrayList<>();
  private Store store;
  private UserRecord demo;
  private StreamRecord tree;

  @BeforeEach
  void streams() {
    store = emulator.store();
    demo = store.userByName("demo").orElseThrow();
    tree =
        store.createOrUpdateStream(demo, "Tree", "demo/tree", "#00ff00", List.of("plant")).value();
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(RawSocket::close);
  }

  private RawSocket open(String authorization) {
    return open("", authorization);
  }

  private RawSocket open(String query, String authorization) {
    RawSocket socket =
        new RawSocket(
            wire.http(),
            emulator.baseUrl().replace("http:", "ws:") + "/v0/ws" + query,
            authorization);
    sockets.add(socket);
    return socket;
  }

  private String streamJson(StreamRecord s, String color, String tags) {
    return "\"id\":\""
        + s.id()
        + "\",\"name\":\""
        + s.name()
        + "\",\"uri\":\""
        + s.uri()
        + "\",\"created\":"
        + NOW
        + ",\"updated\":"
        + NOW
        + ",\"status\":{\"color\":\""
        + color
        + "\",\"created\":"
        + NOW
        + ",\"poster\":\""
        + demo.id()
        + "\"},\"owner\":\""
        + demo.id()
        + "\",\"tags\":["
        + tags
        + "]";
  }

  @Test
  void anAnonymousSocketReadsInTheServersShapes() {
    RawSocket socket = open(null);
    String status =
        "{\"color\":\"#00ff00\",\"created\":" + NOW + ",\"poster\":\"" + demo.id() + "\"}";

    socket.send("{\"type\":\"GetStream\",\"uri\":\"Demo/Tree\",\"correlation\":1}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Stream\",\"correlation\":1,"
                + streamJson(tree, "#00ff00", "{\"tag\":\"plant\"}")
                + "}");
    socket.send("{\"type\":\"GetStatus\",\"of\":\"Demo/Tree\",\"correlation\":2}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StreamStatus\",\"url\":\"Demo/Tree\",\"status\":"
                + status
                + ",\"correlation\":2}");
    socket.send(
        "{\"type\":\"GetChildren\",\"of\":\"demo\",\"query\":\"tre\",\"limit\":5,\"correlation\":3}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StreamChildren\",\"url\":\"demo\",\"children\":[{"
                + streamJson(tree, "#00ff00", "{\"tag\":\"plant\"}")
                + "}],\"correlation\":3}");
    socket.send(
        "{\"type\":\"GetChild\",\"of\":\"demo\",\"child\":\"demo/tree\",\"correlation\":4}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StreamChild\",\"url\":\"demo\",\"child\":{"
                + streamJson(tree, "#00ff00", "{\"tag\":\"plant\"}")
                + "},\"correlation\":4}");
    socket.send("{\"type\":\"GetTags\",\"of\":\"demo/tree\",\"correlation\":5}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StreamTags\",\"url\":\"demo/tree\",\"tags\":[{\"tag\":\"plant\"}],\"correlation\":5}");
    socket.send("{\"type\":\"GetTag\",\"of\":\"demo/tree\",\"tag\":\"plant\",\"correlation\":6}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StreamTag\",\"url\":\"demo/tree\",\"correlation\":6,\"tag\":\"plant\"}");
    socket.send("{\"type\":\"GetStreams\",\"query\":\"#00ff00\",\"correlation\":7}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Streams\",\"streams\":[{"
                + streamJson(tree, "#00ff00", "{\"tag\":\"plant\"}")
                + "}],\"correlation\":7}");
  }

  @Test
  void badRequestsGetTheServersErrorTexts() {
    RawSocket socket = open("Bearer notAToken");

    socket.send("{\"correlation\":1}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request.\",\"correlation\":1}");
    socket.send("{\"type\":\"Dance\",\"correlation\":2}");
    assertThat(socket.next())
        .isEqualTo("{\"type\":\"Error\",\"error\":\"Unknown type.\",\"correlation\":2}");
    socket.send("{\"type\":\"GetStream\",\"uri\":\"demo/nothing\",\"correlation\":\"three\"}");
    assertThat(socket.next())
        .isEqualTo("{\"type\":\"Error\",\"error\":\"Stream does not exist.\",\"correlation\":0}");
    socket.send("{\"type\":\"GetStream\",\"correlation\":4.5}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request.\",\"correlation\":0}");
    socket.send(
        "{\"type\":\"SetStatus\",\"of\":\"demo/tree\",\"status\":{\"color\":\"green\"},\"correlation\":5}");
    assertThat(socket.nextMap()).containsEntry("error", "Could not process request.");
  }

  @Test
  void anAnonymousSocketCannotWrite() {
    RawSocket socket = open(null);
    Map<String, String> writes =
        Map.of(
            "{\"type\":\"CreateStream\",\"name\":\"Leaf\",\"uri\":\"demo/leaf\"}", "add child.",
            "{\"type\":\"DeleteStream\",\"uri\":\"demo/tree\"}", "delete stream.",
            "{\"type\":\"SetStatus\",\"of\":\"demo/tree\",\"status\":{\"color\":\"#123456\"}}",
                "edit stream.",
            "{\"type\":\"SetTags\",\"of\":\"demo/tree\",\"tags\":[{\"tag\":\"x\"}]}", "add tags.",
            "{\"type\":\"SetTag\",\"of\":\"demo/tree\",\"tag\":\"x\"}", "edit stream.",
            "{\"type\":\"DeleteTag\",\"of\":\"demo/tree\",\"tag\":\"plant\"}", "edit stream.",
            "{\"type\":\"CreateChild\",\"of\":\"demo\",\"child\":\"demo/tree\"}", "add child.");
    writes.forEach(
        (request, permission) -> {
          socket.send(request);
          assertThat(socket.nextMap())
              .as(request)
              .containsEntry("error", "User does not have permission to " + permission)
              .containsEntry("correlation", 0.0);
        });
    assertThat(store.streamByUri("demo/tree").orElseThrow()).isEqualTo(tree);
  }

  @Test
  void theTokenOfTheUpgradeAuthorizesWrites() {
    String token = tokenFor("demo");
    RawSocket header = open("Bearer " + token);
    RawSocket query = open("?access_token=" + token, null);

    header.send(
        "{\"type\":\"CreateStream\",\"name\":\"Leaf\",\"uri\":\"demo/tree/leaf\","
            + "\"status\":{\"color\":\"#0000ff\"},\"tags\":[{\"tag\":\"Green\"}],\"correlation\":1}");
    assertThat(header.nextMap())
        .containsEntry("type", "Stream")
        .containsEntry("uri", "demo/tree/leaf")
        .containsEntry("tags", List.of(Map.of("tag", "green")));
    query.send(
        "{\"type\":\"SetStatus\",\"of\":\"Demo/Tree\",\"status\":{\"color\":\"#FF0000\"},\"correlation\":2}");
    assertThat(query.next())
        .isEqualTo(
            "{\"type\":\"StreamStatus\",\"url\":\"Demo/Tree\",\"status\":{\"color\":"
                + "\"#FF0000\",\"created\":"
                + NOW
                + ",\"poster\":\""
                + demo.id()
                + "\"},\"correlation\":2}");
    header.send(
        "{\"type\":\"SetTags\",\"of\":\"demo/tree\",\"tags\":[{\"tag\":\"a\"},{\"tag\":\"B\"}],\"correlation\":3}");
    assertThat(header.nextMap())
        .containsEntry("tags", List.of(Map.of("tag", "a"), Map.of("tag", "b")));
    header.send("{\"type\":\"SetTag\",\"of\":\"demo/tree\",\"tag\":\"c\",\"correlation\":4}");
    assertThat(header.nextMap()).containsEntry("type", "StreamTag").containsEntry("tag", "c");
    header.send("{\"type\":\"DeleteTag\",\"of\":\"demo/tree\",\"tag\":\"a\",\"correlation\":5}");
    assertThat(header.nextMap()).containsEntry("type", "StreamTag").containsEntry("tag", "a");
    assertThat(store.streamByUri("demo/tree").orElseThrow().tags()).containsExactly("b", "c");
    header.send(
        "{\"type\":\"CreateChild\",\"of\":\"demo/tree/leaf\",\"child\":\"demo\",\"correlation\":6}");
    assertThat(header.nextMap())
        .containsEntry("type", "StreamChild")
        .containsEntry("url", "demo/tree/leaf");
    header.send(
        "{\"type\":\"DeleteChild\",\"of\":\"demo/tree/leaf\",\"child\":\"demo\",\"correlation\":7}");
    assertThat(header.nextMap())
        .containsEntry("type", "StreamChild")
        .containsEntry("correlation", 7.0);
    header.send(
        "{\"type\":\"GetChild\",\"of\":\"demo/tree/leaf\",\"child\":\"demo\",\"correlation\":8}");
    assertThat(header.nextMap()).containsEntry("error", "Stream does not exist.");
    header.send("{\"type\":\"DeleteStream\",\"uri\":\"demo/tree\",\"correlation\":9}");
    assertThat(header.nextMap()).containsEntry("type", "Stream").containsEntry("uri", "demo/tree");
    assertThat(store.streamByUri("demo/tree/leaf")).isEmpty();
  }

  @Test
  void anExpiredTokenGivesAnAnonymousSocketWithoutAnyRefusal() {
    String token = tokenFor("demo");
    emulator.expireAccessTokens();
    RawSocket socket = open("Bearer " + token);

    socket.send(
        "{\"type\":\"SetStatus\",\"of\":\"demo/tree\",\"status\":{\"color\":\"#123456\"},\"correlation\":1}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"User does not have permission to edit stream.\",\"correlation\":1}");
  }

  @Test
  void acknowledgeErrorSendsOnlyErrors() {
    RawSocket socket = open("Bearer " + tokenFor("demo"));

    socket.send(
        "{\"type\":\"SetStatus\",\"of\":\"demo/tree\",\"status\":{\"color\":\"#010203\"},"
            + "\"acknowledge\":\"error\",\"correlation\":1}");
    socket.send(
        "{\"type\":\"GetStream\",\"uri\":\"demo/none\",\"acknowledge\":\"error\",\"correlation\":2}");
    assertThat(socket.nextMap())
        .containsEntry("error", "Stream does not exist.")
        .containsEntry("correlation", 2.0);
    assertThat(store.streamByUri("demo/tree").orElseThrow().status().color()).isEqualTo("#010203");
    socket.send(
        "{\"type\":\"Subscribe\",\"to\":[\"demo/tree\"],\"acknowledge\":\"error\",\"correlation\":3}");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .doesNotContainKey("correlation");
  }

  @Test
  void subscribeSendsTheCurrentStatusThenEveryChange() {
    RawSocket socket = open(null);

    socket.send(
        "{\"type\":\"Subscribe\",\"to\":[\"Demo/Tree\",\"#plant\",\"demo/later\"],\"correlation\":7}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"StatusUpdated\",\"from\":\"demo/tree\",\"status\":{\"color\":"
                + "\"#00ff00\",\"created\":"
                + NOW
                + ",\"poster\":\""
                + demo.id()
                + "\"},\"source\":null}");
    assertThat(socket.next())
        .isEqualTo("{\"type\":\"Error\",\"error\":\"No such stream.\",\"correlation\":7}");

    store.setStatus(demo, tree.id(), "#123456");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .containsEntry("from", "demo/tree")
        .containsEntry(
            "status", Map.of("color", "#123456", "created", (double) NOW, "poster", demo.id()));
    // The subscription to the missing stream was kept: it reports the stream once it exists.
    store.createOrUpdateStream(demo, "Later", "demo/later", "#00000f", null);
    assertThat(socket.nextMap())
        .containsEntry("type", "ParentAdded")
        .containsEntry("from", "demo/later");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .containsEntry("from", "demo/later");

    socket.send("{\"type\":\"Unsubscribe\",\"to\":[\"demo/tree\"]}");
    socket.assertNothingElse();
    store.setStatus(demo, tree.id(), "#654321");
    socket.assertNothingElse();
  }

  @Test
  void subscriptionsAreLimitedPerSocket() {
    RawSocket socket = open(null);
    StringBuilder targets = new StringBuilder("\"demo\"");
    for (int i = 1; i < 256; i++) {
      targets.append(",\"demo/s").append(i).append('"');
    }
    socket.send(
        "{\"type\":\"Subscribe\",\"to\":["
            + targets
            + "],\"acknowledge\":\"error\",\"correlation\":1}");
    for (int i = 0; i < 256; i++) {
      socket.next();
    }
    socket.send("{\"type\":\"Subscribe\",\"to\":[\"demo\",\"demo/tree\"],\"correlation\":2}");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .containsEntry("from", "demo");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Subscription limit exceeded.\",\"correlation\":2}");

    for (int i = 0; i < 8; i++) {
      socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"demo/c" + i + "\"}");
    }
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"demo/c0\"}");
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"#not a tag\"}");
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"#plant\",\"correlation\":3}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Subscription limit exceeded.\",\"correlation\":3}");
    socket.send("{\"type\":\"UnsubscribeCollection\",\"to\":\"demo/c0\"}");
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"#plant\",\"correlation\":4}");
    socket.assertNothingElse();
  }

  @Test
  void aStreamCollectionReportsItsChildrenButNotItself() {
    RawSocket socket = open(null);
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"Demo\"}");
    socket.assertNothingElse();

    store.setStatus(demo, tree.id(), "#111111");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .containsEntry("from", "demo/tree")
        .containsEntry("source", "demo");
    StreamRecord leaf = store.createOrUpdateStream(demo, "Leaf", "demo/leaf", null, null).value();
    assertThat(socket.nextMap())
        .containsEntry("type", "ChildAdded")
        .containsEntry("from", "demo")
        .containsEntry("source", "demo")
        .containsKey("child");
    store.deleteStream(demo, leaf.id());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ChildRemoved\",\"from\":\"demo\",\"child\":\"demo/leaf\",\"source\":\"demo\"}");
    store.setStatus(demo, demo.rootStream(), "#222222");
    socket.assertNothingElse();
  }

  @Test
  void aTagCollectionReportsTaggedStreams() {
    RawSocket socket = open(null);
    socket.send("{\"type\":\"SubscribeCollection\",\"to\":\"#Plant\"}");
    socket.assertNothingElse();

    store.setStatus(demo, tree.id(), "#111111");
    assertThat(socket.nextMap())
        .containsEntry("type", "StatusUpdated")
        .containsEntry("from", "demo/tree")
        .containsEntry("source", "#plant");
    StreamRecord fern =
        store.createOrUpdateStream(demo, "Fern", "demo/fern", null, List.of("plant")).value();
    assertThat(socket.nextMap())
        .containsEntry("type", "ChildAdded")
        .containsEntry("from", "#plant")
        .containsEntry("source", "#plant");
    store.setTags(demo, tree.id(), List.of());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ChildRemoved\",\"from\":\"#plant\",\"child\":\"demo/tree\",\"source\":\"#plant\"}");
    store.deleteStream(demo, fern.id());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ChildRemoved\",\"from\":\"#plant\",\"child\":\"demo/fern\",\"source\":\"#plant\"}");
    socket.assertNothingElse();
  }

  @Test
  void streamSubscribersHearOfParentsChildrenAndDeletion() {
    RawSocket socket = open(null);
    socket.send("{\"type\":\"Subscribe\",\"to\":[\"demo\",\"demo/tree\"]}");
    socket.next();
    socket.next();
    String root = store.stream(demo.rootStream()).uri();

    StreamRecord pot = store.createOrUpdateStream(demo, "Pot", "demo/pot", null, null).value();
    assertThat(socket.nextMap())
        .containsEntry("type", "ChildAdded")
        .containsEntry("from", root)
        .containsEntry("source", null);
    store.linkChild(demo, pot.id(), tree.id());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ParentAdded\",\"from\":\"demo/tree\",\"parent\":\"demo/pot\",\"source\":null}");
    store.unlinkChild(demo, pot.id(), tree.id());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ParentRemoved\",\"from\":\"demo/tree\",\"parent\":\"demo/pot\",\"source\":null}");
    store.addTag(demo, tree.id(), "pet");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ParentAdded\",\"from\":\"demo/tree\",\"parent\":\"#pet\",\"source\":null}");
    store.removeTag(demo, tree.id(), "pet");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ParentRemoved\",\"from\":\"demo/tree\",\"parent\":\"#pet\",\"source\":null}");
    store.deleteStream(demo, tree.id());
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ChildRemoved\",\"from\":\"demo\",\"child\":\"demo/tree\",\"source\":null}");
    assertThat(socket.next())
        .isEqualTo(
            "{\"type\":\"ParentRemoved\",\"from\":\"demo/tree\",\"parent\":\"demo\",\"source\":null}");
    assertThat(socket.next())
        .isEqualTo("{\"type\":\"StreamDeleted\",\"from\":\"demo/tree\",\"source\":null}");
    socket.assertNothingElse();
  }

  @Test
  void theControlApiClosesEverySocket() throws Exception {
    RawSocket first = open(null);
    RawSocket second = open(null);

    Wire.Answer answer = wire.bare("POST", "/_emulator/sockets/close", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"closed\":2}");
    assertThat(first.closedByServer.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
    assertThat(second.closedByServer.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
  }
}
