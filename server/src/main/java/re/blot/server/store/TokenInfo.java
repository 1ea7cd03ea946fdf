package re.blot.server.store;

/**
 * What {@code token_info} reports: issue time, seconds left on the access token, client, user (null
 * when expired).
 */
public record TokenInfo(long issued, long expiresIn, String clientId, UserRecord user) {}
