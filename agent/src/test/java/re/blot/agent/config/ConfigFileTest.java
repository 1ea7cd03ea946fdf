package re.blot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.color.Calibration;

class ConfigFileTest {
  private static final String TEXT =
      """
      # My plants.
      [sensor.Basil]
      # measured 2026-06-01
        dry = 400
      channel = 2

      [sensor.Fern]
      channel = 3
      # end
      """;

  @Test
  void rewritesValuesInPlaceAndAddsMissingKeysAfterTheSectionsLastEntry() {
    ConfigFile edited =
        ConfigFile.parse("t", TEXT)
            .withValue("sensor.Basil", "dry", "512")
            .withValue("sensor.Basil", "wet", "900");

    assertThat(edited.text())
        .isEqualTo(
            """
        # My plants.
        [sensor.Basil]
        # measured 2026-06-01
          dry = 512
        channel = 2
        wet = 900

        [sensor.Fern]
        channel = 3
        # end
        """);
  }

  @Test
  void aSectionWithoutEntriesGetsTheKeyRightAfterItsHeader() {
    ConfigFile edited =
        ConfigFile.parse("t", "[sensor.A]\n# note\n").withValue("sensor.A", "dry", "1");

    assertThat(edited.text()).isEqualTo("[sensor.A]\ndry = 1\n# note\n");
  }

  @Test
  void aMissingSectionGoesBeforeTheFirstOneAndACommentedOutKeyIsTakenOver() {
    ConfigFile edited =
        ConfigFile.parse("t", TEXT.replace("# end", "# tags = a, b"))
            .withSection("server")
            .withValue("server", "url", "http://pi:8080")
            .withValue("sensor.Fern", "tags", "plant");

    assertThat(edited.text())
        .isEqualTo(
            TEXT.replace("[sensor.Basil]", "[server]\nurl = http://pi:8080\n\n[sensor.Basil]")
                .replace("# end", "tags = plant"));
  }

  @Test
  void calibrationIsWrittenIntoTheFileKeepingComments(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("agent.conf");
    Files.writeString(path, TEXT);

    ConfigWriter.writeCalibrations(
        ConfigLoader.load(path), Map.of("Fern", new Calibration(300, 800)));

    assertThat(Files.readString(path))
        .isEqualTo(TEXT.replace("channel = 3\n", "channel = 3\ndry = 300\nwet = 800\n"));
  }

  @Test
  void calibrationWithoutAFileStartsFromTheCommentedTemplate(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("etc/agent.conf");
    ConfigLoader.Loaded defaults =
        new ConfigLoader.Loaded(AgentConfig.defaults(), path, java.util.Optional.empty());

    ConfigWriter.writeCalibrations(defaults, Map.of("Plant", new Calibration(380, 790)));

    assertThat(Files.readString(path))
        .isEqualTo(
            ConfigLoader.template()
                .replace("dry = 400", "dry = 380")
                .replace("wet = 825", "wet = 790"));
  }

  @Test
  void anExplicitConfigFileMustExist(@TempDir Path dir) {
    Path missing = dir.resolve("nope.conf");

    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + missing + " does not exist");
  }
}
