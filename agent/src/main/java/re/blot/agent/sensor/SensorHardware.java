package re.blot.agent.sensor;

/**
 * Opens the SPI and I2C devices and GPIO pins the sensors use: the real ones on a Pi, or Pi4J's
 * mocks fed by a simulated plant. Closing it releases every device it opened.
 */
public interface SensorHardware extends AutoCloseable {
  /**
   * The SPI device {@code /dev/spidev<bus>.<chipSelect>} in mode 0 at {@code clockHz}, for an ADC
   * of kind {@code chip}.
   *
   * @throws HardwareException with advice when the device is missing or not accessible
   */
  SpiTransport openSpi(int bus, int chipSelect, int clockHz, AdcChip chip);

  /**
   * The I2C device at {@code address} on {@code /dev/i2c-<bus>}, an ADC of kind {@code chip}.
   *
   * @throws HardwareException with advice when the bus is missing or not accessible
   */
  I2cRegisters openI2c(int bus, int address, AdcChip chip);

  /**
   * A GPIO output (BCM numbering), low until switched on.
   *
   * @throws HardwareException with advice when the pin cannot be exported or written
   */
  PowerSwitch powerPin(int bcmPin);

  /** Whether this is the mock platform rather than real hardware. */
  boolean isMock();

  @Override
  void close();
}
