package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings file the Debian package installs as /etc/blotre-server/server.conf: it parses as
 * shipped, says what the README promises, and each commented setting works once uncommented.
 */
class ShippedConfigTest {
  private static final Path SHIPPED = Path.of("src/main/dist/server.conf");

  @Test
  void asShippedItServesThisMachineFromTheStateDirectory() {
    Main.Settings settings = Main.parse(List.of("--config", SHIPPED.toString()));
    assertThat(settings.database())
        .isEqualTo("jdbc:sqlite:/var/lib/blotre-server/blotre-server.db");
    assertThat(settings.values())
        .containsEntry("host", "127.0.0.1")
        .containsEntry("port", "8080")
        .doesNotContainKeys("trust-proxy-headers", "public-url", "tls-cert", "in-memory");
  }

  @Test
  void theCommentedSettingsWorkUncommented(@TempDir Path dir) throws Exception {
    String text = Files.readString(SHIPPED);
    Path edited = dir.resolve("server.conf");
    Files.writeString(
        edited,
        text.replace("# trust-proxy-headers = false", "trust-proxy-headers = true")
            .replace("# public-url =", "public-url = https://plants.example.org")
            .replace("# retention-days = 90", "retention-days = 30")
            .replace(
                "data = /var/lib/blotre-server/blotre-server.db", "data = " + dir.resolve("x.db")));
    Main.Settings settings = Main.parse(List.of("--config", edited.toString()));
    assertThat(settings.values())
        .containsEntry("trust-proxy-headers", "true")
        .containsEntry("retention-days", "30");
    assertThat(settings.publicUrl()).isEqualTo("https://plants.example.org");
    try (BlotreServer server = settings.builder().port(0).start()) {
      assertThat(new Wire(server.baseUrl()).get("/").status()).isEqualTo(200);
    }
  }
}
