package re.blot.client.model;

import com.squareup.moshi.Json;
import java.time.Instant;

/**
 * What the server knows about an access token ({@code GET /v0/oauth2/token_info}).
 *
 * @param issued when the token was issued
 * @param expiresIn seconds left on the access token (0 once it has expired)
 * @param clientId the id of the client the token was issued to
 * @param user the token's user, or null when the access token has expired
 */
public record TokenInfo(
    Instant issued,
    @Json(name = "expires_in") long expiresIn,
    @Json(name = "client_id") String clientId,
    User user) {}
