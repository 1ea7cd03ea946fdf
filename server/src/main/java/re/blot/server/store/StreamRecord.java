package re.blot.server.store;

import java.util.List;

/**
 * An immutable snapshot of one stream. {@code uri} is the normalised key (lower case, {@code +} for
 * spaces); {@code tags} are lower-cased values in the order they were set.
 */
public record StreamRecord(
    String id,
    String name,
    String uri,
    long created,
    long updated,
    StatusRecord status,
    String owner,
    List<String> tags) {

  public StreamRecord {
    tags = List.copyOf(tags);
  }

  StreamRecord withStatus(StatusRecord newStatus) {
    return new StreamRecord(id, name, uri, created, newStatus.created(), newStatus, owner, tags);
  }

  StreamRecord withTags(List<String> newTags, long now) {
    return new StreamRecord(id, name, uri, created, now, status, owner, newTags);
  }
}
