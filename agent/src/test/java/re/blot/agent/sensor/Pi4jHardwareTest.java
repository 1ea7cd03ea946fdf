package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice given when the Pi's SPI, I2C or GPIO cannot be used, and the mock devices. */
class Pi4jHardwareTest {
  @TempDir Path dev;

  @Test
  void aMissingSpiDeviceSaysHowToEnableSpi() {
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.openSpi(0, 1, 1_000_000, AdcChip.MCP3008))
          .isInstanceOf(HardwareException.class)
          .hasMessage(
              dev.resolve("spidev0.1")
                  + " does not exist. SPI is not enabled: enable it"
                  + " with `sudo raspi-config nonint do_spi 0` (or dtparam=spi=on in"
                  + " /boot/firmware/config.txt) and reboot");
    }
  }

  @Test
  void anInaccessibleSpiDeviceSaysToJoinGroupSpi() throws Exception {
    Path device =
        Files.createFile(
            dev.resolve("spidev0.0"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
    assumeThat(Files.isReadable(device)).as("root can read anything").isFalse();
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008))
          .isInstanceOf(HardwareException.class)
          .hasMessageStartingWith("Permission denied on " + device + ": add the user to group spi");
    }
  }

  @Test
  void aMissingI2cBusSaysHowToEnableI2c() {
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.openI2c(1, 0x48, AdcChip.ADS1115))
          .isInstanceOf(HardwareException.class)
          .hasMessage(
              dev.resolve("i2c-1")
                  + " does not exist. I2C is not enabled: enable it"
                  + " with `sudo raspi-config nonint do_i2c 0` (or dtparam=i2c_arm=on in"
                  + " /boot/firmware/config.txt) and reboot");
    }
  }

  @Test
  void anInaccessibleI2cBusSaysToJoinGroupI2c() throws Exception {
    Path device =
        Files.createFile(
            dev.resolve("i2c-1"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
    assumeThat(Files.isReadable(device)).as("root can read anything").isFalse();
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.openI2c(1, 0x48, AdcChip.ADS1015))
          .isInstanceOf(HardwareException.class)
          .hasMessageStartingWith("Permission denied on " + device + ": add the user to group i2c");
    }
  }

  @Test
  void aKernelWithoutGpioCharacterDevicesSaysToDropThePowerPin() {
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.powerPin(17))
          .isInstanceOf(HardwareException.class)
          .hasMessage(
              "No GPIO character device "
                  + dev.resolve("gpiochipN")
                  + " exists, so the"
                  + " power pin cannot be switched. Remove power-pin from the config and power the"
                  + " probe from 3.3 V");
    }
  }

  @Test
  void anInaccessibleGpioChipSaysToJoinGroupGpio() throws Exception {
    // libgpiod opens every chip while looking for the Pi's own, so any closed one stops it.
    Files.createFile(dev.resolve("gpiochip0"), readWrite());
    Path closed =
        Files.createFile(
            dev.resolve("gpiochip1"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
    assumeThat(Files.isReadable(closed)).as("root can read anything").isFalse();
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.powerPin(17))
          .isInstanceOf(HardwareException.class)
          .hasMessageStartingWith(
              "Permission denied on " + closed + ": add the user to group gpio");
    }
  }

  @Test
  void aBoardPi4jDoesNotRecogniseAsAPiIsNamed() throws Exception {
    assumeThat(BoardInfoHelper.runningOnRaspberryPi()).as("this test runs off a Pi").isFalse();
    Files.createFile(dev.resolve("gpiochip0"), readWrite());
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev)) {
      assertThatThrownBy(() -> hardware.powerPin(17))
          .isInstanceOf(HardwareException.class)
          .hasMessageContaining("did not recognise this one. Remove power-pin from the config");
    }
  }

  @Test
  void mockSpiDevicesAreSharedBetweenChannelsOfOneChip() throws Exception {
    try (Pi4jHardware hardware =
        Pi4jHardware.mock((chip, command) -> chip.replyFrame(command[1] >> 4 & 7))) {
      Adc first = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));
      Adc second = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));

      assertThat(first.read(3)).isEqualTo(3);
      assertThat(second.read(6)).isEqualTo(6);
      assertThat(hardware.isMock()).isTrue();
    }
  }

  @Test
  void theMockAdsAnswersTheConfigWrittenWithTheSimulatedProbeAtItsGain() throws Exception {
    SimulatedPlant wet = new SimulatedPlant(() -> 1);
    try (Pi4jHardware hardware = Pi4jHardware.mock(wet)) {
      List<Duration> sleeps = new ArrayList<>();
      I2cRegisters registers = hardware.openI2c(1, 0x49, AdcChip.ADS1115);
      Adc wide = new Ads1x15(AdcChip.ADS1115, registers, AdsGain.FS_4_096, 128, sleeps::add);
      Adc narrow =
          new Ads1x15(
              AdcChip.ADS1115,
              hardware.openI2c(1, 0x49, AdcChip.ADS1115),
              AdsGain.FS_2_048,
              860,
              sleeps::add);

      assertThat(wide.read(0)).as("2.66 V of 4.096 V").isEqualTo(21270);
      assertThat(narrow.read(3)).as("beyond 2.048 V: full scale").isEqualTo(32767);
      assertThat(wide.read(1)).isEqualTo(21270);
      assertThat(registers.device()).isEqualTo("0x49 on /dev/i2c-1");
      assertThat(sleeps).hasSize(3);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> readWrite() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----"));
  }
}
