package re.blot.agent.sensor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;

/**
 * Pi4J contexts built with named providers only. Auto-detection is never used: on a Pi whose board
 * it fails to recognise it silently picks the mock plugin, and the daemon would report made-up
 * moisture for a year.
 */
public final class Pi4jContexts {
  /** Provider ids, for {@code provider(..)} in IO configs. */
  static final String LINUX_SPI = "linuxfs-spi";

  static final String LINUX_I2C = "linuxfs-i2c";

  static final String GPIOD_OUT = "gpiod-digital-output";
  static final String MOCK_SPI = "mock-spi";
  static final String MOCK_I2C = "mock-i2c";
  static final String MOCK_GPIO_OUT = "mock-digital-output";

  private Pi4jContexts() {}

  /**
   * The Pi's SPI through {@code /dev/spidev*} (group spi) and I2C through {@code /dev/i2c-*} (group
   * i2c), without root. Needs no native library of Pi4J's (JNA only), no pigpio daemon and no
   * libgpiod. Building it opens no device.
   */
  public static Context linux() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(LinuxFsSpiProvider.newInstance(), LinuxFsI2CProvider.newInstance())
        .build();
  }

  /**
   * The Pi's GPIO outputs through the character devices {@code /dev/gpiochip*} (group gpio),
   * without root. Building it loads the libgpiod bundled with Pi4J and opens the Pi's own chip, so
   * it is built only when a power pin is configured.
   */
  public static Context gpiod() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(GpioDDigitalOutputProvider.newInstance())
        .build();
  }

  /** Pi4J's in-memory mocks, for {@code --mock}, the demo and tests. */
  public static Context mock() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(new MockPlatform())
        .add(
            MockSpiProvider.newInstance(),
            MockI2CProvider.newInstance(),
            MockDigitalOutputProvider.newInstance())
        .build();
  }
}
