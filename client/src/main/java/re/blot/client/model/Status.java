package re.blot.client.model;

import java.time.Instant;

/**
 * The status of a stream: one color.
 *
 * @param color the color exactly as it was posted, normally {@code #rrggbb}
 * @param created when the status was posted
 * @param poster the id of the user who posted it
 */
public record Status(String color, Instant created, String poster) {}
