package re.blot.client.disposable;

import java.util.Objects;

/**
 * The {@code user} object of a stored token response: who authorized the app.
 *
 * @param id the user's id
 * @param userName the user's name
 * @param rootStream the id of the user's root stream (Plant're reads it to find its stream)
 */
public record StoredUser(String id, String userName, String rootStream) {
  /**
   * Checks that every component is present.
   *
   * @param id the user's id
   * @param userName the user's name
   * @param rootStream the id of the user's root stream
   */
  public StoredUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(rootStream, "rootStream");
  }
}
