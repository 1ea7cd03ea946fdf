package re.blot.agent.sensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ADS1115/ADS1015 programmable gain, named by its full-scale range in volts (datasheet table
 * "PGA full-scale range"). An input above the range reads full scale; no input may exceed VDD + 0.3
 * V whatever the range, so 6.144 V measures at most the supply.
 */
public enum AdsGain {
  FS_6_144(6.144, 0b000),
  FS_4_096(4.096, 0b001),
  FS_2_048(2.048, 0b010),
  FS_1_024(1.024, 0b011),
  FS_0_512(0.512, 0b100),
  FS_0_256(0.256, 0b101);

  /** The range for a probe powered from 3.3 V: its whole output fits, with the finest steps. */
  public static final AdsGain DEFAULT = FS_4_096;

  private final double volts;
  private final int pga;

  AdsGain(double volts, int pga) {
    this.volts = volts;
    this.pga = pga;
  }

  /** The full-scale range: the input voltage that reads full scale. */
  public double volts() {
    return volts;
  }

  /** The PGA code, config register bits 11-9. */
  int pga() {
    return pga;
  }

  /**
   * The gain with the config register's PGA code {@code pga} (bits 11-9 shifted down); codes 101,
   * 110 and 111 all mean 0.256 V.
   */
  static AdsGain ofPga(int pga) {
    return pga >= FS_0_256.pga ? FS_0_256 : values()[pga];
  }

  /** As written in the config file and in messages: {@code 4.096}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.3f", volts);
  }

  /**
   * The gain whose full-scale volts are {@code text}, e.g. {@code 4.096}.
   *
   * @throws IllegalArgumentException listing the ranges there are
   */
  public static AdsGain parse(String text) {
    return Arrays.stream(values())
        .filter(gain -> gain.toString().equals(text.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be a full-scale range in volts: one of "
                        + Arrays.stream(values())
                            .map(AdsGain::toString)
                            .collect(Collectors.joining(", "))));
  }
}
