package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedPlantTest {
  @Test
  void probeReadsLikePlantresBetweenDryAndWet() {
    assertThat(new SimulatedPlant(() -> 0).raw(AdcChip.MCP3008)).isEqualTo(400);
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.MCP3008)).isEqualTo(825);
    assertThat(new SimulatedPlant(() -> 1).raw(AdcChip.MCP3208)).isEqualTo(3300);
  }

  @Test
  void soilDriesOutAndIsWateredEveryCycle() {
    AtomicLong now = new AtomicLong(1_000);
    SimulatedPlant plant = SimulatedPlant.drying(now::get, Duration.ofMinutes(2));

    int watered = plant.raw(AdcChip.MCP3008);
    now.addAndGet(Duration.ofSeconds(60).toNanos());
    int halfway = plant.raw(AdcChip.MCP3008);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    int dry = plant.raw(AdcChip.MCP3008);
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(watered).isEqualTo(825);
    assertThat(halfway).isBetween(dry, watered);
    assertThat(dry).isBetween(400, 450);
    assertThat(plant.raw(AdcChip.MCP3008)).as("watered again").isEqualTo(825);
  }
}
