package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import re.blot.agent.schedule.Sleeper;

class SensorTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper sleeper = sleeps::add;

  @Test
  void returnsTheMedianAndDiscardsTheFirstConversion() throws Exception {
    // The first conversion (1000) would be the maximum and move the median if it counted.
    ScriptedAdc adc = new ScriptedAdc(1000, 5, 900, 7, 6, 0);
    Sensor sensor =
        new Sensor("Plant", adc, 0, 5, PowerSwitch.ALWAYS_ON, Duration.ofMillis(100), sleeper);

    assertThat(sensor.read()).isEqualTo(6);
    assertThat(adc.remaining()).isEmpty();
    assertThat(sleeps).as("nothing to settle without a power pin").isEmpty();
  }

  @Test
  void powersTheProbeOnlyWhileReadingAfterTheSettleDelay() throws Exception {
    List<String> events = new ArrayList<>();
    AtomicReference<Pi4jHardware> mock = new AtomicReference<>();
    try (Pi4jHardware hardware =
        Pi4jHardware.mock(
            (chip, command) -> {
              events.add("transfer with power " + pin(mock.get()).state());
              return chip.replyFrame(500);
            })) {
      mock.set(hardware);
      PowerSwitch power = hardware.powerPin(17);
      Adc adc = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));
      Sensor sensor =
          new Sensor(
              "Plant",
              adc,
              0,
              3,
              power,
              Duration.ofMillis(250),
              d ->
                  events.add("settle " + d.toMillis() + " ms with power " + pin(hardware).state()));

      assertThat(pin(hardware).state()).isEqualTo(DigitalState.LOW);
      assertThat(sensor.read()).isEqualTo(500);
      assertThat(pin(hardware).state()).isEqualTo(DigitalState.LOW);
      assertThat(events)
          .containsExactly(
              "settle 250 ms with power HIGH",
              "transfer with power HIGH",
              "transfer with power HIGH",
              "transfer with power HIGH",
              "transfer with power HIGH");
    }
  }

  @Test
  void switchesThePowerOffWhenTheTransferFails() {
    boolean[] on = {false};
    PowerSwitch power =
        new PowerSwitch() {
          @Override
          public void on() {
            on[0] = true;
          }

          @Override
          public void off() {
            on[0] = false;
          }
        };
    Adc broken =
        new Mcp3008(
            (tx, rx) -> {
              throw new IOException("ioctl failed");
            });
    Sensor sensor = new Sensor("Plant", broken, 0, 3, power, Duration.ZERO, sleeper);

    assertThatThrownBy(sensor::read).hasMessage("ioctl failed");
    assertThat(on[0]).isFalse();
  }

  @Test
  void ignoresAFewInvalidFramesButFailsWhenMostAreInvalid() throws Exception {
    Sensor fewBad =
        new Sensor(
            "Plant",
            new ScriptedAdc(0, 10, -1, 12, -1, 11),
            0,
            5,
            PowerSwitch.ALWAYS_ON,
            Duration.ZERO,
            sleeper);
    assertThat(fewBad.read()).isEqualTo(11);

    Sensor mostBad =
        new Sensor(
            "Plant",
            new ScriptedAdc(0, -1, -1, 12, -1, 11),
            0,
            5,
            PowerSwitch.ALWAYS_ON,
            Duration.ZERO,
            sleeper);
    assertThatThrownBy(mostBad::read)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Plant: 3 of 5 conversions were invalid, last: ");
  }

  @Test
  void reportsAChannelStuckAtARailAfterSeveralReadingsAndClearsIt() throws Exception {
    ScriptedAdc adc = new ScriptedAdc();
    Sensor sensor = new Sensor("Basil", adc, 4, 1, PowerSwitch.ALWAYS_ON, Duration.ZERO, sleeper);

    for (int i = 0; i < StuckChannelDetector.THRESHOLD - 1; i++) {
      adc.add(1023, 1023);
      sensor.read();
      assertThat(sensor.fault()).isEmpty();
    }
    adc.add(1023, 1023);
    sensor.read();
    assertThat(sensor.fault())
        .hasValueSatisfying(
            fault ->
                assertThat(fault)
                    .contains("Basil", "MCP3008 channel 4", "full scale", "probable wiring fault"));

    adc.add(600, 600);
    sensor.read();
    assertThat(sensor.fault()).isEmpty();
  }

  @Test
  void aChannelThatMovesBetweenRailsIsNotStuck() throws Exception {
    ScriptedAdc adc = new ScriptedAdc(0, 0, 0, 1023, 0, 0);
    Sensor sensor = new Sensor("Plant", adc, 0, 1, PowerSwitch.ALWAYS_ON, Duration.ZERO, sleeper);
    for (int i = 0; i < 3; i++) {
      sensor.read();
    }
    assertThat(sensor.fault()).isEmpty();
  }

  private static DigitalOutput pin(Pi4jHardware hardware) {
    return hardware.context().registry().get("power17", DigitalOutput.class);
  }

  /** An ADC replying with a script of values; -1 stands for an invalid frame. */
  @Test
  void anAdsStuckAtFullScaleSuggestsALargerGain() throws Exception {
    // The wet probe's 2.66 V is beyond the 2.048 V range.
    try (Pi4jHardware hardware = Pi4jHardware.mock(new SimulatedPlant(() -> 1))) {
      Adc adc =
          new Ads1x15(
              AdcChip.ADS1115,
              hardware.openI2c(1, 0x48, AdcChip.ADS1115),
              AdsGain.FS_2_048,
              860,
              sleeper);
      Sensor sensor = new Sensor("Chili", adc, 0, 3, PowerSwitch.ALWAYS_ON, Duration.ZERO, sleeper);

      for (int i = 0; i < StuckChannelDetector.THRESHOLD; i++) {
        assertThat(sensor.read()).isEqualTo(32767);
      }
      assertThat(sensor.fault())
          .hasValueSatisfying(
              fault ->
                  assertThat(fault)
                      .contains("ADS1115 channel 0", "full scale", "choose a larger gain"));
    }
  }

  private static final class ScriptedAdc implements Adc {
    private final Deque<Integer> values = new ArrayDeque<>();

    ScriptedAdc(int... values) {
      add(values);
    }

    void add(int... more) {
      Arrays.stream(more).forEach(values::add);
    }

    List<Integer> remaining() {
      return List.copyOf(values);
    }

    @Override
    public AdcChip chip() {
      return AdcChip.MCP3008;
    }

    @Override
    public int read(int channel) throws IOException {
      int value = values.remove();
      if (value < 0) {
        throw new InvalidFrameException("scripted invalid frame");
      }
      return value;
    }
  }
}
