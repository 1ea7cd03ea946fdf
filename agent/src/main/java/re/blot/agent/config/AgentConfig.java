package re.blot.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.AdsGain;

/**
 * Everything the agent is told by its config file (or by the built-in defaults).
 *
 * @param serverUrl the Blot're server; empty until {@code setup} or the file names one (there is no
 *     default: the hosted blot.re is gone)
 * @param parentStream the uri of the stream the sensor streams go under; empty for the user's root
 * @param interval time between readings
 * @param heartbeatEvery push at least every this many intervals even when the color is unchanged; 1
 *     pushes every reading
 */
public record AgentConfig(
    Optional<String> serverUrl,
    Optional<String> parentStream,
    Duration interval,
    int heartbeatEvery,
    Sampling sampling,
    List<SensorConfig> sensors) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(300);
  public static final int DEFAULT_SPI_CLOCK_HZ = 1_000_000;

  public AgentConfig {
    sensors = List.copyOf(sensors);
  }

  /**
   * The configuration used when no file exists at the default path: no server, one sensor {@code
   * Plant} on MCP3008 channel 0, SPI bus 0, CE0, with Plant're's calibration (400 dry, 825 wet).
   */
  public static AgentConfig defaults() {
    SensorConfig plant =
        new SensorConfig(
            "Plant",
            "Plant",
            AdcChip.MCP3008,
            0,
            0,
            DEFAULT_SPI_CLOCK_HZ,
            SensorConfig.DEFAULT_I2C_ADDRESS,
            AdsGain.DEFAULT,
            0,
            0,
            new Calibration(400, 825),
            ColorScale.DEFAULT_STOPS,
            List.of(),
            Optional.empty());
    return new AgentConfig(
        Optional.empty(),
        Optional.empty(),
        DEFAULT_INTERVAL,
        1,
        Sampling.defaults(),
        List.of(plant));
  }

  public AgentConfig withServerUrl(String url) {
    return new AgentConfig(
        Optional.of(url), parentStream, interval, heartbeatEvery, sampling, sensors);
  }

  public AgentConfig withInterval(Duration newInterval) {
    return new AgentConfig(serverUrl, parentStream, newInterval, heartbeatEvery, sampling, sensors);
  }
}
