package re.blot.client;

/**
 * The result of a create-or-get call: the value, and whether the server created it.
 *
 * @param <T> the type of the value
 * @param value the value the server returned
 * @param created true if the server answered 201 (created), false for 200 (it already existed)
 */
public record CreateResult<T>(T value, boolean created) {}
