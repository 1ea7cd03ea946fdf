package re.blot.agent.sensor;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import re.blot.agent.schedule.Ticker;

/**
 * A potted plant for {@code --mock} and the demo: the soil dries out and gets watered again, and
 * its probe answers on the mock SPI bus with real MCP3008/MCP3208 reply frames, so everything from
 * the decoding on runs as on a Pi.
 *
 * <p>The simulated probe reads like Plant're's: 400 in dry soil and 825 in water on a 10-bit ADC
 * (scaled for 12 bits).
 */
public final class SimulatedPlant implements MockReplies {
  private static final int DRY_RAW = 400;
  private static final int WET_RAW = 825;

  private final DoubleSupplier moisture;

  /** A plant whose moisture, 0 (dry) to 1 (wet), is whatever {@code moisture} says. */
  public SimulatedPlant(DoubleSupplier moisture) {
    this.moisture = moisture;
  }

  /**
   * A plant watered at the start of every {@code cycle}: its moisture falls from 1 like drying soil
   * (fast at first, then slower) to 0.1, and then it is watered again.
   */
  public static SimulatedPlant drying(Ticker ticker, Duration cycle) {
    long start = ticker.read();
    long cycleNanos = cycle.toNanos();
    return new SimulatedPlant(
        () -> {
          double phase = Math.floorMod(ticker.read() - start, cycleNanos) / (double) cycleNanos;
          return Math.pow(0.1, phase);
        });
  }

  /** The raw value the probe gives now, on {@code chip}'s scale. */
  public int raw(AdcChip chip) {
    double m = Math.max(0, Math.min(1, moisture.getAsDouble()));
    double tenBit = DRY_RAW + (WET_RAW - DRY_RAW) * m;
    return (int) Math.round(tenBit * (chip.maxValue() + 1) / 1024.0);
  }

  @Override
  public byte[] reply(AdcChip chip, byte[] command) {
    return chip.replyFrame(raw(chip));
  }
}
