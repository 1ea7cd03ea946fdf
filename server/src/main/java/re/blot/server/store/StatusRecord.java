package re.blot.server.store;

/** A stream's status: its color exactly as posted, when, and by which user id. */
public record StatusRecord(String color, long created, String poster) {}
