package re.blot.agent.config;

import java.util.List;
import java.util.Optional;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.AdsGain;
import re.blot.agent.sensor.I2cRegisters;

/**
 * One probe: where it is wired, how to turn its readings into a color, and the stream it sets.
 *
 * @param name the {@code [sensor.NAME]} of its section
 * @param stream the name of its Blot're stream, by default the sensor's name
 * @param bus the SPI bus ({@code /dev/spidevB.C}) or the I2C bus ({@code /dev/i2c-B})
 * @param chipSelect SPI only: 0 for CE0 ({@code /dev/spidevB.0}), 1 for CE1
 * @param clockHz SPI only: the clock
 * @param address I2C only: the ADS1x15's address, 0x48 to 0x4B
 * @param gain I2C only: the ADS1x15's full-scale range
 * @param dataRate I2C only: the ADS1x15's samples per second
 * @param colors the color stops from dry to wet
 * @param thirst when the plant counts as thirsty; empty to never say so
 */
public record SensorConfig(
    String name,
    String stream,
    AdcChip chip,
    int bus,
    int chipSelect,
    int clockHz,
    int address,
    AdsGain gain,
    int dataRate,
    int channel,
    Calibration calibration,
    List<Rgb> colors,
    List<String> tags,
    Optional<ThirstRule> thirst) {

  /** The I2C address of an ADS1x15 with its ADDR pin on GND. */
  public static final int DEFAULT_I2C_ADDRESS = 0x48;

  /** The Pi's I2C bus on header pins 3 and 5. */
  public static final int DEFAULT_I2C_BUS = 1;

  public SensorConfig {
    colors = List.copyOf(colors);
    tags = List.copyOf(tags);
  }

  /**
   * The device the ADC answers on, for messages and for telling which sensors share a chip: {@code
   * /dev/spidev0.0} or {@code /dev/i2c-1 address 0x48}.
   */
  public String device() {
    return chip.link() == AdcChip.Link.SPI
        ? "/dev/spidev" + bus + "." + chipSelect
        : "/dev/i2c-" + bus + " address " + I2cRegisters.hexAddress(address);
  }

  public ColorScale colorScale() {
    return new ColorScale(colors);
  }

  /** A copy with a new calibration, as {@code calibrate} writes it. */
  public SensorConfig withCalibration(Calibration newCalibration) {
    return copy(newCalibration, thirst);
  }

  /** A copy that tags its stream while the plant is thirsty by {@code rule}. */
  public SensorConfig withThirst(ThirstRule rule) {
    return copy(calibration, Optional.of(rule));
  }

  private SensorConfig copy(Calibration newCalibration, Optional<ThirstRule> newThirst) {
    return new SensorConfig(
        name,
        stream,
        chip,
        bus,
        chipSelect,
        clockHz,
        address,
        gain,
        dataRate,
        channel,
        newCalibration,
        colors,
        tags,
        newThirst);
  }
}
