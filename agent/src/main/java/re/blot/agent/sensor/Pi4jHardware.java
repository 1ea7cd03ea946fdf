package re.blot.agent.sensor;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link SensorHardware} over Pi4J: Linux's SPI, I2C and GPIO character devices on a Pi, or Pi4J's
 * mocks answering through a {@link MockReplies}. Sensors that share an SPI device (different
 * channels of one ADC) share one Pi4J {@link Spi}, the first one's clock applying; sensors on one
 * I2C chip share one Pi4J {@link I2C}.
 */
public final class Pi4jHardware implements SensorHardware {
  private static final String NO_POWER_PIN =
      "Remove power-pin from the config and power the probe from 3.3 V";

  private final Context pi4j;
  private final MockReplies mockReplies;
  private final Path devDir;

  /** The SPI and I2C devices opened, by id. */
  private final Map<String, Object> devices = new HashMap<>();

  private final Map<Integer, PowerSwitch> powerPins = new HashMap<>();

  /** Pi4J's GPIO: the mock context itself, or the gpiod one built on the first power pin. */
  private Context gpio;

  private Pi4jHardware(Context pi4j, MockReplies mockReplies, Path devDir) {
    this.pi4j = pi4j;
    this.mockReplies = mockReplies;
    this.devDir = devDir;
    this.gpio = mockReplies != null ? pi4j : null;
  }

  /** The Pi's SPI, I2C and GPIO through the Linux kernel's devices in {@code /dev}. */
  public static Pi4jHardware linux() {
    return linux(Path.of("/dev"));
  }

  /** As {@link #linux()} with another device folder, so tests can check the advice it gives. */
  static Pi4jHardware linux(Path devDir) {
    return new Pi4jHardware(Pi4jContexts.linux(), null, devDir);
  }

