package re.blot.agent.sensor;

import java.io.IOException;

/** The ADC replied with bits the datasheet says cannot be there. */
public final class InvalidFrameException extends IOException {
  InvalidFrameException(String message) {
    super(message);
  }
}
