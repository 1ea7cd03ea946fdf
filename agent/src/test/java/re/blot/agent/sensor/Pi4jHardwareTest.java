package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice given when the Pi's SPI or GPIO cannot be used. */
class Pi4jHardwareTest {
  @TempDir
  Path dev;

  @TempDir
  Path sysGpio;

  @Test
  void aMissingSpiDeviceSaysHowToEnableSpi() {
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev, sysGpio)) {
      assertThatThrownBy(() -> hardware.openSpi(0, 1, 1_000_000, AdcChip.MCP3008))
          .isInstanceOf(HardwareException.class)
          .hasMessage(dev.resolve("spidev0.1") + " does not exist. SPI is not enabled: enable it"
              + " with `sudo raspi-config nonint do_spi 0` (or dtparam=spi=on in"
              + " /boot/firmware/config.txt) and reboot");
    }
  }

  @Test
  void anInaccessibleSpiDeviceSaysToJoinGroupSpi() throws Exception {
    Path device = Files.createFile(dev.resolve("spidev0.0"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
    assumeThat(Files.isReadable(device)).as("root can read anything").isFalse();
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev, sysGpio)) {
      assertThatThrownBy(() -> hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008))
          .isInstanceOf(HardwareException.class)
          .hasMessageStartingWith("Permission denied on " + device + ": add the user to group spi");
    }
  }

  @Test
  void aKernelWithoutSysfsGpioSaysToDropThePowerPin() {
    try (Pi4jHardware hardware = Pi4jHardware.linux(dev, sysGpio)) {
      assertThatThrownBy(() -> hardware.powerPin(17))
          .isInstanceOf(HardwareException.class)
          .hasMessageContaining("remove power-pin from the config");
    }
  }

  @Test
  void powerPinIsNumberedFromThePisGpiochipBaseInSysfs() throws Exception {
    // Linux 6.6 on a Pi 4: BCM 17 is sysfs GPIO 512 + 17.
    Path other = Files.createDirectories(sysGpio.resolve("gpiochip504"));
    Files.writeString(other.resolve("label"), "raspberrypi-exp-gpio\n");
    Files.writeString(other.resolve("base"), "504\n");
    Path chip = Files.createDirectories(sysGpio.resolve("gpiochip512"));
    Files.writeString(chip.resolve("label"), "pinctrl-bcm2711\n");
    Files.writeString(chip.resolve("base"), "512\n");
    Files.writeString(sysGpio.resolve("export"), "");
    Path pin = Files.createDirectories(sysGpio.resolve("gpio529"));
    Files.writeString(pin.resolve("direction"), "in");
    Files.writeString(pin.resolve("value"), "0");

    try (Pi4jHardware hardware = Pi4jHardware.linux(dev, sysGpio)) {
      PowerSwitch power = hardware.powerPin(17);
      assertThat(Files.readString(pin.resolve("direction")).strip()).isEqualTo("out");

      power.on();
      assertThat(Files.readString(pin.resolve("value")).strip()).isEqualTo("1");
      power.off();
      assertThat(Files.readString(pin.resolve("value")).strip()).isEqualTo("0");
    }
  }

  @Test
  void mockSpiDevicesAreSharedBetweenChannelsOfOneChip() throws Exception {
    try (Pi4jHardware hardware = Pi4jHardware.mock((chip, command) -> chip.replyFrame(command[1] >> 4 & 7))) {
      Adc first = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));
      Adc second = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));

      assertThat(first.read(3)).isEqualTo(3);
      assertThat(second.read(6)).isEqualTo(6);
      assertThat(hardware.isMock()).isTrue();
    }
  }
}
