package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code blotre-server user ...} against a real database (SQLite, or PostgreSQL in that run), with
 * the server running on it at the same time, as an administrator would use it.
 */
class UserCommandTest {
  private final TestDatabases databases = new TestDatabases();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String url;
  private BlotreServer server;

  @BeforeEach
  void startServer() {
    url = databases.durableUrl();
    server = BlotreServer.builder().database(url).user("demo").passwordCost(4).start();
  }

  @AfterEach
  void stop() {
    server.close();
    databases.close();
  }

  private int run(String password, String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    if (!List.of(args).contains("--in-memory")) {
      all.addAll(List.of("--database", url));
    }
    return UserCommand.run(
        all,
        name -> password == null ? null : password.toCharArray(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Wire.Answer signIn(String name, String password) {
    return Wire.withCookies(server.baseUrl()).signIn(name, password);
  }

  @Test
  void addedUsersSignInToTheRunningServerAndPasswdReplacesThePassword() {
    assertThat(run("first password", "add", "Alice B")).isZero();
    assertThat(out()).startsWith("Added Alice B (id ");
    assertThat(run(null, "list")).isZero();
    assertThat(out()).isEqualTo("demo  (no password: cannot sign in)\nAlice B\n");
    assertThat(server.store().streamByUri("alice+b")).isPresent();
    assertThat(signIn("alice b", "first password").status()).isEqualTo(303);

    assertThat(run("second password", "passwd", "Alice B")).isZero();
    assertThat(signIn("Alice B", "first password").status()).isEqualTo(401);
    assertThat(signIn("Alice B", "second password").status()).isEqualTo(303);
    assertThat(run("demo password", "passwd", "demo")).isZero();
    assertThat(signIn("demo", "demo password").status()).isEqualTo(303);
  }

  @Test
  void removeTakesTheUsersStreamsTokensAndSessionsWithIt() {
    assertThat(run("alice password", "add", "alice")).isZero();
    Wire wire = new Wire(server.baseUrl());
    Map<String, Object> app =
        wire.json("PUT", "/v0/oauth2/disposable", null, "{\"name\":\"App\",\"blurb\":\"\"}").map();
    server.redeem((String) app.get("code"), "alice");
    String token = (String) wire.exchangeOneTimeCode(app).map().get("access_token");
    String basil =
        wire.json(
                "PUT",
                "/v0/api/stream",
                token,
                "{\"name\":\"Basil\",\"uri\":\"alice/basil\",\"status\":{\"color\":\"#00ff00\"}}")
            .field("id");
    Wire browser = Wire.withCookies(server.baseUrl());
    assertThat(browser.signIn("alice", "alice password").status()).isEqualTo(303);

    assertThat(run(null, "remove", "alice")).isZero();
    assertThat(out()).startsWith("Removed alice");
    assertThat(wire.get("/v0/api/stream/" + basil).status()).isEqualTo(404);
    assertThat(server.store().streamByUri("alice")).isEmpty();
    assertThat(
            wire.json(
                    "POST", "/v0/api/stream/" + basil + "/status", token, "{\"color\":\"#000000\"}")
                .status())
        .isEqualTo(401);
    assertThat(browser.get("/account").status()).isEqualTo(302);
    assertThat(run(null, "list")).isZero();
    assertThat(out()).doesNotContain("alice");
    assertThat(run("alice password", "add", "alice")).as("the name is free again").isZero();
  }

  @Test
  void mistakesAreNamed() {
    assertThat(run("password1", "add", "demo")).isEqualTo(1);
    assertThat(err()).contains("the name demo is taken");
    assertThat(run("password1", "add", "x!")).isEqualTo(1);
    assertThat(err()).contains("the user name x! is not valid: 3 to 64 letters");
    assertThat(run("short", "add", "bobby")).isEqualTo(1);
    assertThat(err()).contains("A password needs at least 8 characters.");
    assertThat(run(null, "add", "bobby")).isEqualTo(1);
    assertThat(err()).contains("no password given");
    assertThat(run("password1", "passwd", "nobody")).isEqualTo(1);
    assertThat(err()).contains("no user named nobody");
    assertThat(run(null, "remove", "nobody")).isEqualTo(1);
    assertThat(run(null, "rename", "demo")).isEqualTo(2);
    assertThat(err()).contains("unknown user command: rename");
    assertThat(run(null, "add")).isEqualTo(2);
    assertThat(err()).contains("user add needs a user name");
    assertThat(run(null, "list", "--in-memory")).isEqualTo(2);
    assertThat(err()).contains("--in-memory has none");
    assertThat(run(null, "list", "--bogus")).isEqualTo(2);
    assertThat(err()).contains("unknown argument: --bogus");
    assertThat(server.store().userByName("bobby")).isEmpty();
  }
}
