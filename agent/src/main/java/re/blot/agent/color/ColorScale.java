package re.blot.agent.color;

import java.util.List;

/**
 * Colors for moisture percents: evenly spaced stops from dry (0 %) to wet (100 %), interpolated in
 * OKLab.
 */
public final class ColorScale {
  /** Plant're's colors: brown soil when dry, green when wet. */
  public static final List<Rgb> DEFAULT_STOPS = List.of(Rgb.parse("#654d00"), Rgb.parse("#008000"));

  private final List<Rgb> stops;
  private final List<OkLab> labStops;

  /** A scale through {@code stops}, the first for dry, the last for wet; at least two. */
  public ColorScale(List<Rgb> stops) {
    if (stops.size() < 2) {
      throw new IllegalArgumentException(
          "a color scale needs at least 2 stops, got " + stops.size());
    }
    this.stops = List.copyOf(stops);
    this.labStops = this.stops.stream().map(OkLab::fromRgb).toList();
  }

  /** The default brown-to-green scale. */
  public static ColorScale defaultScale() {
    return new ColorScale(DEFAULT_STOPS);
  }

  public List<Rgb> stops() {
    return stops;
  }

  /** The color for {@code percent}, clamped to 0-100. */
  public Rgb color(double percent) {
    double position = Math.max(0, Math.min(100, percent)) / 100 * (stops.size() - 1);
    int lower = Math.min((int) Math.floor(position), stops.size() - 2);
    double t = position - lower;
    if (t == 0) {
      return stops.get(lower);
    }
    if (t == 1) {
      return stops.get(lower + 1);
    }
    return labStops.get(lower).mix(labStops.get(lower + 1), t).toRgb();
  }
}
