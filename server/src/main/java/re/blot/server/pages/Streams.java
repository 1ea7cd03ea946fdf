package re.blot.server.pages;

import static re.blot.server.http.Route.BodyKind.ANY;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import re.blot.server.http.Call;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Names;
import re.blot.server.store.Store;
import re.blot.server.store.StreamQuery;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.UserRecord;

/**
 * The stream pages, readable without signing in: {@code /} (my streams, or everyone's newest),
 * {@code /s/{uri}} (a stream, its tags, children and a history band of its color) and {@code
 * /t/{tag}}. Each card states its color in text as well; {@code live.js} keeps them current over
 * the server's own {@code /v0/ws}.
 */
final class Streams {
  static final int CARDS = 60;
  private static final DateTimeFormatter SLICE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Store store;
  private final Visitors visitors;
  private final Layout layout;
  private final Clock clock;

  Streams(Store store, Visitors visitors, Layout layout, Clock clock) {
    this.store = store;
    this.visitors = visitors;
    this.layout = layout;
    this.clock = clock;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/", ANY, this::home),
        Route.of("GET", "/s/{uri...}", ANY, this::stream),
        Route.of("GET", "/t/{tag}", ANY, this::tag));
  }

  static String uriOf(Store store, UserRecord user) {
    return store.stream(user.rootStream()).uri();
  }

  private Reply home(Call call) {
    Optional<UserRecord> user = visitors.user(call);
    List<StreamRecord> streams = store.newestStreams(user.orElse(null), CARDS);
    String intro =
        user.map(
                u ->
                    "<h1>Your streams</h1><p>Newest change first. Open one to see how its color"
                        + " changed over the last day, week and month.</p>")
            .orElse(
                "<h1>Streams</h1><p>The newest changes on this server."
                    + " <a href=\"/login\">Sign in</a> to see your own.</p>");
    return layout.page(
        call, 200, user.isPresent() ? "Your streams" : "Streams", intro + cards(streams, null));
  }

  private Reply stream(Call call) {
    Optional<StreamRecord> found = store.streamByUri(call.param(0));
    if (found.isEmpty()) {
      return layout.message(
          call, 404, "No such stream", "No stream lives at " + call.param(0) + ".");
    }
    StreamRecord s = found.get();
    long now = clock.millis();
    StringBuilder html = new StringBuilder();
    html.append("<nav aria-label=\"Path\" class=\"crumbs\">")
        .append(crumbs(s.uri()))
        .append("</nav>\n<section class=\"now\" data-uri=\"")
        .append(Reply.escape(s.uri()))
        .append("\" data-color=\"")
        .append(Reply.escape(s.status().color()))
        .append("\"><div class=\"swatch\" style=\"background-color:")
        .append(Reply.escape(s.status().color()))
        .append("\"></div><div><h1>")
        .append(Reply.escape(s.name()))
        .append("</h1><p>Color now: <span class=\"color-text\">")
        .append(Reply.escape(s.status().color()))
        .append("</span>, ")
        .append(when(s.status().created()))
        .append("</p>")
        .append(tags(s.tags()))
        .append("</div></section>\n<h2>History</h2>\n");
    for (HistoryBand.Period period : HistoryBand.Period.values()) {
      html.append(band(HistoryBand.of(store, s, period, now)));
    }
    List<StreamRecord> children =
        store.children(s.id(), StreamQuery.all()).stream().limit(CARDS).toList();
    html.append("<h2>Children</h2>\n")
        .append(children.isEmpty() ? "<p class=\"muted\">No children.</p>" : "")
        .append(cards(children, s.uri()));
    return layout.page(call, 200, s.name(), html.toString());
  }

  private Reply tag(Call call) {
    Optional<String> tag = Names.tag(call.param(0));
    if (tag.isEmpty()) {
      return layout.message(call, 404, "No such tag", "Not a tag: " + call.param(0));
    }
    List<StreamRecord> tagged;
    try {
      tagged = store.tagged(tag.get(), StreamQuery.all());
    } catch (ApiFailure e) {
      tagged = List.of();
    }
    String html =
        "<h1>Tag <span class=\"tag\">#"
            + Reply.escape(tag.get())
            + "</span></h1>\n"
            + (tagged.isEmpty() ? "<p class=\"muted\">No stream has this tag.</p>" : "")
            + cards(tagged, "#" + tag.get());
    return layout.page(call, 200, "#" + tag.get(), html);
  }

  /**
   * Cards in a grid; {@code collection} (a uri or {@code #tag}) makes the page follow streams
   * joining and leaving it.
   */
  private static String cards(List<StreamRecord> streams, String collection) {
    return "<ul class=\"cards\""
        + (collection == null ? "" : " data-collection=\"" + Reply.escape(collection) + "\"")
        + ">"
        + streams.stream().map(Streams::card).collect(Collectors.joining())
        + "</ul>\n";
  }

  /** One card; live.js builds the same markup for a stream that joins later. */
  private static String card(StreamRecord s) {
    return "<li class=\"card\" data-uri=\""
        + Reply.escape(s.uri())
        + "\" data-color=\""
        + Reply.escape(s.status().color())
        + "\"><a href=\"/s/"
        + Reply.escape(s.uri())
        + "\"><span class=\"swatch\" style=\"background-color:"
        + Reply.escape(s.status().color())
        + "\"></span><span class=\"name\">"
        + Reply.escape(s.name())
        + "</span><span class=\"uri\">"
        + Reply.escape(s.uri())
        + "</span><span class=\"color-text\">"
        + Reply.escape(s.status().color())
        + "</span>"
        + when(s.status().created())
        + "</a></li>";
  }

  private static String when(long millis) {
    return "<time class=\"when\" data-ms=\""
        + millis
        + "\" datetime=\""
        + Instant.ofEpochMilli(millis)
        + "\">"
        + SLICE_TIME.format(Instant.ofEpochMilli(millis))
        + "</time>";
  }

  private static String tags(List<String> tags) {
    return tags.isEmpty()
        ? ""
        : "<p class=\"tags\">Tags: "
            + tags.stream()
                .map(
                    t ->
                        "<a class=\"tag\" href=\"/t/"
                            + Reply.escape(t)
                            + "\">#"
                            + Reply.escape(t)
                            + "</a>")
                .collect(Collectors.joining(" "))
            + "</p>";
  }

  private static String crumbs(String uri) {
    String[] parts = uri.split("/");
    StringBuilder out = new StringBuilder();
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      path.append(i == 0 ? "" : "/").append(parts[i]);
      out.append(i == 0 ? "" : " / ")
          .append("<a href=\"/s/")
          .append(Reply.escape(path.toString()))
          .append("\">")
          .append(Reply.escape(parts[i]))
          .append("</a>");
    }
    return out.toString();
  }

  private static String band(HistoryBand band) {
    String id = "band-" + band.label().toLowerCase(java.util.Locale.ROOT).replaceAll("\\W+", "-");
    StringBuilder slices = new StringBuilder();
    for (int i = 0; i < band.slices().size(); i++) {
      String color = band.slices().get(i);
      String at = SLICE_TIME.format(Instant.ofEpochMilli(band.since() + i * band.sliceMillis()));
      slices
          .append("<span")
          .append(color == null ? " class=\"none\"" : " style=\"background-color:" + color + "\"")
          .append(" title=\"")
          .append(at)
          .append(": ")
          .append(color == null ? "no status yet" : color)
          .append("\"></span>");
    }
    String first = band.first() == null ? "no status" : band.first();
    String last = band.last() == null ? "no status" : band.last();
    return "<figure class=\"history\" id=\""
        + id
        + "\"><figcaption>"
        + Reply.escape(band.label())
        + ": "
        + band.changes()
        + " change(s), from "
        + first
        + " to "
        + last
        + "</figcaption><div class=\"band\" role=\"img\" aria-label=\""
        + Reply.escape(band.label())
        + ", from "
        + first
        + " to "
        + last
        + "\">"
        + slices
        + "</div></figure>\n";
  }
}