  /** Pi4J's mock platform, its SPI and I2C ADCs answering what {@code replies} says. */
  public static Pi4jHardware mock(MockReplies replies) {
    return new Pi4jHardware(Pi4jContexts.mock(), replies, null);
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
    Spi spi =
        device(
            id,
            "spidev" + bus + "." + chipSelect,
            "spi",
            "SPI is not enabled: enable it with `sudo raspi-config nonint do_spi 0` (or"
                + " dtparam=spi=on in /boot/firmware/config.txt) and reboot",
            "SPI bus " + bus + " chip select " + chipSelect,
            () ->
                pi4j.create(
                    Spi.newConfigBuilder(pi4j)
                        .id(id)
                        .bus(bus)
                        .chipSelect(SpiChipSelect.getByNumber(chipSelect))
                        .mode(SpiMode.MODE_0)
                        .baud(clockHz)
                        .provider(isMock() ? Pi4jContexts.MOCK_SPI : Pi4jContexts.LINUX_SPI)
                        .build()));
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
  public synchronized I2cRegisters openI2c(int bus, int address, AdcChip chip) {
    String id = "i2c" + bus + "-" + Integer.toHexString(address);
    I2C i2c =
        device(
            id,
            "i2c-" + bus,
            "i2c",
            "I2C is not enabled: enable it with `sudo raspi-config nonint do_i2c 0` (or"
                + " dtparam=i2c_arm=on in /boot/firmware/config.txt) and reboot",
            "I2C bus " + bus + " for address " + I2cRegisters.hexAddress(address),
            () ->
                pi4j.create(
                    I2C.newConfigBuilder(pi4j)
                        .id(id)
                        .bus(bus)
                        .device(address)
                        .provider(isMock() ? Pi4jContexts.MOCK_I2C : Pi4jContexts.LINUX_I2C)
                        .build()));
    Pi4jRegisters registers = new Pi4jRegisters(i2c, chip);
    return isMock() ? mockRegisters((MockI2C) i2c, registers, chip) : registers;
  }

  /**
   * The Pi4J device {@code id}, made by {@code create} on first use (after checking that its node
   * {@code /dev/<node>} is there and open to the user) and shared after that.
   */
  @SuppressWarnings("unchecked")
  private <T> T device(
      String id, String node, String group, String missingAdvice, String what, Supplier<T> create) {
    Object device = devices.get(id);
    if (device == null) {
      if (!isMock()) {
        checkAccess(devDir.resolve(node), group, missingAdvice);
      }
      try {
        device = create.get();
      } catch (Pi4JException e) {
        throw new HardwareException("cannot open " + what + ": " + e.getMessage(), e);
      }
      devices.put(id, device);
    }
    return (T) device;
  }

  /**
   * MockI2C keeps one queue per register that writes append to and reads take from. The simulated
   * chip takes the config written from its queue, queues the conversion result that {@link
   * MockReplies} gives for it, and puts the config back, which then reads as "conversion done"
   * because the agent writes it with OS=1.
   */
  private I2cRegisters mockRegisters(MockI2C i2c, Pi4jRegisters registers, AdcChip chip) {
    return new I2cRegisters() {
      @Override
      public void write(int register, int value) throws IOException {
        synchronized (i2c) {
          registers.write(register, value);
          if (register == Ads1x15.CONFIG_REGISTER) {
            byte[] command = new byte[2];
            i2c.readRegister(register, command, 0, command.length);
            byte[] reply = mockReplies.reply(chip, command);
            i2c.writeRegister(Ads1x15.CONVERSION_REGISTER, reply, 0, reply.length);
            i2c.writeRegister(register, command, 0, command.length);
          }
        }
      }

      @Override
      public int read(int register) throws IOException {
        synchronized (i2c) {
          return registers.read(register);
        }
      }

      @Override
      public String device() {
        return registers.device();
      }
    };
  }

  @Override
  public synchronized PowerSwitch powerPin(int bcmPin) {
    PowerSwitch power = powerPins.get(bcmPin);
    if (power != null) {
      return power;
    }
    Context context = gpioContext();
    try {
      // The line offset on the Pi's own gpiochip is the BCM number, on every model.
      DigitalOutput pin =
          context.create(
              DigitalOutput.newConfigBuilder(context)
                  .id("power" + bcmPin)
                  .address(bcmPin)
                  .initial(DigitalState.LOW)
                  .shutdown(DigitalState.LOW)
                  .provider(isMock() ? Pi4jContexts.MOCK_GPIO_OUT : Pi4jContexts.GPIOD_OUT));
      power =
          new PowerSwitch() {
            @Override
            public void on() {
              pin.high();
            }

            @Override
            public void off() {
              pin.low();
            }
          };
    } catch (Pi4JException | IllegalStateException e) {
      throw new HardwareException(
          "cannot use GPIO " + bcmPin + " as the probe's power pin: " + e.getMessage(), e);
    }
    powerPins.put(bcmPin, power);
    return power;
  }

  /**
   * Builds the gpiod context on first use, so that setups without a power pin (and every mock)
   * never load the native libgpiod. The devices are checked first because libgpiod opens every
   * {@code /dev/gpiochip*} to find the Pi's own (the one labelled "pinctrl-..."), and its errors
   * say nothing about groups.
   */
  private Context gpioContext() {
    if (gpio == null) {
      List<Path> chips = gpioChips();
      if (chips.isEmpty()) {
        throw new HardwareException(
            "No GPIO character device "
                + devDir.resolve("gpiochipN")
                + " exists, so the power pin cannot be switched. "
                + NO_POWER_PIN);
      }
      chips.forEach(chip -> checkAccess(chip, "gpio", NO_POWER_PIN));
      if (!BoardInfoHelper.runningOnRaspberryPi()) {
        throw new HardwareException(
            "Pi4J's gpiod plugin switches GPIO only on a board it"
                + " recognises as a Raspberry Pi from /proc/cpuinfo or /proc/device-tree/model, and it"
                + " did not recognise this one. "
                + NO_POWER_PIN);
      }
      try {
        gpio = Pi4jContexts.gpiod();
      } catch (RuntimeException | LinkageError e) {
        throw new HardwareException(
            "cannot open the Pi's GPIO chip through libgpiod (Pi4J bundles"
                + " it for armhf and aarch64, and it needs glibc 2.33 or later: Raspberry Pi OS"
                + " Bookworm or newer): "
                + e,
            e);
      }
    }
    return gpio;
  }

  private List<Path> gpioChips() {
    try (Stream<Path> files = Files.list(devDir)) {
      return files
          .filter(file -> file.getFileName().toString().matches("gpiochip\\d+"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new HardwareException("cannot list the GPIO chips in " + devDir + ": " + e, e);
    }
  }

  private static void checkAccess(Path device, String group, String missingAdvice) {
    if (!Files.exists(device)) {
      throw new HardwareException(device + " does not exist. " + missingAdvice);
    }
    if (!Files.isReadable(device) || !Files.isWritable(device)) {
      throw new HardwareException(
          "Permission denied on "
              + device
              + ": add the user to group "
              + group
              + " (sudo adduser "
              + System.getProperty("user.name")
              + " "
              + group
              + "), then log in again");
    }
  }

  @Override
  public void close() {
    if (gpio != null && gpio != pi4j) {
      gpio.shutdown();
    }
    pi4j.shutdown();
  }
}
