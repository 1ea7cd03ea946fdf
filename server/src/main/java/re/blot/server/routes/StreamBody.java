package re.blot.server.routes;

import java.util.List;

/**
 * The body of a stream creation, R2 and WebSocket {@code CreateStream}: {@code name}, {@code uri},
 * optional {@code status.color} and optional {@code tags}. {@code color} and {@code tags} are null
 * when not given.
 */
public record StreamBody(String name, String uri, String color, List<String> tags) {

  /**
   * Reads and validates the body; throws {@link re.blot.server.http.ReplyException} with R2's 400
   * {@code Could not process request} and the details when it is not valid.
   */
  public static StreamBody read(Object body) {
    BodyCheck check = new BodyCheck();
    String name = check.string(body, "obj", "name");
    String uri = check.string(body, "obj", "uri");
    String color =
        BodyCheck.optional(body, "status").map(s -> check.color(s, "obj.status")).orElse(null);
    List<String> tags =
        BodyCheck.optional(body, "tags").map(t -> check.tags(t, "obj.tags")).orElse(null);
    check.orFail(400, "Could not process request");
    return new StreamBody(name, uri, color, tags);
  }
}
