package re.blot.client.model;

import com.squareup.moshi.Json;

/**
 * A tag of a stream. On the wire it is the object {@code {"tag": "value"}}.
 *
 * @param value the tag, lower-cased by the server
 */
public record Tag(@Json(name = "tag") String value) {}
