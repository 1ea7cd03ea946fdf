package re.blot.agent.color;

/**
 * A color in OKLab (Björn Ottosson, 2020), where equal distances look like equal differences, so a
 * scale interpolated here passes through no muddy or over-bright middle.
 */
record OkLab(double l, double a, double b) {

  static OkLab fromRgb(Rgb rgb) {
    double r = toLinear(rgb.red());
    double g = toLinear(rgb.green());
    double bl = toLinear(rgb.blue());
    double lc = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl);
    double mc = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl);
    double sc = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl);
    return new OkLab(
        0.2104542553 * lc + 0.7936177850 * mc - 0.0040720468 * sc,
        1.9779984951 * lc - 2.4285922050 * mc + 0.4505937099 * sc,
        0.0259040371 * lc + 0.7827717662 * mc - 0.8086757660 * sc);
  }

  Rgb toRgb() {
    double lc = cube(l + 0.3963377774 * a + 0.2158037573 * b);
    double mc = cube(l - 0.1055613458 * a - 0.0638541728 * b);
    double sc = cube(l - 0.0894841775 * a - 1.2914855480 * b);
    return new Rgb(
        toByte(4.0767416621 * lc - 3.3077115913 * mc + 0.2309699292 * sc),
        toByte(-1.2684380046 * lc + 2.6097574011 * mc - 0.3413193965 * sc),
        toByte(-0.0041960863 * lc - 0.7034186147 * mc + 1.7076147010 * sc));
  }

  OkLab mix(OkLab other, double t) {
    return new OkLab(l + (other.l - l) * t, a + (other.a - a) * t, b + (other.b - b) * t);
  }

  private static double toLinear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static int toByte(double linear) {
    double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    // Mixes of in-gamut colors can land a hair outside the gamut; clip rather than fail.
    return (int) Math.round(Math.max(0, Math.min(1, c)) * 255);
  }

  private static double cube(double x) {
    return x * x * x;
  }
}
