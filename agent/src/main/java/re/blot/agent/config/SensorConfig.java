package re.blot.agent.config;

import java.util.List;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;
import re.blot.agent.sensor.AdcChip;

/**
 * One probe: where it is wired, how to turn its readings into a color, and the stream it sets.
 *
 * @param name the {@code [sensor.NAME]} of its section
 * @param stream the name of its Blot're stream, by default the sensor's name
 * @param chipSelect 0 for CE0 ({@code /dev/spidevB.0}), 1 for CE1
 * @param colors the color stops from dry to wet
 */
public record SensorConfig(
    String name,
    String stream,
    AdcChip chip,
    int bus,
    int chipSelect,
    int clockHz,
    int channel,
    Calibration calibration,
    List<Rgb> colors,
    List<String> tags) {

  public SensorConfig {
    colors = List.copyOf(colors);
    tags = List.copyOf(tags);
  }

  /** The device node Linux gives this sensor's SPI bus and chip select. */
  public String spiDevice() {
    return "/dev/spidev" + bus + "." + chipSelect;
  }

  public ColorScale colorScale() {
    return new ColorScale(colors);
  }

  /** A copy with a new calibration, as {@code calibrate} writes it. */
  public SensorConfig withCalibration(Calibration newCalibration) {
    return new SensorConfig(
        name, stream, chip, bus, chipSelect, clockHz, channel, newCalibration, colors, tags);
  }
}
