package re.blot.agent.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected colors were computed with a separate (Python) implementation of the OKLab formulas. */
class ColorScaleTest {
  @ParameterizedTest
  @CsvSource({
    "-20, #e8c872",
    "0, #e8c872",
    "12.5, #c6bc5e",
    "25, #a3b04a",
    "50, #4f9150",
    "75, #21707a",
    "100, #23497a",
    "140, #23497a"
  })
  void defaultScaleGoesFromSandToBlue(double percent, String color) {
    assertThat(ColorScale.defaultScale().color(percent).hex()).isEqualTo(color);
  }

  @ParameterizedTest
  @CsvSource({"0, #ff0000", "50, #ffffff", "100, #0000ff", "25, #ffa191", "75, #74a3ff"})
  void threeStopsAreEvenlySpaced(double percent, String color) {
    ColorScale scale =
        new ColorScale(List.of(Rgb.parse("#FF0000"), Rgb.parse("#ffffff"), Rgb.parse("#0000ff")));

    assertThat(scale.color(percent).hex()).isEqualTo(color);
  }

  @Test
  void interpolatesInOkLabNotInRgb() {
    // Halfway from black to white in OKLab has lightness 0.5; an sRGB average (#808080) is lighter.
    Rgb middle = new ColorScale(List.of(Rgb.parse("#000000"), Rgb.parse("#ffffff"))).color(50);

    assertThat(OkLab.fromRgb(middle).l())
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.003));
    assertThat(middle.hex()).isEqualTo("#636363");
  }

  @Test
  void okLabRoundTripsEveryStop() {
    for (String hex : List.of("#654d00", "#008000", "#000000", "#ffffff", "#12abef")) {
      assertThat(OkLab.fromRgb(Rgb.parse(hex)).toRgb().hex()).isEqualTo(hex);
    }
  }

  /**
   * Machado, Oliveira and Fernandes 2009, severity 1.0: the full dichromacies, applied to linear
   * RGB.
   */
  private static final double[][] DEUTERANOPIA = {
    {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}
  };

  private static final double[][] PROTANOPIA = {
    {0.152286, 1.052583, -0.204868},
    {0.114503, 0.786281, 0.099216},
    {-0.003882, -0.048116, 1.051998}
  };

  private static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

  @ParameterizedTest
  @CsvSource({"normal", "deuteranopia", "protanopia"})
  void neighbouringQuarterStopsOfTheDefaultScaleAreTellApart(String vision) {
    double[][] simulation =
        switch (vision) {
          case "deuteranopia" -> DEUTERANOPIA;
          case "protanopia" -> PROTANOPIA;
          default -> NORMAL;
        };
    ColorScale scale = ColorScale.defaultScale();
    OkLab previous = null;
    for (int percent = 0; percent <= 100; percent += 25) {
      OkLab seen = seenAs(scale.color(percent), simulation);
      if (previous != null) {
        assertThat(distance(previous, seen))
            .as("%s: OKLab distance from %d %% to %d %%", vision, percent - 25, percent)
            .isGreaterThanOrEqualTo(0.08);
        assertThat(seen.l())
            .as("%s: lightness falls from %d %% to %d %%", vision, percent - 25, percent)
            .isLessThan(previous.l());
      }
      previous = seen;
    }
  }

  @Test
  void lightnessFallsAtEveryPercentOfTheDefaultScale() {
    ColorScale scale = ColorScale.defaultScale();
    for (int percent = 1; percent <= 100; percent++) {
      assertThat(OkLab.fromRgb(scale.color(percent)).l())
          .as("lightness at %d %%", percent)
          .isLessThan(OkLab.fromRgb(scale.color(percent - 1)).l());
    }
  }

  @Test
  void theOldBrownToGreenScaleFailsTheDeuteranopiaCheck() {
    // Guards the check itself: the scale issue 14 replaced differed by 0.02 between 25 % stops.
    ColorScale old = new ColorScale(List.of(Rgb.parse("#654d00"), Rgb.parse("#008000")));

    assertThat(distance(seenAs(old.color(25), DEUTERANOPIA), seenAs(old.color(50), DEUTERANOPIA)))
        .isLessThan(0.03);
  }

  @Test
  void cssColorNamesAreColors() {
    assertThat(Rgb.parseColor("Teal")).isEqualTo(Rgb.parse("#008080"));
    assertThat(Rgb.parseColor("rebeccapurple")).isEqualTo(Rgb.parse("#663399"));
    assertThat(Rgb.parseColor("#ABCDEF")).isEqualTo(Rgb.parse("#abcdef"));
    assertThatThrownBy(() -> Rgb.parseColor("greenish"))
        .hasMessage("not a #rrggbb color or a CSS color name such as teal: 'greenish'");
  }

  /** The color as a person with {@code simulation}'s vision sees it, in OKLab. */
  private static OkLab seenAs(Rgb color, double[][] simulation) {
    double[] linear = {linear(color.red()), linear(color.green()), linear(color.blue())};
    int[] channels = new int[3];
    for (int row = 0; row < 3; row++) {
      double value = 0;
      for (int column = 0; column < 3; column++) {
        value += simulation[row][column] * linear[column];
      }
      double clipped = Math.max(0, Math.min(1, value));
      double encoded =
          clipped <= 0.0031308 ? 12.92 * clipped : 1.055 * Math.pow(clipped, 1 / 2.4) - 0.055;
      channels[row] = (int) Math.round(encoded * 255);
    }
    return OkLab.fromRgb(new Rgb(channels[0], channels[1], channels[2]));
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static double distance(OkLab x, OkLab y) {
    return Math.sqrt(
        Math.pow(x.l() - y.l(), 2) + Math.pow(x.a() - y.a(), 2) + Math.pow(x.b() - y.b(), 2));
  }

  @Test
  void rejectsBadColorsAndTooFewStops() {
    assertThatThrownBy(() -> Rgb.parse("654d00")).hasMessage("not a #rrggbb color: '654d00'");
    assertThatThrownBy(() -> Rgb.parse("#65d00")).hasMessage("not a #rrggbb color: '#65d00'");
    assertThatThrownBy(() -> new ColorScale(List.of(Rgb.parse("#000000"))))
        .hasMessage("a color scale needs at least 2 stops, got 1");
  }
}
