package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ADS1115/ADS1015 codec against Pi4J's mock I2C with scripted register bytes. MockI2C keeps a
 * queue per register: writes append, reads take from the front. So the replies to the ready polls
 * are queued on the config register before the conversion, and what the codec wrote is left behind
 * them.
 */
class Ads1x15Test {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private final Context pi4j = Pi4jContexts.mock();
  private final I2CConfig config =
      I2C.newConfigBuilder(pi4j).id("ads").bus(1).device(0x48).provider("mock-i2c").build();
  private final MockI2C i2c = (MockI2C) pi4j.create(config);
  private final List<Duration> sleeps = new ArrayList<>();

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  @ParameterizedTest(name = "{0} channel {1}, {2} V, {3} SPS: {4}")
  @CsvSource({
    // OS=1, MUX=1xx (AINx to GND), PGA, MODE=1 (single-shot), DR, COMP_QUE=11 (comparator off)
    "ADS1115, 0, 4.096, 128, c3 83",
    "ADS1115, 1, 4.096, 128, d3 83",
    "ADS1115, 2, 4.096, 128, e3 83",
    "ADS1115, 3, 4.096, 128, f3 83",
    "ADS1115, 0, 6.144, 128, c1 83",
    "ADS1115, 0, 2.048, 128, c5 83",
    "ADS1115, 0, 1.024, 128, c7 83",
    "ADS1115, 0, 0.512, 128, c9 83",
    "ADS1115, 0, 0.256, 128, cb 83",
    "ADS1115, 0, 4.096, 8, c3 03",
    "ADS1115, 0, 4.096, 16, c3 23",
    "ADS1115, 0, 4.096, 32, c3 43",
    "ADS1115, 0, 4.096, 64, c3 63",
    "ADS1115, 0, 4.096, 250, c3 a3",
    "ADS1115, 0, 4.096, 475, c3 c3",
    "ADS1115, 0, 4.096, 860, c3 e3",
    "ADS1015, 0, 4.096, 128, c3 03",
    "ADS1015, 0, 4.096, 250, c3 23",
    "ADS1015, 0, 4.096, 490, c3 43",
    "ADS1015, 0, 4.096, 920, c3 63",
    "ADS1015, 0, 4.096, 1600, c3 83",
    "ADS1015, 0, 4.096, 2400, c3 a3",
    "ADS1015, 0, 4.096, 3300, c3 c3",
    "ADS1015, 3, 0.256, 1600, fb 83",
  })
  void writesTheDatasheetConfigForEachChannelGainAndRate(
      AdcChip chip, int channel, String gain, int rate, String config) throws Exception {
    queue(Ads1x15.CONFIG_REGISTER, config);
    queue(Ads1x15.CONVERSION_REGISTER, "12 30");

    ads(chip, AdsGain.parse(gain), rate).read(channel);

    assertThat(left(Ads1x15.CONFIG_REGISTER)).as("the config written").isEqualTo(config);
  }

  @ParameterizedTest(name = "{0}: {1} is {2}")
  @CsvSource({
    "ADS1115, 00 00, 0",
    "ADS1115, 00 01, 1",
    "ADS1115, 28 49, 10313",
    "ADS1115, 7f ff, 32767",
    // Single-ended inputs a little below GND convert to small negative numbers: read as 0.
    "ADS1115, ff f0, 0",
    "ADS1115, 80 00, 0",
    // The ADS1015's 12 bits are left-aligned in bits 15-4; bits 3-0 read 0 and are ignored.
    "ADS1015, 00 00, 0",
    "ADS1015, 00 10, 1",
    "ADS1015, 28 50, 645",
    "ADS1015, 28 5f, 645",
    "ADS1015, 7f f0, 2047",
    "ADS1015, ff f0, 0",
    "ADS1015, 80 00, 0",
  })
  void decodesTheConversionRegister(AdcChip chip, String conversion, int expected)
      throws Exception {
    queue(Ads1x15.CONFIG_REGISTER, "c3 83");
    queue(Ads1x15.CONVERSION_REGISTER, conversion);

    assertThat(ads(chip, AdsGain.FS_4_096, chip.defaultDataRate()).read(0)).isEqualTo(expected);
  }

  @Test
  void replyFramesOfTheSimulationDecodeToTheirValue() throws Exception {
    for (AdcChip chip : List.of(AdcChip.ADS1115, AdcChip.ADS1015)) {
      for (int value : new int[] {0, 1, 645, chip.maxValue()}) {
        queue(Ads1x15.CONFIG_REGISTER, "c3 83");
        byte[] reply = chip.replyFrame(value);
        i2c.writeRegister(Ads1x15.CONVERSION_REGISTER, reply, 0, reply.length);

        assertThat(ads(chip, AdsGain.FS_4_096, chip.defaultDataRate()).read(0)).isEqualTo(value);
        left(Ads1x15.CONFIG_REGISTER);
      }
    }
  }

  @Test
  void waitsOneConversionPeriodThenPollsTheReadyBit() throws Exception {
    // OS reads 0 while converting, 1 when done.
    queue(Ads1x15.CONFIG_REGISTER, "43 83 43 83 c3 83");
    queue(Ads1x15.CONVERSION_REGISTER, "40 00");

    assertThat(ads(AdcChip.ADS1115, AdsGain.FS_4_096, 128).read(0)).isEqualTo(16384);

    Duration period = Duration.ofNanos(7_812_500);
    assertThat(sleeps)
        .as("1/128 s, then two polls a tenth of it apart")
        .containsExactly(period, period.dividedBy(10), period.dividedBy(10));
  }

