package re.blot.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import re.blot.client.internal.StreamUris;

/**
 * What {@link Blotre#createStream(NewStream)} sends: a name and uri, and optionally a status color
 * and tags.
 *
 * <pre>{@code
 * NewStream tree = NewStream.builder()
 *     .name("Mr Tree")
 *     .uri(Blotre.joinUri(root.uri(), "Mr Tree"))
 *     .status("#00ff00")
 *     .build();
 * }</pre>
 */
public final class NewStream {
  private final String name;
  private final String uri;
  private final String status;
  private final List<String> tags;

  private NewStream(Builder builder) {
    this.name = Objects.requireNonNull(builder.name, "name is required");
    this.uri = Objects.requireNonNull(builder.uri, "uri is required");
    this.status = builder.status;
    this.tags = builder.tags;
  }

  /**
   * Starts a new stream description.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the display name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the full uri (parent uri, {@code /}, the name in uri form).
   *
   * @return the uri
   */
  public String uri() {
    return uri;
  }

  /**
   * Returns the status color to set.
   *
   * @return the color, or null to leave the status alone
   */
  public String status() {
    return status;
  }

  /**
   * Returns the tags to set.
   *
   * @return the tags, or null to leave them alone
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * Returns the stream as the API takes it: the body of {@code PUT /v0/api/stream}, and the fields
   * of the WebSocket {@code CreateStream} message.
   *
   * @return a new mutable map of {@code name}, {@code uri} (canonical: lower case, spaces and
   *     {@code %20} as {@code +}; see {@link Blotre#normalizeUri(String)}) and, when given, {@code
   *     status} ({@code {"color": ..}}) and {@code tags} ({@code [{"tag": ..}, ..]}); absent parts
   *     are left out, not null
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    // The server's canonical form: it answers 500 to a create whose uri holds %20 (contract §4.2).
    json.put("uri", StreamUris.normalize(uri));
    if (status != null) {
      json.put("status", Map.of("color", status));
    }
    if (tags != null) {
      List<Map<String, String>> tagObjects = new ArrayList<>();
      for (String tag : tags) {
        tagObjects.add(Map.of("tag", tag));
      }
      json.put("tags", tagObjects);
    }
    return json;
  }

  /**
   * Describes the stream to create.
   *
   * @return a description with every part
   */
  @Override
  public String toString() {
    return "NewStream[name="
        + name
        + ", uri="
        + uri
        + ", status="
        + status
        + ", tags="
        + tags
        + "]";
  }

  /** Builds a {@link NewStream}. Name and uri are required. */
  public static final class Builder {
    private String name;
    private String uri;
    private String status;
    private List<String> tags;

    private Builder() {}

    /**
     * Sets the display name (letters, digits, space, {@code _ - $}; at most 64).
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the full uri; its last segment must match the name (see {@link
     * Blotre#joinUri(String...)}).
     *
     * @param uri the uri
     * @return this builder
     */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /**
     * Sets the status color.
     *
     * @param color the color, {@code #rrggbb}
     * @return this builder
     */
    public Builder status(String color) {
      this.status = color;
      return this;
    }

    /**
     * Sets the tags (at most 6, distinct).
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      this.tags = tags == null ? null : List.copyOf(tags);
      return this;
    }

    /**
     * Builds the description.
     *
     * @return the new stream description
     * @throws NullPointerException if the name or uri is missing
     */
    public NewStream build() {
      return new NewStream(this);
    }
  }
}
