package re.blot.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;
import re.blot.agent.config.ConfigFile.Entry;
import re.blot.agent.config.ConfigFile.Section;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.AdsGain;
import re.blot.agent.sensor.PlantreProbe;

/** Turns a parsed {@link ConfigFile} into an {@link AgentConfig}, checking every value. */
public final class ConfigReader {
  static final String SERVER = "server";
  static final String SCHEDULE = "schedule";
  static final String SAMPLING = "sampling";
  static final String SENSOR_PREFIX = "sensor.";

  /** Linux numbers I2C adapters from 0; a Pi's own and its overlays' stay well below this. */
  private static final int MAX_I2C_BUS = 99;

  private ConfigReader() {}

  /**
   * Reads {@code file}; keys left out take their documented defaults.
   *
   * @throws ConfigException naming the key and line of the first unknown key, empty value or
   *     out-of-range number
   */
  public static AgentConfig read(ConfigFile file) {
    AgentConfig defaults = AgentConfig.defaults();
    String serverUrl = defaults.serverUrl();
    Optional<String> parent = Optional.empty();
    Duration interval = defaults.interval();
    int heartbeat = defaults.heartbeatEvery();
    Sampling sampling = defaults.sampling();
    List<SensorConfig> sensors = new ArrayList<>();
    Map<String, Entry> streams = new HashMap<>();
    for (Section section : file.sections()) {
      Values values = new Values(file.source(), section);
      if (section.name().equals(SERVER)) {
        values.allow("url", "parent");
        serverUrl = values.get("url", ConfigReader::httpUrl).orElse(serverUrl);
        parent = values.get("parent", Function.identity());
      } else if (section.name().equals(SCHEDULE)) {
        values.allow("interval-seconds", "heartbeat-every");
        interval =
            values.integer("interval-seconds", 1, 86_400).stream()
                .mapToObj(Duration::ofSeconds)
                .findFirst()
                .orElse(interval);
        heartbeat = values.integer("heartbeat-every", 1, 10_000).orElse(heartbeat);
      } else if (section.name().equals(SAMPLING)) {
        values.allow("samples", "power-pin", "settle-millis");
        sampling =
            new Sampling(
                values.integer("samples", 1, 99).orElse(Sampling.DEFAULT_SAMPLES),
                values.integer("power-pin", 0, 27),
                values.integer("settle-millis", 0, 10_000).stream()
                    .mapToObj(Duration::ofMillis)
                    .findFirst()
                    .orElse(Sampling.DEFAULT_SETTLE));
      } else if (section.name().startsWith(SENSOR_PREFIX)
          && section.name().length() > SENSOR_PREFIX.length()) {
        SensorConfig sensor = sensor(values);
        Entry clash = streams.putIfAbsent(sensor.stream(), values.entryOrHeader("stream"));
        if (clash != null) {
          throw values.error(
              "stream",
              "'"
                  + sensor.stream()
                  + "' is already used by the sensor on line "
                  + clash.line()
                  + ": each sensor needs its own stream");
        }
        checkSharedDevice(sensors, sensor, values);
        sensors.add(sensor);
      } else {
        throw new ConfigException(
            file.source(),
            section.line(),
            null,
            "unknown section ["
                + section.name()
                + "]; expected [server], [schedule], [sampling] or [sensor.NAME]");
      }
    }
    if (sensors.isEmpty()) {
      throw new ConfigException(
          file.source() + ": no [sensor.NAME] section; configure at least one sensor");
    }
    return new AgentConfig(serverUrl, parent, interval, heartbeat, sampling, sensors);
  }

  private static SensorConfig sensor(Values values) {
    values.allow(
        "stream",
        "adc",
        "chip",
        "bus",
        "chip-select",
        "clock-hz",
        "address",
        "gain",
        "data-rate",
        "channel",
        "dry",
        "wet",
        "colors",
        "tags");
    String name = values.section.name().substring(SENSOR_PREFIX.length());
    AdcChip chip = adc(values);
    boolean i2c = chip.link() == AdcChip.Link.I2C;
    values.reject(
        chip, i2c ? List.of("chip-select", "clock-hz") : List.of("address", "gain", "data-rate"));
    AdsGain gain =
        i2c ? values.get("gain", AdsGain::parse).orElse(AdsGain.DEFAULT) : AdsGain.DEFAULT;
    int dry = values.integer("dry", 0, chip.maxValue()).orElse(chip.rawAt(PlantreProbe.DRY, gain));
    int wet = values.integer("wet", 0, chip.maxValue()).orElse(chip.rawAt(PlantreProbe.WET, gain));
    if (dry == wet) {
      throw values.error("wet", "equals dry (" + dry + "): calibrate with the probe dry, then wet");
    }
    List<Rgb> colors = values.get("colors", ConfigReader::colors).orElse(ColorScale.DEFAULT_STOPS);
    return new SensorConfig(
        name,
        values.get("stream", Function.identity()).orElse(name),
        chip,
        i2c
            ? values.integer("bus", 0, MAX_I2C_BUS).orElse(SensorConfig.DEFAULT_I2C_BUS)
            : values.integer("bus", 0, 6).orElse(0),
        values.integer("chip-select", 0, 2).orElse(0),
        i2c
            ? 0
            : values
                .integer("clock-hz", AdcChip.MIN_CLOCK_HZ, chip.maxClockHz())
                .orElse(AgentConfig.DEFAULT_SPI_CLOCK_HZ),
        values.get("address", ConfigReader::i2cAddress).orElse(SensorConfig.DEFAULT_I2C_ADDRESS),
        gain,
        values.get("data-rate", value -> dataRate(chip, value)).orElse(chip.defaultDataRate()),
        values.integer("channel", 0, chip.channels() - 1).orElse(0),
        new Calibration(dry, wet),
        colors,
        values.get("tags", ConfigReader::list).orElse(List.of()));
  }

