package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R1-R17 over raw HTTP: success shapes and the exact error texts of contract §1.5. */
class StreamRoutesTest extends ServerTestBase {
  private static final String NO_STREAM = envelope("Stream does not exist.");
  private static final String MISSING_ID = "000000000000000000000000";

  private String demo;
  private String other;

  @BeforeEach
  void logIn() {
    demo = tokenFor("demo");
    other = tokenFor("other");
  }

  private Wire.Answer create(String token, String json) {
    return wire.json("PUT", "/v0/api/stream", token, json);
  }

  private String createTree() {
    Wire.Answer answer = create(demo, "{\"name\":\"Mr Tree\",\"uri\":\"demo/mr+tree\"}");
    assertThat(answer.status()).isEqualTo(201);
    return answer.field("id");
  }

  @Test
  void createReturnsTheStreamWithKeysInContractOrderThenUpdatesIt() {
    Wire.Answer first =
        create(
            demo,
            "{\"name\":\"Mr Tree\",\"uri\":\"demo/mr+tree\",\"status\":{\"color\":\"#FF00aa\"},"
                + "\"tags\":[{\"tag\":\"Plant\"}]}");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.map().keySet())
        .containsExactly("id", "name", "uri", "created", "updated", "status", "owner", "tags");
    assertThat(first.map())
        .containsEntry("name", "Mr Tree")
        .containsEntry("uri", "demo/mr+tree")
        .containsEntry("owner", emulator.store().userByName("demo").orElseThrow().id())
        .containsEntry("tags", List.of(Map.of("tag", "plant")));
    assertThat(first.map().get("status"))
        .isEqualTo(
            Map.of(
                "color",
                "#FF00aa",
                "created",
                (double) clock.millis(),
                "poster",
                emulator.store().userByName("demo").orElseThrow().id()));

