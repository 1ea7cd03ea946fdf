package re.blot.agent.sensor;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SensorHardware} over a Pi4J context: Linux's SPI and GPIO drivers on a Pi, or Pi4J's
 * mocks answering through a {@link MockReplies}. Sensors that share an SPI device (different
 * channels of one ADC) share one Pi4J {@link Spi}; the first one's clock applies.
 */
public final class Pi4jHardware implements SensorHardware {
  private final Context pi4j;
  private final MockReplies mockReplies;
  private final Path devDir;
  private final Path sysGpioDir;
  private final Map<String, Spi> spiDevices = new HashMap<>();
  private final Map<Integer, PowerSwitch> powerPins = new HashMap<>();

  private Pi4jHardware(Context pi4j, MockReplies mockReplies, Path devDir, Path sysGpioDir) {
    this.pi4j = pi4j;
    this.mockReplies = mockReplies;
    this.devDir = devDir;
    this.sysGpioDir = sysGpioDir;
  }

  /** The Pi's SPI and GPIO through the Linux kernel ({@code /dev}, {@code /sys/class/gpio}). */
  public static Pi4jHardware linux() {
    return linux(Path.of("/dev"), Path.of("/sys/class/gpio"));
  }

  /** As {@link #linux()} with other device folders, so tests can check the advice it gives. */
  static Pi4jHardware linux(Path devDir, Path sysGpioDir) {
    return new Pi4jHardware(Pi4jContexts.linux(sysGpioDir), null, devDir, sysGpioDir);
  }

  /** Pi4J's mock platform, its SPI answering what {@code replies} says. */
  public static Pi4jHardware mock(MockReplies replies) {
    return new Pi4jHardware(Pi4jContexts.mock(), replies, null, null);
  }

  @Override
  public boolean isMock() {
    return mockReplies != null;
  }

  /** The Pi4J context, for tests that inspect the mock devices. */
  public Context context() {
    return pi4j;
  }

  @Override
  public synchronized SpiTransport openSpi(int bus, int chipSelect, int clockHz, AdcChip chip) {
    String id = "spi" + bus + "-" + chipSelect;
    Spi spi = spiDevices.get(id);
    if (spi == null) {
      if (!isMock()) {
        checkAccess(devDir.resolve("spidev" + bus + "." + chipSelect), "spi",
            "SPI is not enabled: enable it with `sudo raspi-config nonint do_spi 0` (or"
                + " dtparam=spi=on in /boot/firmware/config.txt) and reboot");
      }
      try {
        spi = pi4j.create(Spi.newConfigBuilder(pi4j).id(id).bus(bus).chipSelect(SpiChipSelect.getByNumber(chipSelect))
            .mode(SpiMode.MODE_0).baud(clockHz)
            .provider(isMock() ? Pi4jContexts.MOCK_SPI : Pi4jContexts.LINUX_SPI).build());
      } catch (Pi4JException e) {
        throw new HardwareException("cannot open SPI bus " + bus + " chip select " + chipSelect
            + ": " + e.getMessage(), e);
      }
      spiDevices.put(id, spi);
    }
    return isMock() ? mockTransport((MockSpi) spi, chip) : linuxTransport(spi, id);
  }

  private static SpiTransport linuxTransport(Spi spi, String id) {
    return (tx, rx) -> {
      try {
        if (spi.transfer(tx, rx) < 0) {
          throw new IOException("SPI transfer on " + id + " failed");
        }
      } catch (Pi4JException e) {
        throw new IOException("SPI transfer on " + id + " failed: " + e.getMessage(), e);
      }
    };
  }

  /**
   * MockSpi answers a transfer with whatever was queued before it (and then queues the command as
   * an echo), so the reply is queued right before each transfer and the echo drained after it.
   */
  private SpiTransport mockTransport(MockSpi spi, AdcChip chip) {
    return (tx, rx) -> {
      synchronized (spi) {
        byte[] reply = mockReplies.reply(chip, tx);
        spi.write(reply, 0, reply.length);
        spi.transfer(tx, 0, rx, 0, tx.length);
        spi.readEntireMockBuffer();
      }
    };
  }

  @Override
  public synchronized PowerSwitch powerPin(int bcmPin) {
    PowerSwitch power = powerPins.get(bcmPin);
    if (power != null) {
      return power;
    }
    int address = bcmPin;
    if (!isMock()) {
      checkAccess(sysGpioDir.resolve("export"), "gpio",
          "GPIO through " + sysGpioDir + " is not available on this kernel: remove power-pin from"
              + " the config and power the probe from 3.3 V");
      address = sysfsBase() + bcmPin;
    }
    try {
      DigitalOutput pin = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
          .id("power" + bcmPin).address(address)
          .initial(DigitalState.LOW).shutdown(DigitalState.LOW)
          .provider(isMock() ? Pi4jContexts.MOCK_GPIO_OUT : Pi4jContexts.LINUX_GPIO_OUT));
      power = new PowerSwitch() {
        @Override
        public void on() {
          pin.high();
        }

        @Override
        public void off() {
          pin.low();
        }
      };
    } catch (Pi4JException e) {
      throw new HardwareException("cannot use GPIO " + bcmPin + " as the probe's power pin: "
          + e.getMessage() + " (the user needs group gpio)", e);
    }
    powerPins.put(bcmPin, power);
    return power;
  }

  /**
   * Linux 6.6 and later number the Pi's GPIO lines in sysfs from the base of their gpiochip (512
   * on a Pi 4, 571 on a Pi 5) rather than from 0; Pi4J 2.8 writes the number it is given, so the
   * base is added here. The Pi's own chip is the one whose label starts with "pinctrl-".
   */
  private int sysfsBase() {
    try (DirectoryStream<Path> chips = Files.newDirectoryStream(sysGpioDir, "gpiochip*")) {
      for (Path chip : chips) {
        Path label = chip.resolve("label");
        if (Files.isReadable(label) && Files.readString(label).strip().startsWith("pinctrl-")) {
          return Integer.parseInt(Files.readString(chip.resolve("base")).strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new HardwareException("cannot read the GPIO chips in " + sysGpioDir + ": " + e, e);
    }
    return 0;
  }

  private static void checkAccess(Path device, String group, String missingAdvice) {
    if (!Files.exists(device)) {
      throw new HardwareException(device + " does not exist. " + missingAdvice);
    }
    if (!Files.isReadable(device) || !Files.isWritable(device)) {
      throw new HardwareException("Permission denied on " + device + ": add the user to group "
          + group + " (sudo adduser " + System.getProperty("user.name") + " " + group
          + "), then log in again");
    }
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }
}
