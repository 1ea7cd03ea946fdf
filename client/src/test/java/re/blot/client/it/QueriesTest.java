package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static re.blot.client.it.Refusals.restError;
import static re.blot.client.it.ServerExtension.NOW;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.client.Blotre;
import re.blot.client.NewStream;
import re.blot.client.RestException;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.client.model.User;

/** The public, unauthenticated reads, by an app without credentials. */
class QueriesTest {
  @RegisterExtension static final ServerExtension EMULATOR = new ServerExtension();

  private static final String MISSING_ID = "000000000000000000000000";
  private static final String STREAM_DOES_NOT_EXIST = "Stream does not exist.";

  private static Blotre reader;
  private static User demo;
  private static User alice;
  private static Stream mrTree;
  private static Stream kettle;
  private static Stream fern;

  @BeforeAll
  static void plantStreams() {
    Blotre demoApp = EMULATOR.authorizedAs("demo");
    Blotre aliceApp = EMULATOR.authorizedAs("alice");
    demo = demoApp.getCreds().user();
    alice = aliceApp.getCreds().user();
    mrTree = create(demoApp, "Mr Tree", "#00ff00", "plant", "toaster");
    kettle = create(demoApp, "Kettle", "#ff0000", "toaster");
    fern = create(aliceApp, "Fern", "#00FF00", "plant");
    reader = EMULATOR.anonymous();
  }

  private static Stream create(Blotre owner, String name, String color, String... tags) {
    String uri = Blotre.joinUri(owner.getCreds().user().userName(), name);
    return owner
        .createStream(
            NewStream.builder().name(name).uri(uri).status(color).tags(List.of(tags)).build())
        .value();
  }

  private static List<String> uris(List<Stream> streams) {
    return streams.stream().map(Stream::uri).toList();
  }

  @Test
  void statusHistoryListsTheKeptStatusesOldestFirst() {
    List<Status> history = reader.getStatusHistory(mrTree.id(), null, null);

    assertThat(history).extracting(Status::color).containsExactly("#00ff00");
    assertThat(history.get(0).poster()).isEqualTo(demo.id());
    assertThat(reader.getStatusHistory(mrTree.id(), history.get(0).created().plusMillis(1), null))
        .isEmpty();
    restError(() -> reader.getStatusHistory(MISSING_ID, null, null), 404, STREAM_DOES_NOT_EXIST);
  }

  @Test
  void latestStreamsAreEveryonesStreams() {
    assertThat(uris(reader.getStreams()))
        .containsExactlyInAnyOrder("demo", "alice", "demo/mr+tree", "demo/kettle", "alice/fern");
  }

  @Test
  void searchFindsStreamsByNameColorOrTag() {
    assertThat(uris(reader.getStreams("TREE"))).containsExactly("demo/mr+tree");
    assertThat(uris(reader.getStreams("#00ff00")))
        .containsExactlyInAnyOrder("demo/mr+tree", "alice/fern");
    assertThat(uris(reader.getStreams("#toaster")))
        .containsExactlyInAnyOrder("demo/mr+tree", "demo/kettle");
    assertThat(reader.getStreams("nothing like it")).isEmpty();
  }

  @Test
  void streamIsReadAsItsOwnerCreatedIt() {
    Stream read = reader.getStream(mrTree.id());

    assertThat(read).isEqualTo(mrTree);
    assertThat(read.name()).isEqualTo("Mr Tree");
    assertThat(read.uri()).isEqualTo("demo/mr+tree");
    assertThat(read.owner()).isEqualTo(demo.id());
    assertThat(read.created()).isEqualTo(NOW);
    assertThat(read.status()).isEqualTo(new Status("#00ff00", NOW, demo.id()));
    assertThat(read.tags()).containsExactly(new Tag("plant"), new Tag("toaster"));
    assertThat(reader.getStreamStatus(fern.id())).isEqualTo(new Status("#00FF00", NOW, alice.id()));
  }

  @Test
  void childrenOfAStreamCanBeListedSearchedAndRead() {
    assertThat(uris(reader.getStreamChildren(demo.rootStream())))
        .containsExactlyInAnyOrder("demo/mr+tree", "demo/kettle");
    assertThat(uris(reader.getStreamChildren(demo.rootStream(), "kettle")))
        .containsExactly("demo/kettle");
    assertThat(uris(reader.getStreamChildren(demo.rootStream(), "#plant")))
        .containsExactly("demo/mr+tree");
    assertThat(reader.getChild(demo.rootStream(), kettle.id())).isEqualTo(kettle);
  }

  @Test
  void tagsOfAStreamAndStreamsOfATag() {
    assertThat(reader.getTags(mrTree.id())).containsExactly(new Tag("plant"), new Tag("toaster"));
    assertThat(reader.getTag(mrTree.id(), "plant")).isEqualTo(new Tag("plant"));
    assertThat(uris(reader.getTagChildren("plant")))
        .containsExactlyInAnyOrder("demo/mr+tree", "alice/fern");
    assertThat(uris(reader.getTagChildren("plant", "FERN"))).containsExactly("alice/fern");
  }

  @Test
  void userNamesTheirRootStream() {
    assertThat(reader.getUser(demo.id())).isEqualTo(new User(demo.id(), "demo", demo.rootStream()));
    assertThat(reader.getStream(demo.rootStream()).uri()).isEqualTo("demo");
  }

  @Test
  void urlsNameTheConfiguredServer() {
    String base = EMULATOR.emulator().baseUrl();
    Blotre client = EMULATOR.config().baseUrl(base + "/").build();

    assertThat(client.getBaseUrl()).isEqualTo(base);
    assertThat(client.getWebsocketUrl())
        .isEqualTo("ws" + base.substring("http".length()) + "/v0/ws");
    assertThat(client.getRedeemUrl()).isEqualTo(base + "/v0/oauth2/redeem");
    assertThat(client.getStreams()).isNotEmpty();
  }

  @Test
  void unknownStreamsAreNotFound() {
    restError(() -> reader.getStream(MISSING_ID), 404, STREAM_DOES_NOT_EXIST);
    restError(() -> reader.getStreamStatus(MISSING_ID), 404, STREAM_DOES_NOT_EXIST);
    restError(() -> reader.getStreamChildren(MISSING_ID), 404, STREAM_DOES_NOT_EXIST);
    restError(() -> reader.getTags("not-an-id"), 404, STREAM_DOES_NOT_EXIST);
    // Kettle is demo's child, not alice's.
    restError(() -> reader.getChild(alice.rootStream(), kettle.id()), 404, STREAM_DOES_NOT_EXIST);
  }

  @Test
  void missingTagsAndInvalidTagsAreRefused() {
    restError(() -> reader.getTag(kettle.id(), "plant"), 404, "Tag does not exist.");
    // The server compares the tag as given: tags are stored lower-cased.
    restError(() -> reader.getTag(mrTree.id(), "Plant"), 404, "Tag does not exist.");
    // A tag that reads as a color is not a tag.
    restError(() -> reader.getTagChildren("aabbcc"), 422, "Invalid tag");
  }

  @Test
  void unknownUserIsAnEmpty404() {
    RestException e = restError(() -> reader.getUser(MISSING_ID), 404, null);

    assertThat(e.body()).isEmpty();
    assertThat(e.details()).isNull();
  }
}