    clock.advance(Duration.ofSeconds(5));
    Wire.Answer second =
        create(
            demo,
            "{\"name\":\"Mr Tree\",\"uri\":\"demo/Mr Tree\",\"status\":{\"color\":\"#00ff00\"}}");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.field("id")).isEqualTo(first.field("id"));
    assertThat(second.map().get("updated")).isEqualTo((double) clock.millis());
    assertThat(create(demo, "{\"name\":\"Mr Tree\",\"uri\":\"demo/mr%20tree\"}").status())
        .isEqualTo(200);
  }

  @Test
  void newStreamsAreGreyUntilAStatusIsSet() {
    String id = createTree();
    assertThat(wire.get("/v0/api/stream/" + id + "/status").map())
        .containsEntry("color", "#aaaaaa");
  }

  @Test
  void createRefusesBadNamesParentsAndOwners() {
    assertThat(create(demo, "{\"name\":\"Mr.Tree\",\"uri\":\"demo/mr.tree\"}").body())
        .isEqualTo(envelope("Stream name is invalid."));
    Wire.Answer root = create(demo, "{\"name\":\"top\",\"uri\":\"top\"}");
    assertThat(root.status()).isEqualTo(404);
    assertThat(root.body()).isEqualTo(envelope("Parent stream does not exist."));
    assertThat(create(demo, "{\"name\":\"x\",\"uri\":\"nobody/x\"}").status()).isEqualTo(404);
    Wire.Answer mismatch = create(demo, "{\"name\":\"Tree\",\"uri\":\"demo/bush\"}");
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.body()).isEqualTo(envelope("Stream name and uri do not match."));
    Wire.Answer foreign = create(other, "{\"name\":\"Tree\",\"uri\":\"demo/tree\"}");
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(foreign.body()).isEqualTo(envelope("User does not have permission to add child."));
    assertThat(foreign.header("WWW-Authenticate")).isNull();
  }

  @Test
  void createValidatesTheBodyWithPlayStyleDetails() {
    Wire.Answer missing = create(demo, "{\"uri\":\"demo/x\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request\","
                + "\"details\":{\"obj.name\":[{\"msg\":[\"error.path.missing\"],\"args\":[]}]}}");
    Wire.Answer color =
        create(demo, "{\"name\":\"x\",\"uri\":\"demo/x\",\"status\":{\"color\":\"#abc\"}}");
    assertThat(color.body())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request\","
                + "\"details\":{\"obj.status.color\":[{\"msg\":[\"Color is not valid.\"],\"args\":[]}]}}");
    assertThat(
            create(
                    demo,
                    "{\"name\":\"x\",\"uri\":\"demo/x\",\"tags\":[{\"tag\":\"a\"},{\"tag\":\"A\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            create(
                    demo,
                    "{\"name\":\"x\",\"uri\":\"demo/x\",\"tags\":"
                        + "[{\"tag\":\"a\"},{\"tag\":\"b\"},{\"tag\":\"c\"},{\"tag\":\"d\"},{\"tag\":\"e\"},{\"tag\":\"f\"},{\"tag\":\"g\"}]}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void readsAStreamByIdAndTreatsNonIdsAsMissing() {
    String id = createTree();
    assertThat(wire.get("/v0/api/stream/" + id).field("uri")).isEqualTo("demo/mr+tree");
    assertThat(wire.get("/v0/api/stream/" + id.toUpperCase()).field("id")).isEqualTo(id);
    for (String bad : List.of(MISSING_ID, "not-an-id", "%C3%A9")) {
      Wire.Answer answer = wire.get("/v0/api/stream/" + bad);
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.body()).isEqualTo(NO_STREAM);
    }
  }

  @Test
  void listsLatestStreamsAndSearches() {
    String id = createTree();
    clock.advance(Duration.ofSeconds(1));
    wire.json("POST", "/v0/api/stream/" + id + "/status", demo, "{\"color\":\"#123456\"}");
    wire.json("POST", "/v0/api/stream/" + id + "/tags", demo, "[{\"tag\":\"plant\"}]");
    assertThat(wire.get("/v0/api/stream").list())
        .first()
        .extracting(s -> s.get("id"))
        .isEqualTo(id);
    assertThat(ids(wire.get("/v0/api/stream?query=tree"))).containsExactly(id);
    assertThat(ids(wire.get("/v0/api/stream?query=%23123456"))).containsExactly(id);
    assertThat(ids(wire.get("/v0/api/stream?query=%23plant"))).containsExactly(id);
    assertThat(ids(wire.get("/v0/api/stream?query=!!!"))).hasSize(3);
  }

  @Test
  void deleteRemovesTheStreamAndItsHierarchicalChildren() {
    String tree = createTree();
    String leaf = create(demo, "{\"name\":\"leaf\",\"uri\":\"demo/mr+tree/leaf\"}").field("id");
    assertThat(wire.delete("/v0/api/stream/" + tree, other).body())
        .isEqualTo(envelope("User does not have permission to delete stream."));
    Wire.Answer deleted = wire.delete("/v0/api/stream/" + tree, demo);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.field("id")).isEqualTo(tree);
    assertThat(wire.get("/v0/api/stream/" + leaf).status()).isEqualTo(404);
    assertThat(wire.delete("/v0/api/stream/" + tree, demo).body()).isEqualTo(NO_STREAM);
    Wire.Answer root = wire.delete("/v0/api/stream/" + rootId("demo"), demo);
    assertThat(root.status()).isEqualTo(422);
    assertThat(root.body()).isEqualTo(envelope("Cannot delete root streams."));
  }

  @Test
  void setStatusKeepsTheColorAsSentAndChecksOwner() {
    String id = createTree();
    Wire.Answer set =
        wire.json("POST", "/v0/api/stream/" + id + "/status", demo, "{\"color\":\"#ABCdef\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.map().keySet()).containsExactly("color", "created", "poster");
    assertThat(set.field("color")).isEqualTo("#ABCdef");
    assertThat(
            wire.json("POST", "/v0/api/stream/" + id + "/status", demo, "{\"color\":\"red\"}")
                .body())
        .isEqualTo(
            "{\"type\":\"Error\",\"error\":\"Could not process request\","
                + "\"details\":{\"obj.color\":[{\"msg\":[\"Color is not valid.\"],\"args\":[]}]}}");
    Wire.Answer foreign =
        wire.json("POST", "/v0/api/stream/" + id + "/status", other, "{\"color\":\"#000000\"}");
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(foreign.body()).isEqualTo(envelope("User does not have permission to edit stream."));
    assertThat(
            wire.json(
                    "POST",
                    "/v0/api/stream/" + MISSING_ID + "/status",
                    demo,
                    "{\"color\":\"#000000\"}")
                .body())
        .isEqualTo(NO_STREAM);
    assertThat(wire.get("/v0/api/stream/" + MISSING_ID + "/status").status()).isEqualTo(404);
  }

  @Test
  void replacesTheTagSet() {
    String id = createTree();
    Wire.Answer set =
        wire.json(
            "POST", "/v0/api/stream/" + id + "/tags", demo, "[{\"tag\":\"B\"},{\"tag\":\"a\"}]");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body()).isEqualTo("[{\"tag\":\"b\"},{\"tag\":\"a\"}]");
    assertThat(wire.get("/v0/api/stream/" + id + "/tags").body())
        .isEqualTo("[{\"tag\":\"b\"},{\"tag\":\"a\"}]");
    Wire.Answer bad = wire.json("POST", "/v0/api/stream/" + id + "/tags", demo, "[\"plain\"]");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.field("error")).isEqualTo("Could not process request.");
    assertThat(bad.map().get("details")).isNotNull();
    assertThat(
            wire.json("POST", "/v0/api/stream/" + id + "/tags", demo, "[{\"tag\":\"aabbcc\"}]")
                .status())
        .isEqualTo(422);
    assertThat(wire.json("POST", "/v0/api/stream/" + id + "/tags", other, "[]").body())
        .isEqualTo(envelope("User does not have permission to add tags."));
    assertThat(wire.get("/v0/api/stream/" + MISSING_ID + "/tags").body()).isEqualTo(NO_STREAM);
  }

  @Test
  void addsReadsAndRemovesSingleTags() {
    String id = createTree();
    String tag = "/v0/api/stream/" + id + "/tags/";
    assertThat(wire.bare("PUT", tag + "Plant", demo).status()).isEqualTo(201);
    Wire.Answer again = wire.bare("PUT", tag + "plant", demo);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"tag\":\"plant\"}");
    assertThat(wire.get(tag + "plant").body()).isEqualTo("{\"tag\":\"plant\"}");
    assertThat(wire.get(tag + "Plant").body()).isEqualTo(envelope("Tag does not exist."));
    assertThat(wire.bare("PUT", tag + "aabbcc", demo).body())
        .isEqualTo(envelope("Tag is not valid."));
    Wire.Answer foreign = wire.bare("PUT", tag + "x", other);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body()).isEqualTo(envelope("User does not have permission to edit stream."));
    Wire.Answer removed = wire.delete(tag + "plant", demo);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.body()).isEqualTo("{\"tag\":\"plant\"}");
    Wire.Answer gone = wire.delete(tag + "plant", demo);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo(envelope("No such tag."));
    for (String t : List.of("a", "b", "c", "d", "e", "f")) {
      wire.bare("PUT", tag + t, demo);
    }
    Wire.Answer full = wire.bare("PUT", tag + "g", demo);
    assertThat(full.status()).isEqualTo(422);
    assertThat(full.body()).isEqualTo(envelope("Too many tags."));
  }

  @Test
  void linksAndUnlinksChildren() {
    String tree = createTree();
    String otherRoot = rootId("other");
    String children = "/v0/api/stream/" + tree + "/children/";
    Wire.Answer linked = wire.bare("PUT", children + otherRoot, demo);
    assertThat(linked.status()).isEqualTo(201);
    assertThat(linked.field("id")).isEqualTo(otherRoot);
    assertThat(wire.bare("PUT", children + otherRoot, demo).status()).isEqualTo(200);
    assertThat(ids(wire.get("/v0/api/stream/" + tree + "/children"))).containsExactly(otherRoot);
    assertThat(ids(wire.get("/v0/api/stream/" + tree + "/children?query=other")))
        .containsExactly(otherRoot);
    assertThat(wire.get(children + otherRoot).field("id")).isEqualTo(otherRoot);
    assertThat(wire.get(children + rootId("demo")).body()).isEqualTo(NO_STREAM);
    assertThat(wire.bare("PUT", children + tree, demo).body())
        .isEqualTo(envelope("I'm my own grandpa."));
    assertThat(wire.bare("PUT", children + MISSING_ID, demo).body())
        .isEqualTo(envelope("Child stream does not exist."));
    assertThat(wire.bare("PUT", "/v0/api/stream/" + MISSING_ID + "/children/" + tree, demo).body())
        .isEqualTo(envelope("Parent stream does not exist."));
    assertThat(wire.bare("PUT", children + rootId("demo"), other).body())
        .isEqualTo(envelope("User does not have permission to add child."));
    assertThat(wire.delete(children + otherRoot, other).body())
        .isEqualTo(envelope("User does not have permission to edit stream."));
    Wire.Answer unlinked = wire.delete(children + otherRoot, demo);
    assertThat(unlinked.status()).isEqualTo(200);
    assertThat(wire.get("/v0/api/stream/" + otherRoot).status()).isEqualTo(200);
    assertThat(wire.delete(children + otherRoot, demo).body()).isEqualTo(NO_STREAM);
    Wire.Answer hierarchical =
        wire.delete("/v0/api/stream/" + rootId("demo") + "/children/" + tree, demo);
    assertThat(hierarchical.status()).isEqualTo(422);
    assertThat(hierarchical.body()).isEqualTo(envelope("Cannot remove hierarchical child."));
  }

  @Test
  void listsStreamsByTag() {
    String id = createTree();
    wire.bare("PUT", "/v0/api/stream/" + id + "/tags/plant", demo);
    assertThat(ids(wire.get("/v0/api/tag/plant/children"))).containsExactly(id);
    assertThat(ids(wire.get("/v0/api/tag/plant/children?query=bush"))).isEmpty();
    assertThat(ids(wire.get("/v0/api/tag/plant/children?query=TREE"))).containsExactly(id);
    assertThat(ids(wire.get("/v0/api/tag/plant/children?query=%23aaaaaa")))
        .as("a name search, not a color")
        .isEmpty();
    Wire.Answer invalid = wire.get("/v0/api/tag/aabbcc/children");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body()).isEqualTo(envelope("Invalid tag"));
  }

  @Test
  void readsUsersWithARealRootStream() {
    String id = emulator.store().userByName("demo").orElseThrow().id();
    Wire.Answer user = wire.get("/v0/api/user/" + id);
    assertThat(user.body())
        .isEqualTo(
            "{\"id\":\""
                + id
                + "\",\"userName\":\"demo\",\"rootStream\":\""
                + rootId("demo")
                + "\"}");
    assertThat(wire.get("/v0/api/stream/" + rootId("demo")).field("uri")).isEqualTo("demo");
    Wire.Answer missing = wire.get("/v0/api/user/" + MISSING_ID);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEmpty();
  }

  private static List<Object> ids(Wire.Answer answer) {
    assertThat(answer.status()).isEqualTo(200);
    return answer.list().stream().map(s -> s.get("id")).toList();
  }
}
