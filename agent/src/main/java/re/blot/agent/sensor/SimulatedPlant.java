package re.blot.agent.sensor;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import re.blot.agent.schedule.Ticker;

/**
 * A potted plant for {@code --mock} and the demo: the soil dries out and gets watered again, and
 * its probe answers on the mock SPI or I2C bus with real MCP3008/MCP3208 reply frames or ADS1x15
 * conversion registers, so everything from the decoding on runs as on a Pi.
 *
 * <p>The simulated probe reads like Plant're's ({@link PlantreProbe}): 400 in dry soil and 825 in
 * water on a 10-bit ADC, the same voltages on the others (on an ADS1x15 at the gain its config
 * register asks for).
 */
public final class SimulatedPlant implements MockReplies {
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

  /** The raw value the probe gives now on {@code chip} (an ADS1x15 set to {@code gain}). */
  public int raw(AdcChip chip, AdsGain gain) {
    double m = Math.max(0, Math.min(1, moisture.getAsDouble()));
    return chip.rawAt(PlantreProbe.DRY + (PlantreProbe.WET - PlantreProbe.DRY) * m, gain);
  }

  /** For an ADS1x15 the gain is in bits 11-9 of the config written, bits 3-1 of its first byte. */
  @Override
  public byte[] reply(AdcChip chip, byte[] command) {
    AdsGain gain =
        chip.link() == AdcChip.Link.I2C ? AdsGain.ofPga(command[0] >> 1 & 0b111) : AdsGain.DEFAULT;
    return chip.replyFrame(raw(chip, gain));
  }
}
