package re.blot.agent.color;

import java.util.List;

/**
 * Colors for moisture percents: evenly spaced stops from dry (0 %) to wet (100 %), interpolated in
 * OKLab.
 */
public final class ColorScale {
  /**
   * Dry sand, olive, leaf green, teal, deep blue: from dry (light, warm) to wet (dark, cool). The
   * lightness falls steadily, so that neighbouring 25 % stops differ by at least 0.09 in OKLab for
   * normal vision and under deuteranopia and protanopia (ColorScaleTest computes this); Plant're's
   * brown-to-green spanned 0.17 in all, 0.02 between 25 % stops under deuteranopia.
   */
  public static final List<Rgb> DEFAULT_STOPS =
      List.of(
          Rgb.parse("#e8c872"),
          Rgb.parse("#a3b04a"),
          Rgb.parse("#4f9150"),
          Rgb.parse("#21707a"),
          Rgb.parse("#23497a"));

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

  /** The default sand-to-blue scale. */
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
