package re.blot.agent.sensor;

import java.io.IOException;

/** An analog-to-digital converter read one single-ended conversion at a time. */
public interface Adc {
  AdcChip chip();

  /**
   * One conversion of {@code channel} (0-based), from 0 to {@link #maxValue()}.
   *
   * @throws InvalidFrameException when the chip's reply breaks the frame format (no chip, or a
   *     broken MISO or SDA wire)
   * @throws IOException when the SPI or I2C transfer itself fails, or the conversion never ends
   */
  int read(int channel) throws IOException;

  /** Full scale. */
  default int maxValue() {
    return chip().maxValue();
  }
}
