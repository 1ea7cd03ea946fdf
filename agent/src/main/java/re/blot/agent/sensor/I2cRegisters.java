package re.blot.agent.sensor;

import java.io.IOException;
import java.util.Locale;

/**
 * The 16-bit registers of one I2C device, big-endian on the wire as the ADS1x15 sends them. The
 * seam between the ADS1x15 codec and Pi4J, and where the simulated plant prepares the mock's
 * registers.
 */
public interface I2cRegisters {
  /** Writes {@code value} (0-65535) to {@code register}. */
  void write(int register, int value) throws IOException;

  /** Reads {@code register}: 0-65535. */
  int read(int register) throws IOException;

  /** The device, for messages: {@code 0x48 on /dev/i2c-1}. */
  String device();

  /** An I2C address as people write it: {@code 0x48}. */
  static String hexAddress(int address) {
    return String.format(Locale.ROOT, "0x%02X", address);
  }
}
