package re.blot.agent.sensor;

/**
 * MCP3208, 12 bits (datasheet figure 6-1). Out: start bit, SGL=1 and D2 in the low bits of byte 0
 * ({@code 06} or {@code 07}), D1 D0 in the top bits of byte 1, then {@code 00}. In: the null bit is
 * bit 4 of byte 1, the result is bits 3-0 of byte 1 and all of byte 2.
 */
public final class Mcp3208 extends McpAdc {
  public Mcp3208(SpiTransport transport) {
    super(transport);
  }

  @Override
  public AdcChip chip() {
    return AdcChip.MCP3208;
  }

  @Override
  byte[] command(int channel) {
    return new byte[] {(byte) (0x06 | (channel >> 2)), (byte) ((channel & 0x03) << 6), 0x00};
  }

  @Override
  int nullBitMask() {
    return 0x10;
  }
}
