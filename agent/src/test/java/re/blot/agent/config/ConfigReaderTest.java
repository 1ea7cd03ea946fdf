package re.blot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import re.blot.agent.color.Calibration;
import re.blot.agent.color.ColorScale;
import re.blot.agent.color.Rgb;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.AdsGain;

class ConfigReaderTest {
  @Test
  void theShippedConfigFileSpellsOutTheBuiltInDefaults() {
    AgentConfig shipped =
        ConfigReader.read(ConfigFile.parse("agent.conf", ConfigLoader.template()));

    assertThat(shipped).isEqualTo(AgentConfig.defaults());
  }

  @Test
  void readsEveryKey() {
    AgentConfig config =
        read(
            """
        [server]
        url = http://127.0.0.1:8080
        parent = alice/garden
        [schedule]
        interval-seconds = 60
        heartbeat-every = 12
        [sampling]
        samples = 5
        power-pin = 27
        settle-millis = 250
        ; a capacitive probe on a 12-bit ADC
        [sensor.Basil]
        stream = Kitchen basil
        chip = mcp3208
        bus = 1
        chip-select = 1
        clock-hz = 500000
        channel = 7
        dry = 3100
        wet = 1400
        colors = #654d00, #FFD700, #008000
        tags = herbs, kitchen
        [sensor.Fern]
        channel = 1
        """);

    assertThat(config.serverUrl()).contains("http://127.0.0.1:8080");
    assertThat(config.parentStream()).contains("alice/garden");
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.heartbeatEvery()).isEqualTo(12);
    assertThat(config.sampling())
        .isEqualTo(new Sampling(5, OptionalInt.of(27), Duration.ofMillis(250)));
    assertThat(config.sensors())
        .containsExactly(
            new SensorConfig(
                "Basil",
                "Kitchen basil",
                AdcChip.MCP3208,
                1,
                1,
                500_000,
                0x48,
                AdsGain.DEFAULT,
                0,
                7,
                new Calibration(3100, 1400),
                List.of(Rgb.parse("#654d00"), Rgb.parse("#ffd700"), Rgb.parse("#008000")),
                List.of("herbs", "kitchen"),
                Optional.empty()),
            new SensorConfig(
                "Fern",
                "Fern",
                AdcChip.MCP3008,
                0,
                0,
                1_000_000,
                0x48,
                AdsGain.DEFAULT,
                0,
                1,
                new Calibration(400, 825),
                ColorScale.DEFAULT_STOPS,
                List.of(),
                Optional.empty()));
    assertThat(config.sensors().get(0).device()).isEqualTo("/dev/spidev1.1");
    assertThat(config.parentStream()).isNotEqualTo(Optional.empty());
  }

  @Test
  void readsAdsSensorsWithTheirI2cKeysAndDefaults() {
    AgentConfig config =
        read(
            """
        [sensor.Chili]
        adc = ads1115
        bus = 3
        address = 0x4B
        channel = 3
        gain = 2.048
        data-rate = 8
        dry = 17000
        wet = 8000
        [sensor.Mint]
        adc = ADS1015
        address = 73
        """);

    SensorConfig chili = config.sensors().get(0);
    assertThat(chili.chip()).isEqualTo(AdcChip.ADS1115);
    assertThat(chili.device()).isEqualTo("/dev/i2c-3 address 0x4B");
    assertThat(chili.channel()).isEqualTo(3);
    assertThat(chili.gain()).isEqualTo(AdsGain.FS_2_048);
    assertThat(chili.dataRate()).isEqualTo(8);
    assertThat(chili.calibration()).isEqualTo(new Calibration(17000, 8000));
    SensorConfig mint = config.sensors().get(1);
    assertThat(mint.device()).isEqualTo("/dev/i2c-1 address 0x49");
    assertThat(mint.gain()).isEqualTo(AdsGain.FS_4_096);
    assertThat(mint.dataRate()).isEqualTo(1600);
    assertThat(mint.calibration())
        .as("Plant're's 1.29 V and 2.66 V in 2 mV steps")
        .isEqualTo(new Calibration(645, 1329));
  }

  @Test
  void readsThirstAndCssColorNames() {
    AgentConfig config =
        read(
            """
        [sensor.Fern]
        colors = Wheat, #23497a
        thirsty-below = 30
        [sensor.Basil]
        channel = 1
        thirsty-below = 25
        thirsty-tag = water-me
        [sensor.Mint]
        channel = 2
        """);

    assertThat(config.sensors().get(0).colors())
        .containsExactly(Rgb.parse("#f5deb3"), Rgb.parse("#23497a"));
    assertThat(config.sensors().get(0).thirst()).contains(new ThirstRule(30, "thirsty"));
    assertThat(config.sensors().get(1).thirst()).contains(new ThirstRule(25, "water-me"));
    assertThat(config.sensors().get(2).thirst()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      unknown key            | [sensor.P]\\nchanel = 3                 | 2 | chanel         | is not a known key in [sensor.P]; known keys: adc, address, bus, channel, chip, chip-select, clock-hz, colors, data-rate, dry, gain, stream, tags, thirsty-below, thirsty-tag, wet
      missing value          | [schedule]\\ninterval-seconds =         | 2 | interval-seconds | has no value; give one or remove the line to use the default
      not a number           | [sampling]\\nsamples = nine              | 2 | samples        | 'nine' is not a whole number
      samples out of range   | [sampling]\\nsamples = 0                 | 2 | samples        | '0' is out of range 1-99
      channel out of range   | [sensor.P]\\n\\nchannel = 8              | 3 | channel        | '8' is out of range 0-7
      raw beyond 10 bits     | [sensor.P]\\ndry = 1024                  | 2 | dry            | '1024' is out of range 0-1023
      clock above chip limit | [sensor.P]\\nchip = MCP3208\\nclock-hz = 2000000 | 3 | clock-hz | '2000000' is out of range 10000-1200000
      unknown chip           | [sensor.P]\\nchip = ADS1116              | 2 | chip           | 'ADS1116' must be one of [MCP3008, MCP3208, ADS1115, ADS1015]
      equal calibration      | [sensor.P]\\ndry = 500\\nwet = 500       | 3 | wet            | equals dry (500): calibrate with the probe dry, then wet
      thirsty above 95       | [sensor.P]\\nthirsty-below = 96        | 2 | thirsty-below  | '96' is out of range 1-95
      thirsty needs a tag    | [sensor.P]\\ntags = a, b, c, d, e, f\\nthirsty-below = 30 | 2 | tags | has 6 tags, and thirsty-below needs room for the thirsty tag: Blot're allows 6 in all, so give at most 5
      thirsty tag alone      | [sensor.P]\\nthirsty-tag = dry         | 2 | thirsty-tag    | has no effect without thirsty-below: set both, or remove the line
      thirsty tag with space | [sensor.P]\\nthirsty-below = 30\\nthirsty-tag = so dry | 3 | thirsty-tag | 'so dry' has the tag 'so dry', which Blot're refuses: 1-32 letters, digits, '_', '-' or '$', no spaces, and not six hex digits (that reads as a color)
      bad color              | [sensor.P]\\ncolors = #654d00, greenish  | 2 | colors         | '#654d00, greenish' not a #rrggbb color or a CSS color name such as teal: 'greenish'
      one color              | [sensor.P]\\ncolors = #654d00            | 2 | colors         | '#654d00' needs at least 2 colors, dry first: e.g. #e8c872, teal, #23497a
      empty tag              | [sensor.P]\\ntags = a,,b                 | 2 | tags           | 'a,,b' has an empty item in the comma-separated list
      bad url                | [server]\\nurl = blot.re                 | 2 | url            | 'blot.re' must start with http:// or https://
      power pin beyond 27    | [sampling]\\npower-pin = 40              | 2 | power-pin      | '40' is out of range 0-27
      key set twice          | [sensor.P]\\nbus = 0\\nbus = 1           | 3 | bus            | is set twice in [sensor.P] (first on line 2)
      key outside a section  | samples = 9                             | 1 | samples        | is outside any [section]
      shared device, other chip | [sensor.A]\\nchip = MCP3208\\nchannel = 1 | 4 | chip | is MCP3008 but must be MCP3208 as sensor A on the same /dev/spidev0.0
      shared device, same channel | [sensor.A]\\nbus = 0\\nchannel = 0  | 4 | channel | is 0, the same channel as sensor A on the same /dev/spidev0.0
      shared stream          | [sensor.A]\\nstream = S\\n[sensor.B]\\nstream = S | 4 | stream | 'S' is the same Blot're stream as the one of the sensor on line 2 (names differ only in case or spaces): each sensor needs its own stream
      same stream but case   | [sensor.A]\\nstream = My Fern\\n[sensor.B]\\nstream = my fern | 4 | stream | 'my fern' is the same Blot're stream as the one of the sensor on line 2 (names differ only in case or spaces): each sensor needs its own stream
      seven tags             | [sensor.P]\\ntags = a,b,c,d,e,f,g      | 2 | tags           | 'a,b,c,d,e,f,g' has 7 tags; Blot're allows at most 6
      tag with a space       | [sensor.P]\\ntags = my herbs           | 2 | tags           | 'my herbs' has the tag 'my herbs', which Blot're refuses: 1-32 letters, digits, '_', '-' or '$', no spaces, and not six hex digits (that reads as a color)
      tag that is a color    | [sensor.P]\\ntags = herbs, 00ff00      | 2 | tags           | 'herbs, 00ff00' has the tag '00ff00', which Blot're refuses: 1-32 letters, digits, '_', '-' or '$', no spaces, and not six hex digits (that reads as a color)
      tag twice              | [sensor.P]\\ntags = Herbs, herbs       | 2 | tags           | 'Herbs, herbs' has the tag 'herbs' twice (case is ignored)
      stream name with a dot | [sensor.P]\\nstream = Mr. Tree         | 2 | stream         | 'Mr. Tree' is not a name Blot're accepts: 1-64 letters, digits, spaces, '_', '-' or '$'
      url with a password    | [server]\\nurl = https://bob:hunter2@blot.re | 2 | url       | (value not repeated) holds a user name or password before '@'; Blot're needs none there (the agent authorizes with a code): give only http(s)://host[:port]
      url with a path        | [server]\\nurl = https://blot.re/v0     | 2 | url            | 'https://blot.re/v0' must be http(s)://host[:port] with nothing after it
      two buses, one CS      | [sensor.A]\\nbus = 1\\nchannel = 1 | 4 | chip-select | is 0 on bus 0, the same number as sensor A on bus 1: Pi4J cannot open two SPI devices with one chip-select number; wire one of the ADCs to another chip select
      power pin is CE0       | [sampling]\\npower-pin = 8             | 2 | power-pin      | is GPIO 8, a pin of SPI bus 0 that sensor Other uses; wire the probe's power to a free GPIO, e.g. 17 on bus 0 or 5
      power pin is I2C SDA   | [sensor.P]\\nadc = ADS1115\\n[sampling]\\npower-pin = 2 | 4 | power-pin | is GPIO 2, a pin of I2C bus 1 that sensor P uses; wire the probe's power to a free GPIO, e.g. 17 on bus 0 or 5
      SPI key on an ADS      | [sensor.P]\\nadc = ads1115\\nclock-hz = 500000 | 3 | clock-hz | applies to the SPI ADCs MCP3008 and MCP3208 only, and this sensor's adc is ADS1115: remove the line
      I2C key on an MCP      | [sensor.P]\\naddress = 0x48              | 2 | address        | applies to the I2C ADCs ADS1115 and ADS1015 only, and this sensor's adc is MCP3008: remove the line
      address not an ADS1x15 | [sensor.P]\\nadc = ADS1115\\naddress = 0x50 | 3 | address | '0x50' is not an ADS1x15 address: 0x48 (ADDR to GND), 0x49 (to VDD), 0x4A (to SDA) or 0x4B (to SCL)
      address not a number   | [sensor.P]\\nadc = ADS1115\\naddress = 4g | 3 | address   | '4g' is not an I2C address such as 0x48
      ADS channel beyond 3   | [sensor.P]\\nadc = ADS1015\\nchannel = 4 | 3 | channel     | '4' is out of range 0-3
      unknown gain           | [sensor.P]\\nadc = ADS1115\\ngain = 3.3  | 3 | gain        | '3.3' must be a full-scale range in volts: one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256
      rate of the other chip | [sensor.P]\\nadc = ADS1015\\ndata-rate = 860 | 3 | data-rate | '860' is not a data rate of the ADS1015: one of 128, 250, 490, 920, 1600, 2400, 3300 samples per second
      raw beyond 15 bits     | [sensor.P]\\nadc = ADS1115\\ndry = 32768 | 3 | dry          | '32768' is out of range 0-32767
      I2C bus out of range   | [sensor.P]\\nadc = ADS1115\\nbus = 100   | 3 | bus          | '100' is out of range 0-99
      adc and chip both set  | [sensor.P]\\nadc = ads1115\\nchip = mcp3008 | 3 | chip    | is the older name of adc, which is set as well: keep only adc
      shared ADS, other chip | [sensor.A]\\nadc = ADS1115\\n[sensor.B]\\nadc = ADS1015\\nchannel = 1 | 4 | adc | is ADS1015 but must be ADS1115 as sensor A on the same /dev/i2c-1 address 0x48
      shared ADS, same channel | [sensor.A]\\nadc = ADS1115\\n[sensor.B]\\nadc = ADS1115 | 3 | channel | is 0, the same channel as sensor A on the same /dev/i2c-1 address 0x48
      """)
  void errorsNameTheKeyAndLine(String name, String text, int line, String key, String problem) {
    assertThatThrownBy(() -> read(text.replace("\\n", "\n") + "\n[sensor.Other]\nstream = Other2"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.key()).isEqualTo(key);
              assertThat(e).hasMessage("test.conf line " + line + ": '" + key + "': " + problem);
            });
  }

  @Test
  void syntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> read("[sensor.P]\nchannel: 3\n"))
        .hasMessage(
            "test.conf line 2: expected '[section]', 'key = value' or a '#' comment,"
                + " found 'channel: 3'");
    assertThatThrownBy(() -> read("[sensor.P]\n[sensor.P]\n"))
        .hasMessage("test.conf line 2: section [sensor.P] appears twice (first on line 1)");
    assertThatThrownBy(() -> read("[sensors.P]\n"))
        .hasMessage(
            "test.conf line 1: unknown section [sensors.P]; expected [server], [schedule],"
                + " [sampling] or [sensor.NAME]");
    assertThatThrownBy(() -> read("[server]\n"))
        .hasMessage("test.conf: no [sensor.NAME] section; configure at least one sensor");
  }

  @Test
  void aStreamNameLongerThanBlotreAllowsIsRefused() {
    assertThatThrownBy(() -> read("[sensor.P]\nstream = " + "x".repeat(300) + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "is not a name Blot're accepts: 1-64 letters, digits, spaces, '_', '-' or '$'");
  }

  private static AgentConfig read(String text) {
    return ConfigReader.read(ConfigFile.parse("test.conf", text));
  }
}
