package re.blot.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds and reads the config file, falling back to the built-in defaults at the default path. */
public final class ConfigLoader {
  /** Where the package installs the config file. */
  public static final Path DEFAULT_PATH = Path.of("/etc/blotre-agent/agent.conf");

  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String TEMPLATE = "/re/blot/agent/config/agent.conf";

  /** The configuration and, when it came from a file, that file's text and path. */
  public record Loaded(AgentConfig config, Path path, Optional<ConfigFile> file) {}

  private ConfigLoader() {}

  /**
   * Reads {@code explicitPath}, or the default path when null. A missing default file means the
   * built-in defaults (logged); a missing explicit file is an error.
   *
   * @throws ConfigException when the file is missing (explicit only), unreadable or invalid
   */
  public static Loaded load(Path explicitPath) {
    Path path = explicitPath != null ? explicitPath : DEFAULT_PATH;
    if (!Files.exists(path)) {
      if (explicitPath != null) {
        throw new ConfigException("config file " + path + " does not exist");
      }
      log.info(
          "No config file at {}: using built-in defaults (sensor Plant on MCP3008 channel 0,"
              + " SPI bus 0, CE0, dry 400, wet 825)",
          path);
      return new Loaded(AgentConfig.defaults(), path, Optional.empty());
    }
    ConfigFile file = ConfigFile.parse(path.toString(), readText(path));
    return new Loaded(ConfigReader.read(file), path, Optional.of(file));
  }

  /** The commented config file the package installs, which spells out every default. */
  public static String template() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readText(Path path) {
    try {
      String text = Files.readString(path);
      // Editors on Windows save UTF-8 with a byte order mark; it is not part of the first key.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e);
    }
  }
}
