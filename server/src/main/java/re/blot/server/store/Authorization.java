package re.blot.server.store;

/** An app that holds a live token for a user, and since when (the token's last issue). */
public record Authorization(ClientRecord client, long since) {}
