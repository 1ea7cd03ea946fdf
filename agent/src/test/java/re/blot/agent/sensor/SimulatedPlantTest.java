package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedPlantTest {
  @Test
  void probeReadsLikePlantresBetweenDryAndWet() {
    assertThat(new SimulatedPlant(() -> 0).raw(AdcChip.MCP3008, AdsGain.DEFAULT)).isEqualTo(400);
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.MCP3008, AdsGain.DEFAULT)).isEqualTo(825);
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.MCP3208, AdsGain.DEFAULT)).isEqualTo(3300);
    // 2.659 V of the 4.096 V range is 21270 of 32768; at 2.048 V the probe is beyond full scale.
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.ADS1115, AdsGain.FS_4_096)).isEqualTo(21270);
    assertThat(new SimulatedPlant(() -> 0).raw(AdcChip.ADS1015, AdsGain.FS_4_096)).isEqualTo(645);
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.ADS1115, AdsGain.FS_2_048)).isEqualTo(32767);
  }

  @Test
  void soilDriesOutAndIsWateredEveryCycle() {
    AtomicLong now = new AtomicLong(1_000);
    SimulatedPlant plant = SimulatedPlant.drying(now::get, Duration.ofMinutes(2));

    int watered = plant.raw(AdcChip.MCP3008, AdsGain.DEFAULT);
    now.addAndGet(Duration.ofSeconds(60).toNanos());
    int halfway = plant.raw(AdcChip.MCP3008, AdsGain.DEFAULT);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    int dry = plant.raw(AdcChip.MCP3008, AdsGain.DEFAULT);
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(watered).isEqualTo(825);
    assertThat(halfway).isBetween(dry, watered);
    assertThat(dry).isBetween(400, 450);
    assertThat(plant.raw(AdcChip.MCP3008, AdsGain.DEFAULT)).as("watered again").isEqualTo(825);
  }
}
