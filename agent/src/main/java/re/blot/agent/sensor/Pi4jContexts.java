package re.blot.agent.sensor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import java.nio.file.Path;

/**
 * Pi4J contexts built with named providers only. Auto-detection is never used: on a Pi whose
 * board it fails to recognise it silently picks the mock plugin, and the daemon would report
 * made-up moisture for a year.
 */
public final class Pi4jContexts {
  /** Provider ids, for {@code provider(..)} in IO configs. */
  static final String LINUX_SPI = "linuxfs-spi";
  static final String LINUX_GPIO_OUT = "linuxfs-digital-output";
  static final String MOCK_SPI = "mock-spi";
  static final String MOCK_GPIO_OUT = "mock-digital-output";

  private Pi4jContexts() {}

  /**
   * Real hardware through the Linux kernel, without root: SPI through {@code /dev/spidev*} (group
   * spi) and GPIO through {@code /sys/class/gpio} (group gpio). Needs no native library of Pi4J's,
   * no pigpio daemon and no libgpiod.
   *
   * @param sysGpio the sysfs GPIO folder, normally {@code /sys/class/gpio}
   */
  public static Context linux(Path sysGpio) {
    return Pi4J.newContextBuilder().noAutoDetect()
        .add(LinuxFsSpiProvider.newInstance(),
            LinuxFsDigitalOutputProvider.newInstance(sysGpio.toString()))
        .build();
  }

  /** Pi4J's in-memory mocks, for {@code --mock}, the demo and tests. */
  public static Context mock() {
    return Pi4J.newContextBuilder().noAutoDetect()
        .add(new MockPlatform())
        .add(MockSpiProvider.newInstance(), MockDigitalOutputProvider.newInstance())
        .build();
  }
}
