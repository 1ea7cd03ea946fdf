package re.blot.agent.sensor;

import java.util.List;

/** The ADC chips the agent can read, with the limits that config validation needs. */
public enum AdcChip {
  /**
   * 10 bits, 8 channels. The datasheet gives 1.35 MHz at 2.7 V and 3.6 MHz at 5 V; 1.9 MHz is the
   * straight line between them at 3.3 V, rounded down.
   */
  MCP3008(Link.SPI, 10, 8, 1_900_000, List.of()),
  /** 12 bits, 8 channels. 1 MHz at 2.7 V, 2 MHz at 5 V: 1.2 MHz at 3.3 V, rounded down. */
  MCP3208(Link.SPI, 12, 8, 1_200_000, List.of()),
  /**
   * 16 bits signed, 4 channels, on I2C. Single-ended inputs use the positive half: 15 bits. The
   * data rates in samples per second are the config register's DR codes 000 to 111.
   */
  ADS1115(Link.I2C, 15, 4, 0, List.of(8, 16, 32, 64, 128, 250, 475, 860)),
  /** 12 bits signed (11 single-ended), 4 channels, on I2C; DR code 111 is 3300 SPS as is 110. */
  ADS1015(Link.I2C, 11, 4, 0, List.of(128, 250, 490, 920, 1600, 2400, 3300));

  /** How the chip talks to the Pi. */
  public enum Link {
    SPI,
    I2C
  }

  /** Slower than this, the sample-and-hold capacitor droops during the conversion. */
  public static final int MIN_CLOCK_HZ = 10_000;

  /** What the probes are powered from, and the MCPs' reference voltage. */
  static final double SUPPLY_VOLTS = 3.3;

  private final Link link;
  private final int bits;
  private final int channels;
  private final int maxClockHz;
  private final List<Integer> dataRates;

  AdcChip(Link link, int bits, int channels, int maxClockHz, List<Integer> dataRates) {
    this.link = link;
    this.bits = bits;
    this.channels = channels;
    this.maxClockHz = maxClockHz;
    this.dataRates = dataRates;
  }

  public Link link() {
    return link;
  }

  /** Bits of a single-ended result. */
  public int bits() {
    return bits;
  }

  /** Full scale of a single-ended result: 1023, 4095, 32767 or 2047. */
  public int maxValue() {
    return (1 << bits) - 1;
  }

  public int channels() {
    return channels;
  }

  /** The fastest SPI clock the chip supports at 3.3 V; 0 for I2C chips. */
  public int maxClockHz() {
    return maxClockHz;
  }

  /** The data rates an I2C chip converts at, in samples per second; empty for SPI chips. */
  public List<Integer> dataRates() {
    return dataRates;
  }

  /**
   * The data rate an I2C chip starts with (datasheet default, DR code 100): 128 SPS for the
   * ADS1115, 1600 SPS for the ADS1015.
   */
  public int defaultDataRate() {
    return link == Link.I2C ? dataRates.get(4) : 0;
  }

  /** An SPI ADC of this kind talking over {@code transport}. */
  public Adc open(SpiTransport transport) {
    return switch (this) {
      case MCP3008 -> new Mcp3008(transport);
      case MCP3208 -> new Mcp3208(transport);
      case ADS1115, ADS1015 -> throw new IllegalStateException(this + " is an I2C chip");
    };
  }

  /**
   * The raw value for an input at {@code fraction} of the 3.3 V supply (a probe powered from it):
   * against the 3.3 V reference for the MCPs, against {@code gain}'s full scale for the ADS1x15,
   * clipped at full scale as the chips do.
   */
  public int rawAt(double fraction, AdsGain gain) {
    double fullScale = link == Link.SPI ? 1 : gain.volts() / SUPPLY_VOLTS;
    long raw = Math.round(fraction / fullScale * (maxValue() + 1));
    return (int) Math.max(0, Math.min(maxValue(), raw));
  }

  /**
   * The bytes this chip sends for a conversion result of {@code value}: what the simulated plant
   * feeds the mock SPI or I2C so the real decoding runs. For the MCPs, the 3 bytes shifted out
   * during a conversion; for the ADS1x15, the conversion register, big-endian (the ADS1015's 12
   * bits left-aligned).
   */
  public byte[] replyFrame(int value) {
    if (value < 0 || value > maxValue()) {
      throw new IllegalArgumentException(
          name() + " value out of range 0-" + maxValue() + ": " + value);
    }
    if (link == Link.I2C) {
      int word = value << (15 - bits);
      return new byte[] {(byte) (word >> 8), (byte) word};
    }
    return new byte[] {0, (byte) (value >> 8), (byte) value};
  }
}
