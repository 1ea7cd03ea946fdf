package re.blot.server.store;

/** A user: its id, its display name and the id of its root stream (which always exists). */
public record UserRecord(String id, String userName, String rootStream) {}
