package re.blot.agent.sensor;

import java.io.IOException;

/**
 * One full-duplex SPI exchange with chip select held for its length. The seam between the ADC
 * codecs and Pi4J, and where the simulated plant prepares the mock's reply before each exchange.
 */
@FunctionalInterface
public interface SpiTransport {
  /** Clocks out {@code tx} while filling {@code rx} (same length) with what the chip sends back. */
  void transfer(byte[] tx, byte[] rx) throws IOException;
}
