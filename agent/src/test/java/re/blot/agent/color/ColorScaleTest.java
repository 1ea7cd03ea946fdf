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
    "-20, #654d00",
    "0, #654d00",
    "25, #5b5b00",
    "50, #4d6700",
    "75, #387400",
    "100, #008000",
    "140, #008000"
  })
  void defaultScaleGoesFromBrownToGreen(double percent, String color) {
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

  @Test
  void rejectsBadColorsAndTooFewStops() {
    assertThatThrownBy(() -> Rgb.parse("654d00")).hasMessage("not a #rrggbb color: '654d00'");
    assertThatThrownBy(() -> Rgb.parse("#65d00")).hasMessage("not a #rrggbb color: '#65d00'");
    assertThatThrownBy(() -> new ColorScale(List.of(Rgb.parse("#000000"))))
        .hasMessage("a color scale needs at least 2 stops, got 1");
  }
}
