package re.blot.agent.sensor;

import java.io.IOException;
import java.util.HexFormat;

/**
 * The framing the MCP3008 and MCP3208 share: three bytes out, three bytes in, with the result in
 * the low bits of the last two reply bytes, right after a null bit that the chip always sends as 0.
 *
 * <p>The null bit is the only reply bit the datasheets fix: the bits before it are high impedance
 * while the command shifts in. A disconnected or floating MISO line usually reads as all ones, so
 * checking the null bit catches it instead of reporting full scale.
 */
abstract class McpAdc implements Adc {
  private final SpiTransport transport;

  McpAdc(SpiTransport transport) {
    this.transport = transport;
  }

  /** The command bytes for a single-ended conversion of {@code channel}. */
  abstract byte[] command(int channel);

  /** The bit of reply byte 1 that carries the null bit. */
  abstract int nullBitMask();

  @Override
  public final int read(int channel) throws IOException {
    if (channel < 0 || channel >= chip().channels()) {
      throw new IllegalArgumentException(
          chip() + " has channels 0-" + (chip().channels() - 1) + ", not " + channel);
    }
    byte[] rx = new byte[3];
    transport.transfer(command(channel), rx);
    if ((rx[1] & nullBitMask()) != 0) {
      throw new InvalidFrameException(
          chip()
              + " channel "
              + channel
              + " replied "
              + HexFormat.ofDelimiter(" ").formatHex(rx)
              + " with the null bit set: no chip answering on MISO, or a loose MISO (DOUT) wire");
    }
    return ((rx[1] & 0xFF) << 8 | (rx[2] & 0xFF)) & chip().maxValue();
  }
}
