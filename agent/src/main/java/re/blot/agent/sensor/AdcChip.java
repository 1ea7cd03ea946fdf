package re.blot.agent.sensor;

/** The ADC chips the agent can read, with the limits that config validation needs. */
public enum AdcChip {
  /**
   * 10 bits, 8 channels. The datasheet gives 1.35 MHz at 2.7 V and 3.6 MHz at 5 V; 1.9 MHz is the
   * straight line between them at 3.3 V, rounded down.
   */
  MCP3008(10, 8, 1_900_000),
  /** 12 bits, 8 channels. 1 MHz at 2.7 V, 2 MHz at 5 V: 1.2 MHz at 3.3 V, rounded down. */
  MCP3208(12, 8, 1_200_000);

  /** Slower than this, the sample-and-hold capacitor droops during the conversion. */
  public static final int MIN_CLOCK_HZ = 10_000;

  private final int bits;
  private final int channels;
  private final int maxClockHz;

  AdcChip(int bits, int channels, int maxClockHz) {
    this.bits = bits;
    this.channels = channels;
    this.maxClockHz = maxClockHz;
  }

  public int bits() {
    return bits;
  }

  /** Full scale: 1023 or 4095. */
  public int maxValue() {
    return (1 << bits) - 1;
  }

  public int channels() {
    return channels;
  }

  /** The fastest SPI clock the chip supports at 3.3 V. */
  public int maxClockHz() {
    return maxClockHz;
  }

  /** An ADC of this kind talking over {@code transport}. */
  public Adc open(SpiTransport transport) {
    return switch (this) {
      case MCP3008 -> new Mcp3008(transport);
      case MCP3208 -> new Mcp3208(transport);
    };
  }

  /**
   * The 3 bytes this chip shifts out for a conversion result of {@code value}: what the simulated
   * plant feeds the mock SPI so the real decoding runs.
   */
  public byte[] replyFrame(int value) {
    if (value < 0 || value > maxValue()) {
      throw new IllegalArgumentException(
          name() + " value out of range 0-" + maxValue() + ": " + value);
    }
    return new byte[] {0, (byte) (value >> 8), (byte) value};
  }
}
