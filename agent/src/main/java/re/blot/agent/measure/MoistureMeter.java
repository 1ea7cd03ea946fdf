package re.blot.agent.measure;

import java.io.IOException;
import java.time.Clock;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.config.SensorConfig;
import re.blot.agent.sensor.Sensor;

/** A sensor with its calibration and color scale: reads raw values, returns {@link Reading}s. */
public final class MoistureMeter {
  private final SensorConfig config;
  private final Sensor sensor;
  private final Calibration calibration;
  private final ColorScale colors;
  private final Clock clock;
  private final ThirstWatch thirst;

  public MoistureMeter(SensorConfig config, Sensor sensor, Clock clock) {
    this.config = config;
    this.sensor = sensor;
    this.calibration = config.calibration();
    this.colors = config.colorScale();
    this.clock = clock;
    this.thirst = new ThirstWatch(config.name(), config.thirst());
  }

  public SensorConfig config() {
    return config;
  }

  /** The sensor itself, for raw readings (calibration needs those). */
  public Sensor sensor() {
    return sensor;
  }

  /**
   * Reads the sensor once and converts the result to percent, color and thirst (logging when the
   * plant becomes thirsty or was watered).
   */
  public Reading read() throws IOException, InterruptedException {
    int raw = sensor.read();
    double percent = calibration.percent(raw);
    return new Reading(
        config.name(),
        config.stream(),
        raw,
        percent,
        colors.color(percent),
        clock.instant(),
        sensor.fault(),
        thirst.update(percent));
  }
}
