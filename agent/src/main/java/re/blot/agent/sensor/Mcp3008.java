package re.blot.agent.sensor;

/**
 * MCP3008, 10 bits (datasheet figure 6-1). Out: {@code 01}, then SGL=1 and the channel in the high
 * nibble ({@code 80} for channel 0 to {@code F0} for channel 7), then {@code 00}. In: the null bit
 * is bit 2 of byte 1, the result is bits 1-0 of byte 1 and all of byte 2.
 */
public final class Mcp3008 extends McpAdc {
  public Mcp3008(SpiTransport transport) {
    super(transport);
  }

  @Override
  public AdcChip chip() {
    return AdcChip.MCP3008;
  }

  @Override
  byte[] command(int channel) {
    return new byte[] {0x01, (byte) ((0x08 | channel) << 4), 0x00};
  }

  @Override
  int nullBitMask() {
    return 0x04;
  }
}
