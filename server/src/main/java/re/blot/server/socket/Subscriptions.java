package re.blot.server.socket;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One kind of subscription of one socket (§6.5): stream uris (at most 256) or collections (at most
 * 8, each a normalised stream uri or {@code #tag}). Thread-safe: requests change it while events
 * read it.
 */
final class Subscriptions {
  static final int MAX_STREAMS = 256;
  static final int MAX_COLLECTIONS = 8;

  /** How adding a subscription went. */
  enum Added {
    NEW,
    ALREADY,
    LIMIT
  }

  private final int limit;
  private final Set<String> keys = new LinkedHashSet<>();

  Subscriptions(int limit) {
    this.limit = limit;
  }

  synchronized Added add(String key) {
    if (keys.contains(key)) {
      return Added.ALREADY;
    }
    if (keys.size() >= limit) {
      return Added.LIMIT;
    }
    keys.add(key);
    return Added.NEW;
  }

  synchronized void remove(String key) {
    keys.remove(key);
  }

  synchronized boolean has(String key) {
    return keys.contains(key);
  }

  synchronized List<String> all() {
    return List.copyOf(keys);
  }
}
