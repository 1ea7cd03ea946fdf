package re.blot.agent.sensor;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.schedule.Sleeper;

/**
 * One probe on one ADC channel. A reading powers the probe, waits for it to settle, takes one
 * conversion to throw away and then {@code samples} more, switches the power off again and returns
 * their median: a few spikes from pumps or relays do not move it.
 */
public final class Sensor {
  private static final Logger log = LoggerFactory.getLogger(Sensor.class);

  private final String name;
  private final Adc adc;
  private final int channel;
  private final int samples;
  private final PowerSwitch power;
  private final Duration settle;
  private final Sleeper sleeper;
  private final StuckChannelDetector stuck;

  /**
   * @param settle the wait after power-on; skipped when {@code power} is {@link
   *     PowerSwitch#ALWAYS_ON}
   */
  public Sensor(
      String name,
      Adc adc,
      int channel,
      int samples,
      PowerSwitch power,
      Duration settle,
      Sleeper sleeper) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1: " + samples);
    }
    this.name = name;
    this.adc = adc;
    this.channel = channel;
    this.samples = samples;
    this.power = power;
    this.settle = settle;
    this.sleeper = sleeper;
    this.stuck = new StuckChannelDetector(name, adc.chip(), channel);
  }

  public String name() {
    return name;
  }

  public AdcChip chip() {
    return adc.chip();
  }

  public int channel() {
    return channel;
  }

  /**
   * The median raw value of one reading.
   *
   * @throws IOException if the SPI or I2C transfer fails, or more than half the conversions come
   *     back as invalid frames
   */
  public int read() throws IOException, InterruptedException {
    int[] values = new int[samples];
    int valid = 0;
    InvalidFrameException lastInvalid = null;
    power.on();
    try {
      if (power != PowerSwitch.ALWAYS_ON) {
        sleeper.sleep(settle);
      }
      readDiscarding();
      for (int i = 0; i < samples; i++) {
        try {
          values[valid] = adc.read(channel);
          valid++;
        } catch (InvalidFrameException e) {
          lastInvalid = e;
        }
      }
    } finally {
      power.off();
    }
    if (valid * 2 <= samples && lastInvalid != null) {
      throw new IOException(
          name
              + ": "
              + (samples - valid)
              + " of "
              + samples
              + " conversions were invalid, last: "
              + lastInvalid.getMessage(),
          lastInvalid);
    }
    if (lastInvalid != null) {
      log.warn(
          "{}: ignored {} of {} conversions with invalid frames, last: {}",
          name,
          samples - valid,
          samples,
          lastInvalid.getMessage());
    }
    int[] sorted = Arrays.copyOf(values, valid);
    Arrays.sort(sorted);
    int median = sorted[valid / 2];
    stuck.observe(median);
    return median;
  }

  /** The conversion right after power-up reads off while the sample capacitor charges. */
  private void readDiscarding() throws IOException {
    try {
      adc.read(channel);
    } catch (InvalidFrameException e) {
      // It is thrown away anyway; the samples that count are checked.
    }
  }

  /** A probable wiring fault, when the channel has been stuck at 0 or full scale. */
  public Optional<String> fault() {
    return stuck.fault();
  }
}
