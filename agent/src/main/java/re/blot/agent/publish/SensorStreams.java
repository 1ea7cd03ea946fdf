package re.blot.agent.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.measure.Reading;
import re.blot.client.Blotre;
import re.blot.client.CreateResult;
import re.blot.client.NewStream;
import re.blot.client.RestException;
import re.blot.client.model.Creds;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.client.model.User;

/**
 * The sensors' streams on one Blot're account. The first push to a stream creates it under the
 * parent with the color and the sensor's tags (creating a uri the user already has updates that
 * stream, so an existing stream is found the same way); later pushes only set its status. A stream
 * someone deleted is created again. A sensor with a {@code thirsty-below} has its thirsty tag added
 * and removed to match the reading, so that {@code GET /v0/api/tag/thirsty/children} lists the
 * thirsty plants. Used by one thread at a time.
 */
public final class SensorStreams {
  private static final Logger log = LoggerFactory.getLogger(SensorStreams.class);

  private final Blotre blotre;
  private final Optional<String> configuredParent;
  private final Map<String, List<String>> tags;
  private final Map<String, String> thirstTags;
  private final Map<String, String> ids = new HashMap<>();

  /** Whether each stream carries its thirsty tag, as far as this agent knows; absent: unknown. */
  private final Map<String, Boolean> taggedThirsty = new HashMap<>();

  private String parentUri;

  private SensorStreams(
      Blotre blotre,
      Optional<String> configuredParent,
      Map<String, List<String>> tags,
      Map<String, String> thirstTags) {
    this.blotre = blotre;
    this.configuredParent = configuredParent;
    this.tags = Map.copyOf(tags);
    this.thirstTags = Map.copyOf(thirstTags);
  }

  /** The streams of {@code config}'s sensors under its parent, on {@code blotre}'s account. */
  public static SensorStreams of(Blotre blotre, AgentConfig config) {
    Map<String, List<String>> tags = new HashMap<>();
    Map<String, String> thirstTags = new HashMap<>();
    for (SensorConfig sensor : config.sensors()) {
      tags.put(sensor.stream(), sensor.tags());
      sensor.thirst().ifPresent(rule -> thirstTags.put(sensor.stream(), rule.tag()));
    }
    return new SensorStreams(blotre, config.parentStream(), tags, thirstTags);
  }

  /** The client the streams are written with. */
  Blotre blotre() {
    return blotre;
  }

  /**
   * The uri of the stream called {@code name}: under the configured parent, or under the user's
   * root stream (which this asks the server for, once).
   */
  public String uriOf(String name) {
    return Blotre.joinUri(parentUri(), name);
  }

  /**
   * Shows the reading's color on its stream.
   *
   * @return the stream's uri when this push created the stream; empty when it existed
   */
  Optional<String> push(Reading reading) {
    Optional<String> created = pushColor(reading);
    if (reading.thirst() != Reading.Thirst.UNWATCHED) {
      showThirst(reading);
    }
    return created;
  }

  private Optional<String> pushColor(Reading reading) {
    String color = reading.color().hex();
    String id = ids.get(reading.stream());
    if (id != null) {
      try {
        blotre.setStreamStatus(id, color);
        return Optional.empty();
      } catch (RestException e) {
        if (e.status() != 404) {
          throw e;
        }
        log.warn(
            "Stream '{}' ({}) is gone from Blot're (deleted?); creating it again",
            reading.stream(),
            id);
        ids.remove(reading.stream());
      }
    }
    return create(reading.stream(), color);
  }

  private Optional<String> create(String name, String color) {
    String uri = uriOf(name);
    // Without configured tags, tags the user gave the stream on the web stay.
    List<String> streamTags = tags.getOrDefault(name, List.of());
    CreateResult<Stream> result =
        blotre.createStream(
            NewStream.builder()
                .name(name)
                .uri(uri)
                .status(color)
                .tags(streamTags.isEmpty() ? null : streamTags)
                .build());
    Stream stream = result.value();
    ids.put(name, stream.id());
    // A new stream, or configured tags that replaced the old ones.
    taggedThirsty.remove(name);
    log.info(
        "Sensor stream '{}' is {} on {}{}",
        name,
        stream.uri(),
        blotre.getBaseUrl(),
        result.created() ? " (created now)" : "");
    return result.created() ? Optional.of(stream.uri()) : Optional.empty();
  }

  /** Adds or removes the stream's thirsty tag to match the reading, when it may not yet. */
  private void showThirst(Reading reading) {
    String stream = reading.stream();
    String tag = thirstTags.get(stream);
    boolean thirsty = reading.thirst() == Reading.Thirst.THIRSTY;
    if (tag == null || Boolean.valueOf(thirsty).equals(taggedThirsty.get(stream))) {
      return;
    }
    String id = ids.get(stream);
    List<String> current = blotre.getTags(id).stream().map(Tag::value).toList();
    boolean tagged = current.stream().anyMatch(tag::equalsIgnoreCase);
    if (thirsty && !tagged) {
      blotre.setTag(id, tag.toLowerCase(Locale.ROOT));
    } else if (!thirsty && tagged) {
      // Not DELETE .../tags/TAG: the last Blot're release adds the tag instead (its bug B1).
      blotre.setTags(id, current.stream().filter(t -> !t.equalsIgnoreCase(tag)).toList());
    }
    taggedThirsty.put(stream, thirsty);
    if (thirsty != tagged) {
      log.debug(
          "Stream '{}': tag '{}' {}",
          stream,
          tag,
          thirsty ? "added (thirsty)" : "removed (watered)");
    }
  }

  private String parentUri() {
    if (parentUri == null) {
      parentUri = configuredParent.orElseGet(() -> blotre.getStream(user().rootStream()).uri());
    }
    return parentUri;
  }

  private User user() {
    Creds creds = blotre.getCreds();
    return creds != null && creds.user() != null ? creds.user() : blotre.getTokenInfo().user();
  }
}
