package re.blot.agent.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrationTest {
  @ParameterizedTest(name = "dry {0}, wet {1}: raw {2} is {3}%")
  @CsvSource({
    // Resistive probe (Plant're): wetter reads higher.
    "400, 825, 400, 0",
    "400, 825, 825, 100",
    "400, 825, 612.5, 50",
    "400, 825, 100, 0",
    "400, 825, 1023, 100",
    // Capacitive probe: wetter reads lower.
    "850, 350, 850, 0",
    "850, 350, 350, 100",
    "850, 350, 600, 50",
    "850, 350, 1000, 0",
    "850, 350, 0, 100"
  })
  void mapsRawToClampedPercentInBothOrientations(int dry, int wet, double raw, double percent) {
    assertThat(new Calibration(dry, wet).percent((int) Math.floor(raw)))
        .isCloseTo(percent, Offset.offset(0.15));
  }

  @Test
  void rejectsEqualPoints() {
    assertThatThrownBy(() -> new Calibration(500, 500))
        .hasMessage("dry and wet must differ, both are 500");
  }
}
