package re.blot.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;
import re.blot.agent.config.ConfigFile.Entry;
import re.blot.agent.config.ConfigFile.Section;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.AdsGain;
import re.blot.agent.sensor.PlantreProbe;
import re.blot.client.Blotre;

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
    Optional<String> serverUrl = defaults.serverUrl();
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
        serverUrl = values.get("url", ConfigReader::httpUrl);
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
        // Blot're compares stream names case-insensitively, with spaces written as '+'.
        Entry clash =
            streams.putIfAbsent(
                Blotre.normalizeUri(sensor.stream()), values.entryOrHeader("stream"));
        if (clash != null) {
          throw values.error(
              "stream",
              "'"
                  + sensor.stream()
                  + "' is the same Blot're stream as the one of the sensor on line "
                  + clash.line()
                  + " (names differ only in case or spaces): each sensor needs its own stream");
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
    checkPowerPin(file, sampling, sensors);
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
        "tags",
        "thirsty-below",
        "thirsty-tag");
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
    String stream = values.get("stream", ConfigReader::streamName).orElse(name);
    List<String> tags = values.get("tags", ConfigReader::tags).orElse(List.of());
    Optional<ThirstRule> thirst = thirst(values);
    if (thirst.isPresent() && tags.size() >= MAX_TAGS) {
      throw values.error(
          "tags",
          "has "
              + tags.size()
              + " tags, and thirsty-below needs room for the thirsty tag: Blot're allows "
              + MAX_TAGS
              + " in all, so give at most "
              + (MAX_TAGS - 1));
    }
    if (values.section.entries().get("stream") == null) {
      try {
        streamName(name);
      } catch (IllegalArgumentException e) {
        throw values.error(
            "stream",
            "is not given, and the sensor's name '" + name + "' " + e.getMessage() + "; add one");
      }
    }
    return new SensorConfig(
        name,
        stream,
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
        tags,
        thirst);
  }

  /** {@code thirsty-below} with its {@code thirsty-tag}; the tag alone is a mistake. */
  private static Optional<ThirstRule> thirst(Values values) {
    OptionalInt below = values.integer("thirsty-below", 1, 100 - ThirstRule.HYSTERESIS);
    Optional<String> tag = values.get("thirsty-tag", ConfigReader::tag);
    if (below.isEmpty()) {
      if (tag.isPresent()) {
        throw values.error(
            "thirsty-tag", "has no effect without thirsty-below: set both, or remove the line");
      }
      return Optional.empty();
    }
    return Optional.of(new ThirstRule(below.getAsInt(), tag.orElse(ThirstRule.DEFAULT_TAG)));
  }

  /** GPIO pins of the SPI buses (BCM numbers): SCLK, MOSI, MISO, then the chip selects. */
  private static final Map<Integer, List<Integer>> SPI_PINS =
      Map.of(0, List.of(11, 10, 9, 8, 7), 1, List.of(21, 20, 19, 18, 17, 16));

  /** GPIO pins of the I2C buses (BCM numbers): SDA, SCL. */
  private static final Map<Integer, List<Integer>> I2C_PINS =
      Map.of(0, List.of(0, 1), 1, List.of(2, 3));

  /**
   * The power pin must not be a pin of an SPI or I2C bus in use: Pi4J would fail on the second
   * user, or switching it would break the bus.
   */
  private static void checkPowerPin(
      ConfigFile file, Sampling sampling, List<SensorConfig> sensors) {
    if (sampling.powerPin().isEmpty()) {
      return;
    }
    int pin = sampling.powerPin().getAsInt();
    for (SensorConfig sensor : sensors) {
      boolean spi = sensor.chip().link() == AdcChip.Link.SPI;
      if ((spi ? SPI_PINS : I2C_PINS).getOrDefault(sensor.bus(), List.of()).contains(pin)) {
        Section section =
            file.sections().stream().filter(s -> s.name().equals(SAMPLING)).findFirst().get();
        throw new Values(file.source(), section)
            .error(
                "power-pin",
                "is GPIO "
                    + pin
                    + (spi ? ", a pin of SPI bus " : ", a pin of I2C bus ")
                    + sensor.bus()
                    + " that sensor "
                    + sensor.name()
                    + " uses; wire the probe's power to a free GPIO, e.g. 17 on bus 0 or 5");
      }
    }
  }

  /** A stream name as Blot're accepts it (contract 4.1). */
  private static String streamName(String value) {
    if (!STREAM_NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "is not a name Blot're accepts: 1-64 letters, digits, spaces, '_', '-' or '$'");
    }
    return value;
  }

  /** At most 6 distinct tags that Blot're accepts (contract 4.3). */
  private static List<String> tags(String value) {
    List<String> tags = list(value);
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "has " + tags.size() + " tags; Blot're allows at most " + MAX_TAGS);
    }
    Set<String> seen = new HashSet<>();
    for (String tag : tags) {
      tag(tag);
      if (!seen.add(tag.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("has the tag '" + tag + "' twice (case is ignored)");
      }
    }
    return tags;
  }

  /** One tag that Blot're accepts (contract 4.3). */
  private static String tag(String tag) {
    if (!TAG.matcher(tag).matches() || HEX_COLOR.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "has the tag '"
              + tag
              + "', which Blot're refuses: 1-32 letters, digits, '_', '-' or '$', no spaces,"
              + " and not six hex digits (that reads as a color)");
    }
    return tag;
  }

  private static final int MAX_TAGS = 6;
  private static final Pattern STREAM_NAME = Pattern.compile("[ a-zA-Z0-9_\\-$]{1,64}");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_\\-$]{1,32}");
  private static final Pattern HEX_COLOR = Pattern.compile("[0-9a-fA-F]{6}");

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
      if (other.chip().link() == AdcChip.Link.SPI
          && sensor.chip().link() == AdcChip.Link.SPI
          && other.bus() != sensor.bus()
          && other.chipSelect() == sensor.chipSelect()) {
        // Pi4J 2.8 registers an SPI device under its chip-select number alone ("IO instance ...
        // already exists" when the second one opens).
        throw values.error(
            "chip-select",
            "is "
                + sensor.chipSelect()
                + " on bus "
                + sensor.bus()
                + ", the same number as sensor "
                + other.name()
                + " on bus "
                + other.bus()
                + ": Pi4J cannot open two SPI devices with one chip-select number; wire one of"
                + " the ADCs to another chip select");
      }
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

  /**
   * Checks a server URL: {@code http(s)://host[:port]}. A URL with user info is refused without
   * repeating it, as it may hold a password.
   */
  public static String httpUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new SecretValueException("is not a URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new SecretValueException(
          "holds a user name or password before '@'; Blot're needs none there (the agent"
              + " authorizes with a code): give only http(s)://host[:port]");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must start with http:// or https://");
    }
    boolean pathless =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
    if (uri.getHost() == null || !pathless || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("must be http(s)://host[:port] with nothing after it");
    }
    return value;
  }

  /** A value that must not be repeated in the message, e.g. a URL that may hold a password. */
  static final class SecretValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SecretValueException(String message) {
      super(message);
    }
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
    List<Rgb> colors = list(value).stream().map(Rgb::parseColor).toList();
    if (colors.size() < 2) {
      throw new IllegalArgumentException(
          "needs at least 2 colors, dry first: e.g. #e8c872, teal, #23497a");
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
      } catch (SecretValueException e) {
        throw error(entry, "(value not repeated) " + e.getMessage());
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
