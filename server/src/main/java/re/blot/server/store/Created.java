package re.blot.server.store;

/**
 * The result of a create-or-keep operation: the value, and whether it was new (201) or already
 * there (200).
 */
public record Created<T>(T value, boolean created) {}
