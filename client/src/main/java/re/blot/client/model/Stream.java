package re.blot.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A stream: a node of a user's tree, with a name, a uri and a status.
 *
 * @param id the stream's id (24 hex digits)
 * @param name the display name, case kept
 * @param uri the full path, lower case, spaces as {@code +} (for example {@code matt/mr+tree})
 * @param created when the stream was created
 * @param updated when the status or tags last changed
 * @param status the current status
 * @param owner the id of the owning user
 * @param tags the stream's tags; empty (never null) when the server sent none
 */
public record Stream(
    String id,
    String name,
    String uri,
    Instant created,
    Instant updated,
    Status status,
    String owner,
    List<Tag> tags) {

  /**
   * Creates a stream, copying the tags into an immutable list.
   *
   * @param id the stream's id
   * @param name the display name
   * @param uri the full path
   * @param created when the stream was created
   * @param updated when it last changed
   * @param status the current status
   * @param owner the id of the owning user
   * @param tags the tags, or null for none (servers before 2015-08 did not send them)
   */
  public Stream {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
