package re.blot.agent.sensor;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a channel that reads exactly 0 or exactly full scale several readings in a row. Soil
 * never does that; a loose probe, a probe on the wrong channel or a missing ground does. Warns once
 * when it starts and says once when it ends, instead of a line per reading.
 */
final class StuckChannelDetector {
  /** Readings in a row at a rail before it counts as a fault. */
  static final int THRESHOLD = 3;

  private static final Logger log = LoggerFactory.getLogger(StuckChannelDetector.class);

  private final String sensorName;
  private final AdcChip chip;
  private final int channel;
  private int railValue = -1;
  private int count;
  private String fault;

  StuckChannelDetector(String sensorName, AdcChip chip, int channel) {
    this.sensorName = sensorName;
    this.chip = chip;
    this.channel = channel;
  }

  void observe(int value) {
    boolean atRail = value == 0 || value == chip.maxValue();
    count = atRail && value == railValue ? count + 1 : atRail ? 1 : 0;
    railValue = atRail ? value : -1;
    if (count == THRESHOLD) {
      fault =
          sensorName
              + ": "
              + chip
              + " channel "
              + channel
              + " read "
              + value
              + " ("
              + (value == 0 ? "zero" : "full scale")
              + ") "
              + THRESHOLD
              + " times in a row: probable"
              + " wiring fault; check the probe's wires, the channel number and "
              + (value == 0
                  ? "the probe's supply"
                  : chip.link() == AdcChip.Link.I2C
                      ? "the probe's ground, or choose a larger gain (full-scale range)"
                      : "the probe's ground");
      log.warn(fault);
    } else if (count == 0 && fault != null) {
      log.info(
          "{}: channel {} reads {} again; the wiring fault is gone", sensorName, channel, value);
      fault = null;
    }
  }

  /** The current fault, if the channel is stuck. */
  Optional<String> fault() {
    return Optional.ofNullable(fault);
  }
}
