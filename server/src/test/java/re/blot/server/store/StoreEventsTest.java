package re.blot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import re.blot.server.storage.MemoryStorage;

/**
 * The events the Store publishes for each kind of change, in order (what the WebSocket layer
 * relays).
 */
class StoreEventsTest {
  private final Store store = new Store(Clock.systemUTC(), Lifetimes.DEFAULTS, new MemoryStorage());
  private final List<StoreEvent> events = new ArrayList<>();
  private UserRecord matt;

  @BeforeEach
  void listen() {
    matt = store.createUser("matt");
    store.addListener(events::add);
  }

  @Test
  void createWithStatusAndTagsPublishesChildStatusAndTags() {
    StreamRecord tree =
        store.createOrUpdateStream(matt, "Tree", "matt/tree", "#00ff00", List.of("plant")).value();
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ChildAdded", "StatusUpdated", "TagAdded");
    StoreEvent.ChildAdded added = (StoreEvent.ChildAdded) events.get(0);
    assertThat(added.parent().uri()).isEqualTo("matt");
    assertThat(added.hierarchical()).isTrue();
    assertThat(((StoreEvent.StatusUpdated) events.get(1)).stream().status().color())
        .isEqualTo("#00ff00");
    assertThat(events.get(2)).isEqualTo(new StoreEvent.TagAdded("plant", tree));
  }

  @Test
  void deletePublishesChildRemovedThenStreamDeletedForTheWholeTree() {
    String tree = store.createOrUpdateStream(matt, "Tree", "matt/tree", null, null).value().id();
    store.createOrUpdateStream(matt, "Leaf", "matt/tree/leaf", null, null);
    events.clear();
    store.deleteStream(matt, tree);
    assertThat(events)
        .extracting(StoreEventsTest::describe)
        .containsExactly(
            "ChildRemoved matt/tree -> matt/tree/leaf",
            "StreamDeleted matt/tree/leaf",
            "ChildRemoved matt -> matt/tree",
            "StreamDeleted matt/tree");
  }

  @Test
  void refusedChangesPublishNothingAndAFailingListenerDoesNotStopOthers() {
    store.addListener(
        e -> {
          throw new IllegalStateException("listener bug");
        });
    List<StoreEvent> after = new ArrayList<>();
    store.addListener(after::add);
    UserRecord other = store.createUser("other");
    assertThatThrownBy(() -> store.setStatus(other, matt.rootStream(), "#000000"))
        .isInstanceOf(ApiFailure.class)
        .hasMessage("User does not have permission to edit stream.");
    assertThat(events).isEmpty();
    store.setStatus(matt, matt.rootStream(), "#000000");
    assertThat(after).hasSize(1);
  }

  @Test
  void removedListenersHearNothingMore() {
    StoreListener listener = events::add;
    store.addListener(listener);
    store.removeListener(listener);
    store.setStatus(matt, matt.rootStream(), "#010203");
    assertThat(events).hasSize(1);
    assertThat(store.streamByUri(" Matt/ ").orElseThrow().status().color()).isEqualTo("#010203");
  }

  private static String describe(StoreEvent event) {
    if (event instanceof StoreEvent.ChildRemoved r) {
      return "ChildRemoved " + r.parent().uri() + " -> " + r.child().uri();
    }
    return event.getClass().getSimpleName()
        + " "
        + ((StoreEvent.StreamDeleted) event).stream().uri();
  }
}
