package re.blot.client.socket;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.NewStream;
import re.blot.client.RestException;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.server.BlotreServer;

/**
 * The socket end to end against the emulator: every message type, events, reconnects, concurrency.
 */
class SocketServerTest {
  private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100));

  private final Recorder recorder = new Recorder();
  private final List<BlotreSocket> sockets = new ArrayList<>();
  private BlotreServer emulator;
  private Blotre demo;
  private Stream tree;

  @BeforeEach
  void start() {
    emulator = BlotreServer.builder().user("demo").start();
    Blotre app =
        Blotre.createDisposable(Blotre.builder().baseUrl(emulator.baseUrl()), "Socket test", "");
    emulator.redeem(app.getDisposableClient().code(), "demo");
    app.redeemOnetimeCode();
    demo = app;
    tree =
        demo.createStream(
                NewStream.builder()
                    .name("Tree")
                    .uri("demo/tree")
                    .status("#00ff00")
                    .tags(List.of("plant"))
                    .build())
            .value();
  }

  @AfterEach
  void stop() {
    sockets.forEach(BlotreSocket::close);
    emulator.close();
  }

  private BlotreSocket open(Blotre blotre) {
    BlotreSocket socket = BlotreSocket.builder(blotre).listener(recorder).backoff(QUICK).open();
    sockets.add(socket);
    return socket;
  }

  @Test
  void readsAnswerWithTheModelAndFailWithTheServersText() throws Exception {
    BlotreSocket socket = open(demo);

    assertThat(value(socket.getStream("Demo/Tree"))).isEqualTo(tree);
    assertThat(error(socket.getStream("demo/none"))).isEqualTo("Stream does not exist.");
    assertThat(value(socket.getStreams())).contains(tree);
    assertThat(value(socket.getStreams("#plant"))).containsExactly(tree);
    assertThat(value(socket.getStreamStatus("demo/tree"))).isEqualTo(tree.status());
    assertThat(error(socket.getStreamStatus("demo/none"))).isEqualTo("Stream does not exist.");
    assertThat(value(socket.getStreamChildren("demo"))).containsExactly(tree);
    assertThat(value(socket.getStreamChildren("demo", "nothing like it"))).isEmpty();
    assertThat(error(socket.getStreamChildren("demo/none"))).isEqualTo("Stream does not exist.");
    assertThat(value(socket.getChild("demo", "demo/tree"))).isEqualTo(tree);
    assertThat(error(socket.getChild("demo/tree", "demo"))).isEqualTo("Stream does not exist.");
    assertThat(value(socket.getTags("demo/tree"))).containsExactly(new Tag("plant"));
    assertThat(error(socket.getTags("demo/none"))).isEqualTo("Stream does not exist.");
    assertThat(value(socket.getTag("demo/tree", "plant"))).isEqualTo(new Tag("plant"));
    assertThat(error(socket.getTag("demo/tree", "Plant"))).isEqualTo("Tag does not exist.");
  }

  @Test
  void writesAnswerWithTheModelAndFailWithTheServersText() throws Exception {
    BlotreSocket socket = open(demo);

    Stream leaf =
        value(socket.createStream(NewStream.builder().name("Leaf").uri("demo/tree/leaf").build()));
    assertThat(leaf.uri()).isEqualTo("demo/tree/leaf");
    assertThat(
            error(socket.createStream(NewStream.builder().name("Leaf").uri("demo/twig").build())))
        .isEqualTo("Stream name and uri do not match.");
    assertThat(value(socket.setStreamStatus("demo/tree/leaf", "#123456")).color())
        .isEqualTo("#123456");
    assertThat(error(socket.setStreamStatus("demo/tree/leaf", "green")))
        .isEqualTo("Could not process request.");
    assertThat(value(socket.setTags("demo/tree/leaf", List.of("A", "b"))))
        .containsExactly(new Tag("a"), new Tag("b"));
    assertThat(error(socket.setTags("demo/tree/leaf", List.of("a", "a"))))
        .isEqualTo("Could not process request.");
    assertThat(value(socket.setTag("demo/tree/leaf", "c"))).isEqualTo(new Tag("c"));
    assertThat(error(socket.setTag("demo/tree/leaf", "not valid"))).isEqualTo("Tag is not valid.");
    assertThat(value(socket.deleteTag("demo/tree/leaf", "a"))).isEqualTo(new Tag("a"));
    assertThat(error(socket.deleteTag("demo/tree/leaf", "a"))).isEqualTo("No such tag.");
    assertThat(value(socket.getTags("demo/tree/leaf"))).containsExactly(new Tag("b"), new Tag("c"));
    assertThat(value(socket.createChild("demo/tree/leaf", "demo")))
        .isEqualTo(demo.getStream(demo.getCreds().user().rootStream()));
    assertThat(error(socket.createChild("demo/tree", "demo/tree")))
        .isEqualTo("I'm my own grandpa.");
    assertThat(value(socket.deleteChild("demo/tree/leaf", "demo")).uri()).isEqualTo("demo");
    assertThat(error(socket.deleteChild("demo/tree", "demo/tree/leaf")))
        .isEqualTo("Cannot remove hierarchical child.");
    assertThat(value(socket.deleteStream("demo/tree")).uri()).isEqualTo("demo/tree");
    assertThat(error(socket.deleteStream("demo"))).isEqualTo("Cannot delete root streams.");
    assertThat(error(socket.getStream("demo/tree/leaf"))).isEqualTo("Stream does not exist.");
  }

  @Test
  void anAnonymousSocketReadsButCannotWrite() throws Exception {
    BlotreSocket socket = open(Blotre.builder().baseUrl(emulator.baseUrl()).build());

    assertThat(value(socket.getStream("demo/tree"))).isEqualTo(tree);
    assertThat(error(socket.setStreamStatus("demo/tree", "#000000")))
        .isEqualTo("User does not have permission to edit stream.");
    assertThat(error(socket.createStream(NewStream.builder().name("X").uri("demo/x").build())))
        .isEqualTo("User does not have permission to add child.");
  }

  @Test
  void aStatusSetOverRestArrivesAtASubscriber() throws Exception {
    BlotreSocket socket = open(Blotre.builder().baseUrl(emulator.baseUrl()).build());

    assertThat(value(socket.subscribe("Demo/Tree"))).isEqualTo(tree.status());
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.StatusUpdated("demo/tree", tree.status(), null));
    Status blue = demo.setStreamStatus(tree.id(), "#0000ff");

    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.StatusUpdated("demo/tree", blue, null));
  }

  @Test
  void aMissingStreamFailsTheSubscriptionButIsReportedOnceCreated() throws Exception {
    BlotreSocket socket = open(demo);

    assertThat(error(socket.subscribe("demo/later"))).isEqualTo("No such stream.");
    Stream later =
        demo.createStream(
                NewStream.builder().name("Later").uri("demo/later").status("#010101").build())
            .value();

    assertThat(recorder.nextEvent()).isEqualTo(new SocketEvent.ParentAdded("demo/later", "demo"));
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.StatusUpdated("demo/later", later.status(), null));
  }

  @Test
  void aChildsStatusArrivesThroughACollectionSubscription() throws Exception {
    BlotreSocket socket = open(demo);
    value(socket.subscribeCollection("demo"));
    value(socket.subscribeCollection("#Plant"));
    value(socket.getStreams()); // the subscriptions were handled before this reply

    Status red = demo.setStreamStatus(tree.id(), "#ff0000");

    List<SocketEvent> events = List.of(recorder.nextEvent(), recorder.nextEvent());
    assertThat(events)
        .containsExactlyInAnyOrder(
            new SocketEvent.StatusUpdated("demo/tree", red, "demo"),
            new SocketEvent.StatusUpdated("demo/tree", red, "#plant"));
    Stream leaf =
        demo.createStream(NewStream.builder().name("Leaf").uri("demo/leaf").build()).value();
    assertThat(recorder.nextEvent()).isEqualTo(new SocketEvent.ChildAdded("demo", leaf, "demo"));
    demo.deleteStream(leaf.id());
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.ChildRemoved("demo", "demo/leaf", "demo"));
  }

  @Test
  void aSubscribedStreamHearsOfItsParentsAndItsDeletion() throws Exception {
    BlotreSocket socket = open(demo);
    Stream pot = demo.createStream(NewStream.builder().name("Pot").uri("demo/pot").build()).value();
    value(socket.subscribe("demo/tree"));
    recorder.nextEvent();

    demo.createChild(pot.id(), tree.id());
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.ParentAdded("demo/tree", "demo/pot"));
    demo.deleteChild(pot.id(), tree.id());
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.ParentRemoved("demo/tree", "demo/pot"));
    demo.setTags(tree.id(), List.of());
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.ParentRemoved("demo/tree", "#plant"));
    demo.deleteStream(tree.id());
    assertThat(recorder.nextEvent()).isEqualTo(new SocketEvent.ParentRemoved("demo/tree", "demo"));
    assertThat(recorder.nextEvent()).isEqualTo(new SocketEvent.StreamDeleted("demo/tree"));
  }

  @Test
  void subscriptionsAreLimitedAsOnTheServer() throws Exception {
    BlotreSocket socket = open(demo);
    for (int i = 0; i < BlotreSocket.MAX_STREAM_SUBSCRIPTIONS; i++) {
      socket.subscribe("demo/s" + i).exceptionally(e -> null);
    }
    for (int i = 0; i < BlotreSocket.MAX_COLLECTION_SUBSCRIPTIONS; i++) {
      value(socket.subscribeCollection("demo/c" + i));
    }

    assertThat(error(socket.subscribe("demo/tree"))).isEqualTo(BlotreSocket.LIMIT_EXCEEDED);
    assertThat(error(socket.subscribeCollection("#plant"))).isEqualTo(BlotreSocket.LIMIT_EXCEEDED);
    socket.unsubscribe("demo/s0");
    socket.unsubscribeCollection("demo/c0");
    assertThat(value(socket.subscribe("demo/tree"))).isEqualTo(tree.status());
    value(socket.subscribeCollection("#plant"));
  }

  @Test
  void aServerSideCloseIsFollowedByAReconnectThatRestoresTheSubscriptions() throws Exception {
    BlotreSocket socket = open(demo);
    assertThat(Recorder.next(recorder.connects)).isFalse();
    value(socket.subscribe("demo/tree"));
    value(socket.subscribeCollection("demo"));
    recorder.nextEvent();

    assertThat(emulator.closeSockets()).isEqualTo(1);

    Recorder.next(recorder.disconnects);
    assertThat(Recorder.next(recorder.connects)).isTrue();
    // After a reconnect the current status of every subscribed stream comes again.
    assertThat(recorder.nextEvent())
        .isEqualTo(new SocketEvent.StatusUpdated("demo/tree", tree.status(), null));
    value(socket.getStreams()); // the restored subscriptions were handled before this reply
    Status blue = demo.setStreamStatus(tree.id(), "#0000ff");
    assertThat(List.of(recorder.nextEvent(), recorder.nextEvent()))
        .containsExactlyInAnyOrder(
            new SocketEvent.StatusUpdated("demo/tree", blue, null),
            new SocketEvent.StatusUpdated("demo/tree", blue, "demo"));
    assertThat(socket.isConnected()).isTrue();
  }

  @Test
  void aReconnectRefreshesAnExpiredAccessTokenFirstAndLogsNoToken() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(BlotreSocket.class);
    logger.addAppender(logged);
    logger.setLevel(Level.DEBUG);
    try {
      BlotreSocket socket = open(demo);
      assertThat(Recorder.next(recorder.connects)).isFalse();
      Creds before = demo.getCreds();

      emulator.expireAccessTokens();
      emulator.closeSockets();
      assertThat(Recorder.next(recorder.connects)).isTrue();

      Creds after = demo.getCreds();
      assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
      assertThat(value(socket.setStreamStatus("demo/tree", "#abcdef")).color())
          .isEqualTo("#abcdef");
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains("The access token has expired; refreshing it before connecting the socket");
      assertThat(logged.list)
          .allSatisfy(
              event ->
                  assertThat(event.getFormattedMessage())
                      .doesNotContain(
                          before.accessToken(),
                          before.refreshToken(),
                          after.accessToken(),
                          after.refreshToken()));
    } finally {
      logger.setLevel(null);
      logger.detachAppender(logged);
    }
  }

  @Test
  void aHundredConcurrentRequestsGetTheirOwnReplies() throws Exception {
    BlotreSocket socket = open(demo);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Status>> replies = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String color = String.format("#%06x", i);
        Supplier<CompletableFuture<Status>> call = () -> socket.setStreamStatus("demo/tree", color);
        replies.add(CompletableFuture.supplyAsync(call, callers).thenCompose(f -> f));
      }
      for (int i = 0; i < 100; i++) {
        assertThat(value(replies.get(i)).color()).isEqualTo(String.format("#%06x", i));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static <T> T value(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  /** The server's error text the future failed with. */
  private static String error(CompletableFuture<?> future)
      throws InterruptedException, TimeoutException {
    try {
      future.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected an error, got a value");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(RestException.class);
      return ((RestException) e.getCause()).error();
    }
  }
}
