package re.blot.agent.measure;

import java.time.Clock;
import java.util.List;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.Sampling;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.sensor.Adc;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.Ads1x15;
import re.blot.agent.sensor.PowerSwitch;
import re.blot.agent.sensor.Sensor;
import re.blot.agent.sensor.SensorHardware;

/** Builds the configured sensors on some hardware. */
public final class Meters {
  private Meters() {}

  /**
   * One meter per configured sensor, in config order, with their SPI or I2C devices and power pin
   * opened on {@code hardware}.
   *
   * @throws re.blot.agent.sensor.HardwareException when a device cannot be opened
   */
  public static List<MoistureMeter> open(
      AgentConfig config, SensorHardware hardware, Sleeper sleeper, Clock clock) {
    Sampling sampling = config.sampling();
    PowerSwitch power =
        sampling.powerPin().isPresent()
            ? hardware.powerPin(sampling.powerPin().getAsInt())
            : PowerSwitch.ALWAYS_ON;
    return config.sensors().stream()
        .map(
            sensor -> {
              Sensor probe =
                  new Sensor(
                      sensor.name(),
                      open(sensor, hardware, sleeper),
                      sensor.channel(),
                      sampling.samples(),
                      power,
                      sampling.settle(),
                      sleeper);
              return new MoistureMeter(sensor, probe, clock);
            })
        .toList();
  }

  private static Adc open(SensorConfig sensor, SensorHardware hardware, Sleeper sleeper) {
    AdcChip chip = sensor.chip();
    return switch (chip.link()) {
      case SPI ->
          chip.open(hardware.openSpi(sensor.bus(), sensor.chipSelect(), sensor.clockHz(), chip));
      case I2C ->
          new Ads1x15(
              chip,
              hardware.openI2c(sensor.bus(), sensor.address(), chip),
              sensor.gain(),
              sensor.dataRate(),
              sleeper);
    };
  }
}
