package re.blot.agent.color;

/**
 * Maps a raw ADC value to a moisture percent between two calibration points.
 *
 * <p>The dry and wet values may come in either order: resistive probes read higher when wet,
 * capacitive probes read lower. Values beyond either point clamp to 0 or 100.
 */
public record Calibration(int dry, int wet) {

  public Calibration {
    if (dry == wet) {
      throw new IllegalArgumentException("dry and wet must differ, both are " + dry);
    }
  }

  /** Moisture in percent, 0 (as dry as the dry point) to 100 (as wet as the wet point). */
  public double percent(int raw) {
    double fraction = (raw - dry) / (double) (wet - dry);
    return Math.max(0, Math.min(100, fraction * 100));
  }
}
