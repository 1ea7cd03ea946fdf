package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static re.blot.client.Fixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.client.model.DisposableClient;
import re.blot.client.model.Tag;
import re.blot.client.model.TokenInfo;

/**
 * Every endpoint an app calls: the exact request on the wire, the parsed result, and each
 * documented error status, plus a non-JSON error page.
 */
class EndpointsTest {
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";
  private static final String ID = STREAM_ID;

  @StartStop final MockWebServer server = new MockWebServer();

  /** What one endpoint sends and receives. */
  record Endpoint(
      String name,
      Function<Blotre, Object> call,
      String method,
      String target,
      String contentType,
      String body,
      boolean authorized,
      int status,
      String reply,
      Object expected,
      List<ApiError> errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A documented error: status, raw body, and the error text it should yield. */
  record ApiError(int status, String body, String error) {
    static ApiError of(int status, String error) {
      return new ApiError(status, envelope(error), error);
    }
  }

  private static Endpoint get(
      String name,
      Function<Blotre, Object> call,
      String target,
      String reply,
      Object expected,
      ApiError... errors) {
    return new Endpoint(
        name, call, "GET", target, null, null, false, 200, reply, expected, List.of(errors));
  }

  static List<Endpoint> endpoints() {
    String stream = "/v0/api/stream/" + ID;
    DisposableClient disposable =
        new DisposableClient(
            "Plant're",
            "Blot're you a plant.",
            CLIENT_ID,
            DISPOSABLE_SECRET,
            ONETIME_CODE,
            1200,
            NOW.plusSeconds(1200));
    return List.of(
        get(
            "getStreams",
            Blotre::getStreams,
            "/v0/api/stream",
            "[" + STREAM_JSON + "]",
            List.of(STREAM)),
        get(
            "getStreams(query)",
            b -> b.getStreams("#toaster Mr"),
            "/v0/api/stream?query=%23toaster%20Mr",
            "[]",
            List.of()),
        get(
            "getStream",
            b -> b.getStream(ID),
            stream,
            STREAM_JSON,
            STREAM,
            ApiError.of(404, "Stream does not exist.")),
        get(
            "getStreamStatus",
            b -> b.getStreamStatus(ID),
            stream + "/status",
            STATUS_JSON,
            STATUS,
            ApiError.of(404, "Stream does not exist.")),
        get(
            "getStreamChildren",
            b -> b.getStreamChildren(ID),
            stream + "/children",
            "[" + STREAM_JSON + "]",
            List.of(STREAM),
            ApiError.of(404, "Stream does not exist."),
            ApiError.of(500, "An internal server error occurred.")),
        get(
            "getStreamChildren(query)",
            b -> b.getStreamChildren(ID, "mr tree"),
            stream + "/children?query=mr%20tree",
            "[]",
            List.of(),
            ApiError.of(404, "Stream does not exist.")),
        get(
            "getChild",
            b -> b.getChild(ID, CHILD_ID),
            stream + "/children/" + CHILD_ID,
            STREAM_JSON,
            STREAM,
            ApiError.of(404, "Stream does not exist.")),
        get(
            "getTags",
            b -> b.getTags(ID),
            stream + "/tags",
            TAGS_JSON,
            List.of(new Tag("toaster"), new Tag("plant")),
            ApiError.of(404, "Stream does not exist.")),
        get(
            "getTag",
            b -> b.getTag(ID, "plant"),
            stream + "/tags/plant",
            "{\"tag\":\"plant\"}",
            new Tag("plant"),
            ApiError.of(404, "Stream does not exist."),
            ApiError.of(404, "Tag does not exist.")),
        get(
            "getTagChildren",
            b -> b.getTagChildren("a/b#c d"),
            "/v0/api/tag/a%2Fb%23c%20d/children",
            "[" + STREAM_JSON + "]",
            List.of(STREAM),
            ApiError.of(422, "Invalid tag")),
        get(
            "getTagChildren(query)",
            b -> b.getTagChildren("plant", "#x"),
            "/v0/api/tag/plant/children?query=%23x",
            "[]",
            List.of(),
            ApiError.of(422, "Invalid tag")),
        get(
            "getUser",
            b -> b.getUser(USER_ID),
            "/v0/api/user/" + USER_ID,
            USER_JSON,
            USER,
            new ApiError(404, "", null)),
        new Endpoint(
            "createStream (created)",
            b ->
                b.createStream(
                    NewStream.builder()
                        .name("Mr Tree")
                        .uri("matt/mr+tree")
                        .status("#00ff00")
                        .tags(List.of("plant"))
                        .build()),
            "PUT",
            "/v0/api/stream",
            JSON_TYPE,
            "{\"name\":\"Mr Tree\",\"uri\":\"matt/mr+tree\","
                + "\"status\":{\"color\":\"#00ff00\"},\"tags\":[{\"tag\":\"plant\"}]}",
            true,
            201,
            STREAM_JSON,
            new CreateResult<>(STREAM, true),
            List.of(
                new ApiError(
                    400,
                    envelope(
                        "Could not process request",
                        "{\"obj.status.color\":[{\"msg\":[\"Color is not valid.\"],"
                            + "\"args\":[]}]}"),
                    "Could not process request"),
                ApiError.of(422, "Stream name is invalid."),
                ApiError.of(404, "Parent stream does not exist."),
                ApiError.of(422, "Stream name and uri do not match."),
                ApiError.of(401, "User does not have permission to add child."),
                ApiError.of(422, "Too many children."),
                ApiError.of(422, "Too many streams for user."),
                ApiError.of(500, "An internal server error occurred."))),
        new Endpoint(
            "createStream (existed)",
            b -> b.createStream(NewStream.builder().name("Mr Tree").uri("matt/mr+tree").build()),
            "PUT",
            "/v0/api/stream",
            JSON_TYPE,
            "{\"name\":\"Mr Tree\",\"uri\":\"matt/mr+tree\"}",
            true,
            200,
            STREAM_JSON,
            new CreateResult<>(STREAM, false),
            List.of()),
        new Endpoint(
            "deleteStream",
            b -> b.deleteStream(ID),
            "DELETE",
            stream,
            null,
            "",
            true,
            200,
            STREAM_JSON,
            STREAM,
            List.of(
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(401, "User does not have permission to delete stream."),
                ApiError.of(422, "Cannot delete root streams."))),
        new Endpoint(
            "setStreamStatus",
            b -> b.setStreamStatus(ID, "#00ff00"),
            "POST",
            stream + "/status",
            JSON_TYPE,
            "{\"color\":\"#00ff00\"}",
            true,
            200,
            STATUS_JSON,
            STATUS,
            List.of(
                ApiError.of(400, "Could not process request"),
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(401, "User does not have permission to edit stream."),
                ApiError.of(500, "An internal server error occurred."))),
        new Endpoint(
            "setTags",
            b -> b.setTags(ID, List.of("Toaster", "plant")),
            "POST",
            stream + "/tags",
            JSON_TYPE,
            "[{\"tag\":\"Toaster\"},{\"tag\":\"plant\"}]",
            true,
            200,
            TAGS_JSON,
            List.of(new Tag("toaster"), new Tag("plant")),
            List.of(
                ApiError.of(422, "Could not process request."),
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(401, "User does not have permission to add tags."))),
        new Endpoint(
            "setTag (added)",
            b -> b.setTag(ID, "plant"),
            "PUT",
            stream + "/tags/plant",
            null,
            "",
            true,
            201,
            "{\"tag\":\"plant\"}",
            new CreateResult<>(new Tag("plant"), true),
            List.of(
                ApiError.of(404, "Tag is not valid."),
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(404, "User does not have permission to edit stream."),
                ApiError.of(422, "Too many tags."))),
        new Endpoint(
            "setTag (present)",
            b -> b.setTag(ID, "plant"),
            "PUT",
            stream + "/tags/plant",
            null,
            "",
            true,
            200,
            "{\"tag\":\"plant\"}",
            new CreateResult<>(new Tag("plant"), false),
            List.of()),
        new Endpoint(
            "deleteTag",
            b -> b.deleteTag(ID, "plant"),
            "DELETE",
            stream + "/tags/plant",
            null,
            "",
            true,
            200,
            "{\"tag\":\"plant\"}",
            new Tag("plant"),
            List.of(
                ApiError.of(404, "No such tag."),
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(404, "User does not have permission to edit stream."))),
        new Endpoint(
            "createChild",
            b -> b.createChild(ID, CHILD_ID),
            "PUT",
            stream + "/children/" + CHILD_ID,
            null,
            "",
            true,
            201,
            STREAM_JSON,
            new CreateResult<>(STREAM, true),
            List.of(
                ApiError.of(404, "Parent stream does not exist."),
                ApiError.of(422, "Too many children."),
                ApiError.of(401, "User does not have permission to add child."),
                ApiError.of(404, "Child stream does not exist."),
                ApiError.of(422, "I'm my own grandpa."),
                ApiError.of(500, "An internal server error occurred."))),
        new Endpoint(
            "createChild (linked)",
            b -> b.createChild(ID, CHILD_ID),
            "PUT",
            stream + "/children/" + CHILD_ID,
            null,
            "",
            true,
            200,
            STREAM_JSON,
            new CreateResult<>(STREAM, false),
            List.of()),
        new Endpoint(
            "deleteChild",
            b -> b.deleteChild(ID, CHILD_ID),
            "DELETE",
            stream + "/children/" + CHILD_ID,
            null,
            "",
            true,
            200,
            STREAM_JSON,
            STREAM,
            List.of(
                ApiError.of(404, "Stream does not exist."),
                ApiError.of(401, "User does not have permission to edit stream."),
                ApiError.of(422, "Cannot remove hierarchical child."))),
        get(
            "getTokenInfo",
            Blotre::getTokenInfo,
            "/v0/oauth2/token_info?token=" + ACCESS_TOKEN,
            "{\"issued\":1429153145591,\"expires_in\":7000,\"client_id\":\""
                + CLIENT_ID
                + "\",\"user\":null}",
            new TokenInfo(Instant.ofEpochMilli(1429153145591L), 7000, CLIENT_ID, null),
            ApiError.of(404, "No such token.")),
        new Endpoint(
            "revoke",
            b -> {
              b.revoke();
              return "revoked";
            },
            "POST",
            "/v0/oauth2/revoke?token=" + ACCESS_TOKEN,
            null,
            "",
            false,
            200,
            "",
            "revoked",
            List.of(ApiError.of(404, "No such token."))),
        new Endpoint(
            "createDisposable",
            b ->
                Blotre.createDisposable(b.newBuilder(), "Plant're", "Blot're you a plant.")
                    .getDisposableClient(),
            "PUT",
            "/v0/oauth2/disposable",
            JSON_TYPE,
            "{\"name\":\"Plant're\",\"blurb\":\"Blot're you a plant.\"}",
            false,
            200,
            "{\"name\":\"Plant're\",\"blurb\":\"Blot're you a plant.\",\"id\":\""
                + CLIENT_ID
                + "\",\"secret\":\""
                + DISPOSABLE_SECRET
                + "\",\"code\":\""
                + ONETIME_CODE
                + "\",\"expires_in\":1200}",
            disposable,
            List.of(
                new ApiError(
                    400,
                    envelope(
                        "Could not process request",
                        "{\"obj.name\":[{\"msg\":[\"Name is not valid.\"],\"args\":[]}]}"),
                    "Could not process request"))),
        new Endpoint(
            "redeemAuthorizationCode",
            b -> b.redeemAuthorizationCode(AUTH_CODE),
            "POST",
            "/v0/oauth2/access_token",
            FORM_TYPE,
            "grant_type=authorization_code&client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET
                + "&code="
                + AUTH_CODE
                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb",
            false,
            200,
            tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN),
            NEW_CREDS,
            List.of()),
        new Endpoint(
            "exchangeRefreshToken",
            Blotre::exchangeRefreshToken,
            "POST",
            "/v0/oauth2/access_token",
            FORM_TYPE,
            "grant_type=refresh_token&client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET
                + "&refresh_token="
                + REFRESH_TOKEN,
            false,
            200,
            tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN),
            NEW_CREDS,
            List.of()),
        new Endpoint(
            "redeemOnetimeCode",
            b -> b.redeemOnetimeCode(ONETIME_CODE),
            "POST",
            "/v0/oauth2/access_token",
            FORM_TYPE,
            "grant_type=https%3A%2F%2Foauth2grant.blot.re%2Fonetime_code&client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET
                + "&code="
                + ONETIME_CODE,
            false,
            200,
            tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN),
            NEW_CREDS,
            List.of()));
  }

  static List<Arguments> documentedErrors() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (ApiError error : endpoint.errors()) {
        cases.add(Arguments.of(endpoint, error));
      }
    }
    return cases;
  }

  static List<Endpoint> grants() {
    return endpoints().stream().filter(e -> e.target().equals("/v0/oauth2/access_token")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void sendsTheExactRequestAndParsesTheReply(Endpoint endpoint) throws Exception {
    server.enqueue(json(endpoint.status(), endpoint.reply()));
    Blotre blotre = config(server).build();

    Object result = endpoint.call().apply(blotre);

    assertThat(result).isEqualTo(endpoint.expected());
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo(endpoint.method());
    assertThat(request.getTarget()).isEqualTo(endpoint.target());
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(endpoint.contentType());
    // GET carries no body at all; body-less PUT/POST/DELETE an empty one, without a type.
    assertThat(request.getBody() == null ? null : request.getBody().utf8())
        .isEqualTo(endpoint.body());
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).matches("blotre-java/\\d+\\.\\d+\\.\\d+.*");
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(endpoint.authorized() ? "Bearer " + ACCESS_TOKEN : null);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("documentedErrors")
  void documentedErrorsBecomeRestExceptions(Endpoint endpoint, ApiError error) {
    server.enqueue(json(error.status(), error.body()));
    Blotre blotre = config(server).build();

    assertThatThrownBy(() -> endpoint.call().apply(blotre))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(error.status());
              assertThat(e.error()).isEqualTo(error.error());
              assertThat(e.body()).isEqualTo(error.body());
              assertThat(e.getCause()).isNull();
            });
    assertThat(server.getRequestCount()).as("no retry, no refresh").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void anHtmlErrorPageKeepsItsRawBody(Endpoint endpoint) {
    server.enqueue(html(500));
    Blotre blotre = config(server).build();

    assertThatThrownBy(() -> endpoint.call().apply(blotre))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.error()).isNull();
              assertThat(e.details()).isNull();
              assertThat(e.body()).isEqualTo(HTML_PAGE);
              assertThat(e.getMessage()).contains("500").contains("non-JSON body");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void refusedGrantsBecomeTokenEndpointExceptions(Endpoint grant) {
    for (String code : List.of("invalid_grant", "invalid_client", "unsupported_grant_type")) {
      server.enqueue(json(400, "{\"error\":\"" + code + "\",\"error_description\":\"\"}"));
      Blotre blotre = config(server).build();

      assertThatThrownBy(() -> grant.call().apply(blotre))
          .isInstanceOfSatisfying(
              TokenEndpointException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.error()).isEqualTo(code);
                assertThat(e.description()).isEmpty();
              });
      assertThat(blotre.getCreds()).as("credentials unchanged").isEqualTo(CREDS);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void aGrantReplacesTheCredentialsAndTellsTheListenerOnce(Endpoint grant) {
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    List<Object> changes = new ArrayList<>();
    Blotre blotre = config(server).credsListener(changes::add).build();

    grant.call().apply(blotre);

    assertThat(blotre.getCreds()).isEqualTo(NEW_CREDS);
    assertThat(changes).containsExactly(NEW_CREDS);
  }

  @Test
  void validationDetailsAreParsed() {
    server.enqueue(
        json(
            400,
            envelope(
                "Could not process request",
                "{\"obj.name\":[{\"msg\":[\"error.path.missing\"],\"args\":[]}]}")));
    Blotre blotre = config(server).build();

    assertThatThrownBy(() -> blotre.setStreamStatus(ID, "red"))
        .isInstanceOfSatisfying(
            RestException.class,
            e ->
                assertThat(e.details())
                    .containsOnlyKeys("obj.name")
                    .extractingByKey("obj.name")
                    .asList()
                    .first()
                    .isEqualTo(Map.of("msg", List.of("error.path.missing"), "args", List.of())));
  }

  @Test
  void disposableClientHoldsTheNewClientAndItsCode() {
    server.enqueue(
        json(
            200,
            "{\"name\":\"Plant're\",\"blurb\":\"\",\"id\":\""
                + CLIENT_ID
                + "\",\"secret\":\""
                + DISPOSABLE_SECRET
                + "\",\"code\":\""
                + ONETIME_CODE
                + "\",\"expires_in\":1200}"));
    server.enqueue(json(200, tokenJson(NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN)));
    Blotre.Builder config =
        Blotre.builder()
            .baseUrl(server.url("/").toString())
            .clock(CLOCK)
            .callTimeout(Duration.ofSeconds(5));

    Blotre app = Blotre.createDisposable(config, "Plant're", "");
    Creds creds = app.redeemOnetimeCode();

    assertThat(app.getClientInfo()).isEqualTo(new ClientInfo(CLIENT_ID, DISPOSABLE_SECRET, ""));
    assertThat(app.getDisposableClient().expiresAt()).isEqualTo(NOW.plusSeconds(1200));
    assertThat(creds).isEqualTo(NEW_CREDS);
    assertThat(app.getRedeemUrl()).isEqualTo(server.url("/v0/oauth2/redeem").toString());
  }
}