  @Test
  void theFastestRateWaitsWellUnderAMillisecond() throws Exception {
    queue(Ads1x15.CONFIG_REGISTER, "c3 c3");
    queue(Ads1x15.CONVERSION_REGISTER, "00 10");

    ads(AdcChip.ADS1015, AdsGain.FS_4_096, 3300).read(0);

    assertThat(sleeps).containsExactly(Duration.ofNanos(303_030));
  }

  @Test
  void aConversionThatNeverFinishesTimesOutAfterTwiceItsPeriod() {
    queue(Ads1x15.CONFIG_REGISTER, "43 83 ".repeat(30).strip());

    assertThatThrownBy(() -> ads(AdcChip.ADS1115, AdsGain.FS_4_096, 128).read(0))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "ADS1115 channel 0 at 0x48 on /dev/i2c-1 did not finish a conversion within 16 ms at"
                + " 128 samples per second: is it an ADS1115? Check its VDD wire");
    Duration waited = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited)
        .as("2/128 s and 1 ms, and at most one poll more")
        .isBetween(Duration.ofNanos(16_625_000), Duration.ofNanos(16_625_000 + 781_250));
  }

  @Test
  void anotherKindOfChipAtTheAddressIsAnInvalidFrame() {
    queue(Ads1x15.CONFIG_REGISTER, "85 83");

    assertThatThrownBy(() -> ads(AdcChip.ADS1115, AdsGain.FS_4_096, 128).read(0))
        .isInstanceOf(InvalidFrameException.class)
        .hasMessage(
            "ADS1115 channel 0 at 0x48 on /dev/i2c-1: the config register reads 0x8583 after"
                + " 0xC383 was written: another kind of chip at this address, or a loose SDA wire");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Remote I/O error        | no device answers at address 0x48 on /dev/i2c-1 (NACK): check the ADS1115's VDD, GND, SCL and SDA wires and its ADDR pin (to GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B); `i2cdetect -y 1` lists the addresses that answer (Remote I/O error)
      No such device or address | no device answers at address 0x48 on /dev/i2c-1 (NACK): check the ADS1115's VDD, GND, SCL and SDA wires and its ADDR pin (to GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B); `i2cdetect -y 1` lists the addresses that answer (No such device or address)
      Device or resource busy | a kernel driver holds address 0x48 on /dev/i2c-1 (a dtoverlay=ads1015 or ads1115 line in /boot/firmware/config.txt?): remove that overlay and reboot, the agent talks to the chip itself (Device or resource busy)
      Connection timed out    | the I2C bus /dev/i2c-1 timed out: SDA or SCL is held low or not pulled up; check those wires (Connection timed out)
      Input/output error      | ADS1115 at 0x48 on /dev/i2c-1: writing register 1 failed (Input/output error)
      """)
  void busErrorsSayWhatToCheck(String kernelError, String message) {
    // What linuxfs-i2c throws when the kernel fails the write, e.g. EREMOTEIO for no ACK.
    MockI2C failing = failingWith(kernelError);

    assertThatThrownBy(
            () ->
                new Ads1x15(
                        AdcChip.ADS1115,
                        new Pi4jRegisters(failing, AdcChip.ADS1115),
                        AdsGain.FS_4_096,
                        128,
                        sleeps::add)
                    .read(0))
        .isInstanceOf(IOException.class)
        .hasMessage(message);
    assertThat(sleeps).as("nothing waited for").isEmpty();
  }

  @Test
  void refusesAChannelOrRateTheChipDoesNotHave() {
    assertThatThrownBy(() -> ads(AdcChip.ADS1115, AdsGain.FS_4_096, 128).read(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ADS1115 has channels 0-3, not 4");
    assertThatThrownBy(() -> ads(AdcChip.ADS1015, AdsGain.FS_4_096, 860))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ADS1015 converts at [128, 250, 490, 920, 1600, 2400, 3300] samples per second, not"
                + " 860");
  }

  /** A mock whose writes fail as linuxfs-i2c's do when the kernel reports {@code error}. */
  private MockI2C failingWith(String error) {
    return new MockI2C(pi4j.<I2CProvider>provider("mock-i2c"), config) {
      @Override
      public int writeRegister(int register, byte[] data, int offset, int length) {
        throw new Pi4JException(
            "Failed to execute action for device 72 on bus 1", new IOException(error));
      }
    };
  }

  private Ads1x15 ads(AdcChip chip, AdsGain gain, int rate) {
    return new Ads1x15(chip, new Pi4jRegisters(i2c, chip), gain, rate, sleeps::add);
  }

  private void queue(int register, String hex) {
    byte[] bytes = HEX.parseHex(hex);
    i2c.writeRegister(register, bytes, 0, bytes.length);
  }

  /** Takes what is left in the register's queue. */
  private String left(int register) {
    byte[] bytes = new byte[64];
    int n = i2c.readRegister(register, bytes, 0, bytes.length);
    return n < 0 ? "" : HEX.formatHex(bytes, 0, n);
  }
}