  /** {@code adc}, or {@code chip}, its name before the I2C ADCs came. */
  private static AdcChip adc(Values values) {
    Optional<AdcChip> adc = values.get("adc", ConfigReader::chip);
    Optional<AdcChip> chip = values.get("chip", ConfigReader::chip);
    if (adc.isPresent() && chip.isPresent()) {
      throw values.error("chip", "is the older name of adc, which is set as well: keep only adc");
    }
    return adc.or(() -> chip).orElse(AdcChip.MCP3008);
  }

  /** Sensors on one ADC are its channels: same chip, same SPI clock, each its own channel. */
  private static void checkSharedDevice(
      List<SensorConfig> earlier, SensorConfig sensor, Values values) {
    for (SensorConfig other : earlier) {
      if (!other.device().equals(sensor.device())) {
        continue;
      }
      String sharing = " as sensor " + other.name() + " on the same " + sensor.device();
      if (other.chip() != sensor.chip()) {
        throw values.error(
            values.has("adc") ? "adc" : "chip",
            "is " + sensor.chip() + " but must be " + other.chip() + sharing);
      }
      if (other.clockHz() != sensor.clockHz()) {
        throw values.error(
            "clock-hz", "is " + sensor.clockHz() + " but must be " + other.clockHz() + sharing);
      }
      if (other.channel() == sensor.channel()) {
        throw values.error("channel", "is " + sensor.channel() + ", the same channel" + sharing);
      }
    }
  }

  private static String httpUrl(String value) {
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw new IllegalArgumentException("must start with http:// or https://");
    }
    return value;
  }

  private static int i2cAddress(String value) {
    int address;
    try {
      address =
          value.regionMatches(true, 0, "0x", 0, 2)
              ? Integer.parseInt(value.substring(2), 16)
              : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not an I2C address such as 0x48");
    }
    if (address < 0x48 || address > 0x4B) {
      throw new IllegalArgumentException(
          "is not an ADS1x15 address: 0x48 (ADDR to GND), 0x49 (to VDD), 0x4A (to SDA) or 0x4B"
              + " (to SCL)");
    }
    return address;
  }

  private static int dataRate(AdcChip chip, String value) {
    List<String> rates = chip.dataRates().stream().map(String::valueOf).toList();
    if (!rates.contains(value)) {
      throw new IllegalArgumentException(
          "is not a data rate of the "
              + chip
              + ": one of "
              + String.join(", ", rates)
              + " samples per second");
    }
    return Integer.parseInt(value);
  }

  private static AdcChip chip(String value) {
    try {
      return AdcChip.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be one of " + Arrays.toString(AdcChip.values()));
    }
  }

  private static List<Rgb> colors(String value) {
    List<Rgb> colors = list(value).stream().map(Rgb::parse).toList();
    if (colors.size() < 2) {
      throw new IllegalArgumentException(
          "needs at least 2 colors, dry first: e.g. #654d00, #008000");
    }
    return colors;
  }

  private static List<String> list(String value) {
    List<String> items = Arrays.stream(value.split(",")).map(String::strip).toList();
    if (items.contains("")) {
      throw new IllegalArgumentException("has an empty item in the comma-separated list");
    }
    return items;
  }

  /** The entries of one section, read with errors that name key and line. */
  private static final class Values {
    private final String source;
    private final Section section;

    Values(String source, Section section) {
      this.source = source;
      this.section = section;
    }

    void allow(String... keys) {
      Set<String> known = Set.of(keys);
      for (Entry entry : section.entries().values()) {
        if (!known.contains(entry.key())) {
          throw error(
              entry,
              "is not a known key in ["
                  + section.name()
                  + "]; known keys: "
                  + String.join(", ", new TreeSet<>(known)));
        }
      }
    }

    <T> Optional<T> get(String key, Function<String, T> parser) {
      Entry entry = section.entries().get(key);
      if (entry == null) {
        return Optional.empty();
      }
      if (entry.value().isEmpty()) {
        throw error(entry, "has no value; give one or remove the line to use the default");
      }
      try {
        return Optional.of(parser.apply(entry.value()));
      } catch (IllegalArgumentException e) {
        throw error(entry, "'" + entry.value() + "' " + e.getMessage());
      }
    }

    OptionalInt integer(String key, int min, int max) {
      return get(
              key,
              value -> {
                int number;
                try {
                  number = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                  throw new IllegalArgumentException("is not a whole number");
                }
                if (number < min || number > max) {
                  throw new IllegalArgumentException("is out of range " + min + "-" + max);
                }
                return number;
              })
          .map(OptionalInt::of)
          .orElse(OptionalInt.empty());
    }

    boolean has(String key) {
      return section.entries().containsKey(key);
    }

    /** Refuses {@code keys} that do not apply to {@code chip}. */
    void reject(AdcChip chip, List<String> keys) {
      for (String key : keys) {
        if (has(key)) {
          throw error(
              key,
              "applies to "
                  + (chip.link() == AdcChip.Link.SPI
                      ? "the I2C ADCs ADS1115 and ADS1015"
                      : "the SPI ADCs MCP3008 and MCP3208")
                  + " only, and this sensor's adc is "
                  + chip
                  + ": remove the line");
        }
      }
    }

    /** The entry for {@code key}, or the section header when the key was left out. */
    Entry entryOrHeader(String key) {
      Entry entry = section.entries().get(key);
      return entry != null ? entry : new Entry(key, "", section.line());
    }

    ConfigException error(String key, String problem) {
      return error(entryOrHeader(key), problem);
    }

    private ConfigException error(Entry entry, String problem) {
      return new ConfigException(source, entry.line(), entry.key(), problem);
    }
  }
}
