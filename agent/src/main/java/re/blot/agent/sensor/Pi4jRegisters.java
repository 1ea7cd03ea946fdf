package re.blot.agent.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;

/**
 * {@link I2cRegisters} over a Pi4J {@link I2C}, turning its exceptions into messages that say what
 * to check: Linux reports a device that does not acknowledge its address as "Remote I/O error"
 * (EREMOTEIO, or ENXIO on some adapters), an address a kernel driver has claimed as "Device or
 * resource busy", and a bus held low as "Connection timed out".
 */
final class Pi4jRegisters implements I2cRegisters {
  private final I2C i2c;
  private final AdcChip chip;

  Pi4jRegisters(I2C i2c, AdcChip chip) {
    this.i2c = i2c;
    this.chip = chip;
  }

  @Override
  public String device() {
    return I2cRegisters.hexAddress(i2c.device()) + " on /dev/i2c-" + i2c.bus();
  }

  @Override
  public void write(int register, int value) throws IOException {
    int written;
    try {
      written = i2c.writeRegisterWord(register, value);
    } catch (Pi4JException | IllegalStateException e) {
      throw failure("writing", register, e);
    }
    if (written < 0) {
      throw new IOException(
          chip + " at " + device() + ": writing register " + register + " failed");
    }
  }

  @Override
  public int read(int register) throws IOException {
    try {
      return i2c.readRegisterWord(register) & 0xFFFF;
    } catch (Pi4JException | IllegalStateException e) {
      throw failure("reading", register, e);
    }
  }

  private IOException failure(String doing, int register, RuntimeException e) {
    String cause = rootMessage(e);
    String problem;
    if (cause.contains("Remote I/O error") || cause.contains("No such device or address")) {
      problem =
          "no device answers at address "
              + I2cRegisters.hexAddress(i2c.device())
              + " on /dev/i2c-"
              + i2c.bus()
              + " (NACK): check the "
              + chip
              + "'s VDD, GND, SCL and SDA wires and its ADDR pin (to GND 0x48, VDD 0x49, SDA 0x4A,"
              + " SCL 0x4B); `i2cdetect -y "
              + i2c.bus()
              + "` lists the addresses that answer";
    } else if (cause.contains("Device or resource busy")) {
      problem =
          "a kernel driver holds address "
              + I2cRegisters.hexAddress(i2c.device())
              + " on /dev/i2c-"
              + i2c.bus()
              + " (a dtoverlay=ads1015 or ads1115 line in /boot/firmware/config.txt?): remove"
              + " that overlay and reboot, the agent talks to the chip itself";
    } else if (cause.contains("timed out")) {
      problem =
          "the I2C bus /dev/i2c-"
              + i2c.bus()
              + " timed out: SDA or SCL is held low or not pulled up; check those wires";
    } else {
      problem = chip + " at " + device() + ": " + doing + " register " + register + " failed";
    }
    return new IOException(problem + " (" + cause + ")", e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}
