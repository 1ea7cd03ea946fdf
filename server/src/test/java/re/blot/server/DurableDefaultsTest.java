package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.Store;

/**
 * What a durable server starts with: no user nobody created and no app whose secret is published
 * (the in-memory server keeps both, for the demo and the tests), and what an upgrade does with the
 * ones an earlier version left in the database. SQLite, or PostgreSQL in that run.
 */
class DurableDefaultsTest {
  private final TestDatabases databases = new TestDatabases();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private String url;
  private BlotreServer server;

  @BeforeEach
  void database() {
    url = databases.durableUrl();
    log.start();
    serverLogger().addAppender(log);
  }

  private static Logger serverLogger() {
    return (Logger) LoggerFactory.getLogger(BlotreServer.class);
  }

  /** The server's WARN lines since the last call. */
  private List<String> warnings() {
    List<String> lines =
        log.list.stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    log.list.clear();
    return lines;
  }

  @AfterEach
  void stop() {
    serverLogger().detachAppender(log);
    if (server != null) {
      server.close();
    }
    databases.close();
  }

  @Test
  void aFreshDurableServerHasNoDemoUserAndRefusesTheDemoApp() {
    server = BlotreServer.builder().database(url).passwordCost(4).start();
    assertThat(warnings()).isEmpty();
    assertThat(server.store().users()).isEmpty();
    assertThat(server.registeredClient()).isEmpty();
    server.addUser("alice");
    assertDemoApp(signedIn("alice"), false);
  }

  @Test
  void inMemoryTheDemoUserAndAppAreStillThere() {
    try (BlotreServer memory = BlotreServer.builder().start()) {
      assertThat(memory.store().users()).extracting(u -> u.userName()).containsExactly("demo");
      assertThat(memory.registeredClient().orElseThrow().clientSecret())
          .isEqualTo(BlotreServer.DEFAULT_CLIENT_SECRET);
      assertDemoApp(new Wire(memory.baseUrl()), true);
    }
  }

  @Test
  void anUpgradeRemovesTheDemoUserAndAppAnEarlierVersionLeftUnused() throws SQLException {
    startAsAnEarlierVersion();
    server.close();
    forgetTheMigrationThatRemovesThem();

    warnings();
    server = BlotreServer.builder().database(url).passwordCost(4).start();
    assertThat(warnings()).isEmpty();
    assertThat(server.store().users()).extracting(u -> u.userName()).containsExactly("alice");
    assertDemoApp(signedIn("alice"), false);
  }

  @Test
  void anUpgradeKeepsADemoUserAndAppThatWereUsed() throws SQLException {
    startAsAnEarlierVersion();
    server.setPassword("demo", "someone adopted this account");
    Store store = server.store();
    ClientRecord app =
        store
            .registeredClient(BlotreServer.DEFAULT_CLIENT_ID, BlotreServer.DEFAULT_REDIRECT_URI)
            .orElseThrow();
    String code =
        store.issueAuthCode(
            app, store.userByName("alice").orElseThrow(), BlotreServer.DEFAULT_REDIRECT_URI);
    Wire.Answer tokens =
        new Wire(server.baseUrl())
            .form(
                "/v0/oauth2/access_token",
                Map.of(
                    "grant_type", "authorization_code",
                    "client_id", BlotreServer.DEFAULT_CLIENT_ID,
                    "client_secret", BlotreServer.DEFAULT_CLIENT_SECRET,
                    "code", code,
                    "redirect_uri", BlotreServer.DEFAULT_REDIRECT_URI));
    assertThat(tokens.status()).isEqualTo(200);
    server.close();
    forgetTheMigrationThatRemovesThem();

    warnings();
    server = BlotreServer.builder().database(url).passwordCost(4).start();
    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith(
            "The demo app (client id 5e0000000000000000000001) is still registered in this"
                + " database, and its secret is published");
    assertThat(server.store().users())
        .extracting(u -> u.userName())
        .containsExactlyInAnyOrder("demo", "alice");
    Wire wire = new Wire(server.baseUrl());
    Wire.Answer refreshed =
        wire.form(
            "/v0/oauth2/access_token",
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                BlotreServer.DEFAULT_CLIENT_ID,
                "client_secret",
                BlotreServer.DEFAULT_CLIENT_SECRET,
                "refresh_token",
                tokens.field("refresh_token")));
    assertThat(refreshed.status())
        .as("an app someone built on the demo app goes on with its tokens")
        .isEqualTo(200);
    assertDemoApp(signedIn("alice"), true);
    assertThat(
            Wire.withCookies(server.baseUrl())
                .signIn("demo", "someone adopted this account")
                .status())
        .isEqualTo(303);
  }

  /** What a server before this version made of a database started without --user. */
  private void startAsAnEarlierVersion() {
    server =
        BlotreServer.builder()
            .database(url)
            .user("demo")
            .user("alice")
            .registeredClient(
                BlotreServer.DEFAULT_CLIENT_ID,
                BlotreServer.DEFAULT_CLIENT_SECRET,
                BlotreServer.DEFAULT_REDIRECT_URI)
            .passwordCost(4)
            .start();
    assertDemoApp(signedIn("alice"), true);
  }

  /**
   * Makes the database look as if an earlier version wrote it: the migration that removes the demo
   * user and app changes no table, so without its history row Flyway runs it again at the next
   * start, as it does on the first start of an upgrade.
   */
  private void forgetTheMigrationThatRemovesThem() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '3'"))
          .isEqualTo(1);
    }
  }

  /**
   * Whether the demo app's published id and redirect find an app on this server: its consent page
   * opens for the {@code browser}, else it is 404 "No matching application".
   */
  private static void assertDemoApp(Wire browser, boolean registered) {
    Wire.Answer consent =
        browser.get(
            "/v0/oauth2/authorize?response_type=code&client_id="
                + BlotreServer.DEFAULT_CLIENT_ID
                + "&redirect_uri="
                + BlotreServer.DEFAULT_REDIRECT_URI);
    if (registered) {
      assertThat(consent.status()).isEqualTo(200);
      assertThat(consent.body()).contains("Allow");
    } else {
      assertThat(consent.status()).isEqualTo(404);
      assertThat(consent.body()).contains("No matching application found.");
    }
  }

  /** A browser signed in as {@code name} (its password set now). */
  private Wire signedIn(String name) {
    server.setPassword(name, "password of " + name);
    Wire browser = Wire.withCookies(server.baseUrl());
    assertThat(browser.signIn(name, "password of " + name).status()).isEqualTo(303);
    return browser;
  }
}
