package re.blot.server.routes;

import static re.blot.server.http.Route.BodyKind.ANY;
import static re.blot.server.http.Route.BodyKind.JSON;

import java.util.List;
import java.util.function.Function;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Created;
import re.blot.server.store.Names;
import re.blot.server.store.Store;
import re.blot.server.store.StreamQuery;
import re.blot.server.store.UserRecord;

/** The REST routes R1-R17 of contract §1.5, each a few lines over the {@link Store}. */
public final class RestRoutes {
  private static final String STREAM = "/v0/api/stream/{id}";

  private final Store store;
  private final Auth auth;

  private RestRoutes(Store store) {
    this.store = store;
    this.auth = new Auth(store);
  }

  public static List<Route> routes(Store store) {
    RestRoutes r = new RestRoutes(store);
    return List.of(
        Route.of("GET", "/v0/api/stream", ANY, c -> ok(Views.streams(store.latest(query(c))))),
        Route.of("PUT", "/v0/api/stream", JSON, r::createStream),
        Route.of("GET", STREAM, ANY, c -> ok(Views.stream(store.stream(c.param(0))))),
        Route.of(
            "DELETE",
            STREAM,
            ANY,
            r.authorized((c, u) -> ok(Views.stream(store.deleteStream(u, c.param(0)))))),
        Route.of("GET", STREAM + "/status", ANY, c -> ok(Views.status(store.status(c.param(0))))),
        Route.of("POST", STREAM + "/status", JSON, r::setStatus),
        Route.of("GET", STREAM + "/history", ANY, r::history),
        Route.of(
            "GET", STREAM + "/tags", ANY, c -> ok(Views.tags(store.stream(c.param(0)).tags()))),
        Route.of("POST", STREAM + "/tags", JSON, r::setTags),
        Route.of(
            "GET",
            STREAM + "/tags/{tag}",
            ANY,
            c -> ok(Views.tag(store.tag(c.param(0), c.param(1))))),
        Route.of(
            "PUT",
            STREAM + "/tags/{tag}",
            ANY,
            r.authorized((c, u) -> created(store.addTag(u, c.param(0), c.param(1)), Views::tag))),
        Route.of(
            "DELETE",
            STREAM + "/tags/{tag}",
            ANY,
            r.authorized((c, u) -> ok(Views.tag(store.removeTag(u, c.param(0), c.param(1)))))),
        Route.of(
            "GET",
            STREAM + "/children",
            ANY,
            c -> ok(Views.streams(store.children(c.param(0), query(c))))),
        Route.of(
            "GET",
            STREAM + "/children/{child}",
            ANY,
            c -> ok(Views.stream(store.child(c.param(0), c.param(1))))),
        Route.of(
            "PUT",
            STREAM + "/children/{child}",
            ANY,
            r.authorized(
                (c, u) -> created(store.linkChild(u, c.param(0), c.param(1)), Views::stream))),
        Route.of(
            "DELETE",
            STREAM + "/children/{child}",
            ANY,
            r.authorized((c, u) -> ok(Views.stream(store.unlinkChild(u, c.param(0), c.param(1)))))),
        Route.of("GET", "/v0/api/tag/{tag}/children", ANY, r::tagChildren),
        Route.of(
            "GET",
            "/v0/api/user/{id}",
            ANY,
            c -> store.user(c.param(0)).map(u -> ok(Views.user(u))).orElse(Reply.empty(404))));
  }

  /** A handler that needs the acting user (§1.3). */
  private interface AuthorizedHandler {
    Reply handle(Call call, UserRecord user);
  }

  private Route.Handler authorized(AuthorizedHandler handler) {
    return call -> handler.handle(call, auth.require(call));
  }

  private Reply createStream(Call call) {
    UserRecord user = auth.require(call);
    StreamBody body = StreamBody.read(call.json().orElse(null));
    return created(
        store.createOrUpdateStream(user, body.name(), body.uri(), body.color(), body.tags()),
        Views::stream);
  }

  private Reply setStatus(Call call) {
    UserRecord user = auth.require(call);
    BodyCheck check = new BodyCheck();
    String color = check.color(call.json().orElse(null), "obj");
    check.orFail(400, "Could not process request");
    return ok(Views.status(store.setStatus(user, call.param(0), color)));
  }

  private Reply setTags(Call call) {
    UserRecord user = auth.require(call);
    BodyCheck check = new BodyCheck();
    List<String> tags = check.tags(call.json().orElse(null), "obj");
    check.orFail(422, "Could not process request.");
    return ok(Views.tags(store.setTags(user, call.param(0), tags)));
  }

  private Reply tagChildren(Call call) {
    return Names.tag(call.param(0))
        .map(
            tag ->
                ok(
                    Views.streams(
                        store.tagged(
                            tag,
                            StreamQuery.parseNameSearch(call.query("query"))
                                .orElse(StreamQuery.all())))))
        .orElse(Reply.error(422, "Invalid tag", null));
  }

  private static StreamQuery query(Call call) {
    return StreamQuery.parse(call.query("query")).orElse(StreamQuery.all());
  }

  private static Reply ok(Object value) {
    return Reply.json(200, value);
  }

  private static <T> Reply created(Created<T> result, Function<T, Object> view) {
    return Reply.json(result.created() ? 201 : 200, view.apply(result.value()));
  }

  /** Statuses kept per page of the history extension. */
  static final int HISTORY_PAGE = 1000;

  /**
   * Extension (not in the original service): {@code GET /v0/api/stream/:id/history?since=&until=},
   * the kept statuses with {@code since <= created < until} (epoch ms), oldest first, at most
   * {@link #HISTORY_PAGE}; the next page starts at the last one's {@code created} + 1.
   */
  private Reply history(Call call) {
    long since = millis(call.query("since"), 0, "since");
    long until = millis(call.query("until"), Long.MAX_VALUE, "until");
    return ok(
        store.history(call.param(0), since, until, HISTORY_PAGE).stream()
            .map(Views::status)
            .toList());
  }

  private static long millis(String text, long absent, String name) {
    if (text == null || text.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiFailure(400, "Query parameter " + name + " must be epoch milliseconds.");
    }
  }
}
