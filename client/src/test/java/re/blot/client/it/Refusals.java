package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import re.blot.client.RestException;
import re.blot.client.TokenEndpointException;

/** Asserts the typed errors a user of the client catches, with what the server said. */
final class Refusals {
  private Refusals() {}

  /** Asserts that {@code call} fails with a {@link RestException} of this status and error text. */
  static RestException restError(ThrowingCallable call, int status, String error) {
    RestException e = thrown(call, RestException.class);
    assertThat(e.status()).as("status").isEqualTo(status);
    assertThat(e.error()).as("error").isEqualTo(error);
    return e;
  }

  /**
   * Asserts that {@code call} fails with a {@link TokenEndpointException} of this OAuth2 error
   * code.
   */
  static TokenEndpointException tokenError(ThrowingCallable call, String error) {
    TokenEndpointException e = thrown(call, TokenEndpointException.class);
    assertThat(e.status()).as("status").isEqualTo(400);
    assertThat(e.error()).as("error").isEqualTo(error);
    assertThat(e.description()).as("description").isEmpty();
    return e;
  }

  private static <T extends Throwable> T thrown(ThrowingCallable call, Class<T> type) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }
}
