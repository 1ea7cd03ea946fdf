package re.blot.agent.sensor;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import re.blot.agent.schedule.Sleeper;

/**
 * ADS1115 (16 bits) and ADS1015 (12 bits) on I2C, single-ended, single-shot (datasheet section
 * 9.6): write the config register with OS=1 to start one conversion, wait one conversion period,
 * poll the config register until OS reads 1 again (conversion done), read the conversion register.
 * Between conversions the chip powers down.
 *
 * <p>The wait is bounded: a chip that has not finished after twice its conversion period (its
 * oscillator is within 10 %) and a millisecond more is reported instead of waited for. The poll
 * also checks that the config reads back as written, which catches another kind of chip answering
 * at the address.
 */
public final class Ads1x15 implements Adc {
  static final int CONVERSION_REGISTER = 0x00;
  static final int CONFIG_REGISTER = 0x01;

  /** Bit 15: write 1 to start a conversion; reads 0 while converting, 1 when done. */
  static final int OS = 0x8000;

  /** Bits 14-12 = 1xx: AINx against GND. */
  private static final int MUX_SINGLE_ENDED = 0b100;

  /** Bit 8: single-shot, power down after the conversion. */
  private static final int MODE_SINGLE_SHOT = 0x0100;

  /** Bits 1-0 = 11: comparator off, ALERT/RDY high impedance. */
  private static final int COMPARATOR_OFF = 0b11;

  private static final Duration MARGIN = Duration.ofMillis(1);

  private final AdcChip chip;
  private final I2cRegisters registers;
  private final AdsGain gain;
  private final int dataRate;
  private final Sleeper sleeper;
  private final Duration period;
  private final Duration pollInterval;
  private final Duration timeout;

  /**
   * @param dataRate one of {@code chip}'s {@link AdcChip#dataRates()}, in samples per second
   * @param sleeper waits for the conversion; tests pass one that does not really sleep
   */
  public Ads1x15(
      AdcChip chip, I2cRegisters registers, AdsGain gain, int dataRate, Sleeper sleeper) {
    if (chip.link() != AdcChip.Link.I2C) {
      throw new IllegalArgumentException(chip + " is not an ADS1x15");
    }
    if (!chip.dataRates().contains(dataRate)) {
      throw new IllegalArgumentException(
          chip + " converts at " + chip.dataRates() + " samples per second, not " + dataRate);
    }
    this.chip = chip;
    this.registers = registers;
    this.gain = gain;
    this.dataRate = dataRate;
    this.sleeper = sleeper;
    this.period = Duration.ofNanos(1_000_000_000L / dataRate);
    this.pollInterval = period.dividedBy(10);
    this.timeout = period.multipliedBy(2).plus(MARGIN);
  }

  @Override
  public AdcChip chip() {
    return chip;
  }

  /** The config register that starts a single-shot conversion of {@code channel}. */
  int config(int channel) {
    checkChannel(channel);
    return OS
        | (MUX_SINGLE_ENDED | channel) << 12
        | gain.pga() << 9
        | MODE_SINGLE_SHOT
        | chip.dataRates().indexOf(dataRate) << 5
        | COMPARATOR_OFF;
  }

  @Override
  public int read(int channel) throws IOException {
    int config = config(channel);
    registers.write(CONFIG_REGISTER, config);
    awaitConversion(channel, config);
    return decode(registers.read(CONVERSION_REGISTER));
  }

  /**
   * The single-ended result in the conversion register {@code word}: two's complement, the
   * ADS1015's 12 bits in bits 15-4. An input a little below GND converts to a small negative
   * number, which reads as 0.
   */
  int decode(int word) {
    int signed = (short) word >> (15 - chip.bits());
    return Math.max(0, signed);
  }

  private void awaitConversion(int channel, int config) throws IOException {
    try {
      Duration waited = period;
      sleeper.sleep(period);
      while (true) {
        int status = registers.read(CONFIG_REGISTER);
        if ((status & ~OS) != (config & ~OS)) {
          throw new InvalidFrameException(
              String.format(
                  Locale.ROOT,
                  "%s channel %d at %s: the config register reads 0x%04X after 0x%04X was written:"
                      + " another kind of chip at this address, or a loose SDA wire",
                  chip,
                  channel,
                  registers.device(),
                  status,
                  config));
        }
        if ((status & OS) != 0) {
          return;
        }
        if (waited.compareTo(timeout) >= 0) {
          throw new IOException(
              chip
                  + " channel "
                  + channel
                  + " at "
                  + registers.device()
                  + " did not finish a conversion within "
                  + timeout.toMillis()
                  + " ms at "
                  + dataRate
                  + " samples per second: is it an "
                  + chip
                  + "? Check its VDD wire");
        }
        sleeper.sleep(pollInterval);
        waited = waited.plus(pollInterval);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + chip + " converted");
    }
  }

  private void checkChannel(int channel) {
    if (channel < 0 || channel >= chip.channels()) {
      throw new IllegalArgumentException(
          chip + " has channels 0-" + (chip.channels() - 1) + ", not " + channel);
    }
  }
}
