package re.blot.agent.sensor;

/**
 * The probe of Plant're, the project Blot're's agent started from, as a fraction of the 3.3 V it is
 * powered from: 400 in dry soil and 825 in water on a 10-bit MCP3008. The default calibration and
 * the simulated plant both use it, so a fresh config reads the simulation right on every ADC.
 */
public final class PlantreProbe {
  /** Output in dry soil. */
  public static final double DRY = 400 / 1024.0;

  /** Output in water. */
  public static final double WET = 825 / 1024.0;

  private PlantreProbe() {}
}
