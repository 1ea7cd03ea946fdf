package re.blot.client.model;

/**
 * A Blot're user.
 *
 * @param id the user's id
 * @param userName the user name, or null if the user has not chosen one yet
 * @param rootStream the id of the user's root stream (the stream whose uri is the user name)
 */
public record User(String id, String userName, String rootStream) {}
