package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as people run it, in a JVM of its own on a SQLite file: what it acknowledged survives
 * {@code kill -9}, and an app authorized before goes on with its tokens.
 */
class DurabilityTest {
  @TempDir Path dir;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void acknowledgedWritesAndTokensSurviveKillMinus9() throws Exception {
    Path data = dir.resolve("blotre.db");
    assertThat(
            UserCommand.run(
                List.of("add", "demo", "--data", data.toString()),
                name -> "correct horse".toCharArray(),
                System.out,
                System.err))
        .isZero();
    Wire wire = start(data);

    Map<String, Object> client =
        wire.json("PUT", "/v0/oauth2/disposable", null, "{\"name\":\"Plant\",\"blurb\":\"\"}")
            .map();
    Wire browser = Wire.withCookies(wire.baseUrl());
    assertThat(browser.signIn("demo", "correct horse").status()).isEqualTo(303);
    Wire.Answer consent =
        browser.consent(
            client, "allow", Map.of("csrfToken", browser.csrfToken("/v0/oauth2/redeem")));
    assertThat(consent.status()).isEqualTo(303);
    Map<String, Object> tokens = wire.exchangeOneTimeCode(client).map();
    String access = (String) tokens.get("access_token");
    Wire.Answer created =
        wire.json(
            "PUT",
            "/v0/api/stream",
            access,
            "{\"name\":\"Mr Tree\",\"uri\":\"demo/mr+tree\",\"status\":{\"color\":\"#112233\"}}");
    assertThat(created.status()).isEqualTo(201);
    String tree = created.field("id");
    for (int i = 0; i < 20; i++) {
      String color = String.format("#0000%02x", i);
      assertThat(
              wire.json(
                      "POST",
                      "/v0/api/stream/" + tree + "/status",
                      access,
                      "{\"color\":\"" + color + "\"}")
                  .status())
          .isEqualTo(200);
    }

    server.destroyForcibly().waitFor();
    wire = start(data);

    assertThat(wire.get("/v0/api/stream/" + tree + "/status").field("color")).isEqualTo("#000013");
    assertThat(wire.get("/v0/api/stream/" + tree + "/history").list()).hasSize(21);
    assertThat(
            wire.json(
                    "POST", "/v0/api/stream/" + tree + "/status", access, "{\"color\":\"#445566\"}")
                .status())
        .as("the access token from before the kill still works")
        .isEqualTo(200);
    Wire.Answer refreshed =
        wire.form(
            "/v0/oauth2/access_token",
            Map.of(
                "grant_type", "refresh_token",
                "client_id", (String) client.get("id"),
                "client_secret", (String) client.get("secret"),
                "refresh_token", (String) tokens.get("refresh_token")));
    assertThat(refreshed.status()).isEqualTo(200);

    String stored = Files.readString(data, StandardCharsets.ISO_8859_1);
    assertThat(stored).doesNotContain(access).doesNotContain((String) client.get("secret"));
  }

  /** Starts {@code java re.blot.server.Main --data FILE --port 0}; returns a wire to its URL. */
  private Wire start(Path data) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    server =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--data",
                    data.toString(),
                    "--port",
                    "0"))
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("Blot're server serving at ")) {
        return new Wire(line.substring("Blot're server serving at ".length()).trim());
      }
    }
    throw new AssertionError(
        "The server did not start: " + Files.readString(dir.resolve("stderr.txt")));
  }
}
