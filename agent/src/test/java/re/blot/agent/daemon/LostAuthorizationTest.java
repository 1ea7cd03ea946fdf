package re.blot.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.LogCapture;
import re.blot.agent.ServerControl;
import re.blot.client.Blotre;
import re.blot.client.disposable.CredentialStore;
import re.blot.client.disposable.CredentialsFile;
import re.blot.client.disposable.StoredCreds;
import re.blot.client.model.ClientInfo;
import re.blot.server.BlotreServer;
import re.blot.server.ManualClock;

/**
 * Every way the agent can lose its authorization ends with one WARN naming the redeem page and a
 * new code, the same in the status file and STATUS=, and pushes that resume once the code is
 * entered, without a restart (issue 12, cases 1, 2, 6, 7, 8).
 */
class LostAuthorizationTest {
  private static final Pattern CODE = Pattern.compile("enter the code (\\S+) \\(");

  @RegisterExtension final LogCapture logs = new LogCapture();

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final BlotreServer server =
      BlotreServer.builder().user("demo").controlApi(true).clock(clock).start();
  private AgentHarness agent;

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    server.close();
  }

  @Test
  void a401WithoutTheChallengeForATokenTheServerForgotLeadsToANewCode() throws Exception {
    authorizedAgent();
    // The agent was killed while a refresh was under way: the server rotated the tokens, the file
    // kept the old pair. Both are now unknown to the server (a 401 without the challenge).
    CredentialsFile file = CredentialStore.at(agent.creds).load().orElseThrow();
    Blotre.builder()
        .baseUrl(server.baseUrl())
        .clientInfo(new ClientInfo(file.client().clientId(), file.client().clientSecret(), ""))
        .creds(file.creds().orElseThrow().toCreds())
        .build()
        .exchangeRefreshToken();

    agent.tick();

    String code = awaitCode(2);
    assertThat(codeWarnings().get(1))
        .startsWith("Blot're no longer accepts the agent's credentials: Blot're no longer knows")
        .contains("/v0/oauth2/redeem");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .anyMatch(name -> name.startsWith("creds.json.unknown-token-"));
    assertThat(logs.messages(Level.WARN, "")).isEqualTo(codeWarnings());
    assertPersonIsToldToEnter(code);
    assertRedeemingResumesPushes(code);
  }

  @Test
  void anExpiredAccessTokenWithoutARefreshTokenLeadsToANewCode() throws Exception {
    authorizedAgent();
    agent.close();
    CredentialStore store = CredentialStore.at(agent.creds);
    CredentialsFile file = store.load().orElseThrow();
    var saved = file.creds().orElseThrow();
    store.save(
        file.withCreds(
            new StoredCreds(
                saved.accessToken(),
                saved.tokenType(),
                saved.expiresIn(),
                null,
                saved.user(),
                saved.obtainedAt())));
    server.expireAccessTokens();

    agent = new AgentHarness(dir, server, clock);

    String code = awaitCode(2);
    assertThat(codeWarnings().get(1)).contains("holds no refresh token");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .anyMatch(name -> name.startsWith("creds.json.no-refresh-token-"));
    assertThat(logs.messages(Level.WARN, "")).isEqualTo(codeWarnings());
    assertPersonIsToldToEnter(code);
    assertRedeemingResumesPushes(code);
  }

  @Test
  void revokedCredentialsShowTheNewCodeInTheStatusFileAndStatus() throws Exception {
    authorizedAgent();
    Blotre.builder()
        .baseUrl(server.baseUrl())
        .creds(CredentialStore.at(agent.creds).load().orElseThrow().creds().orElseThrow().toCreds())
        .build()
        .revoke();

    agent.tick();

    String code = awaitCode(2);
    assertThat(logs.messages(Level.WARN, ""))
        .as("one WARN: the new code")
        .isEqualTo(codeWarnings());
    assertPersonIsToldToEnter(code);
    assertRedeemingResumesPushes(code);
  }

  @Test
  void aCodeThatExpiresIsReplacedAtItsDeadlineWithoutPollingItAfterwards() throws Exception {
    agent = new AgentHarness(dir, server, clock, true);

    String first = awaitCode(1);
    String second = awaitCode(2);

    assertThat(second).isNotEqualTo(first);
    assertThat(codeWarnings().get(1))
        .startsWith("The code shown before expired before anyone entered it.");
    // The polls of the first code end exactly at its deadline.
    Duration waited = Duration.ZERO;
    for (Duration poll : agent.polls) {
      waited = waited.plus(poll);
      if (waited.compareTo(Duration.ofSeconds(1200)) >= 0) {
        break;
      }
    }
    assertThat(waited).isEqualTo(Duration.ofSeconds(1200));
    agent.ageing = false;
    assertPersonIsToldToEnter(second);
    assertRedeemingResumesPushes(second);
  }

  @Test
  void anExpiredTokenAndAFailingTokenEndpointAreOneWarnAndOneInfo() throws Exception {
    authorizedAgent();
    server.expireAccessTokens();
    ServerControl.fail(server, "POST", "/v0/oauth2/access_token", 3, 503);

    agent.tickAndAwaitPush();

    Await.until(
        "the end of the outage",
        () -> !logs.messages(Level.INFO, "re.blot.agent.publish.OutageLog").isEmpty());
    assertThat(logs.messages(Level.WARN, ""))
        .hasSize(2) // the first run's code, and the outage
        .last()
        .asString()
        .contains("503");
    assertThat(logs.messages(Level.INFO, "re.blot.agent.publish.OutageLog"))
        .singleElement()
        .asString()
        .contains("works again");
  }

  @Test
  void aCredentialsFileTheParserRejectsIsMovedAsideNamedAndReplacedByANewCode() throws Exception {
    Files.writeString(
        dir.resolve("creds.json"),
        "{\"client\": {\"client_id\": \"c\", \"client_secret\": \"s\"}, \"junk\": "
            + "[".repeat(300)
            + "]".repeat(300)
            + "}");

    agent = new AgentHarness(dir, server, clock);

    String code = awaitCode(1);
    assertThat(logs.messages(Level.ERROR, ""))
        .singleElement()
        .asString()
        .startsWith("Cannot use the credentials: credentials file " + dir.resolve("creds.json"))
        .contains("Nesting too deep");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .anyMatch(name -> name.startsWith("creds.json.corrupt-"));
    assertPersonIsToldToEnter(code);
    assertRedeemingResumesPushes(code);
  }

  @Test
  void aDirectoryItCannotWriteIsOneErrorAndPushingGoesOnWithTheTokensItHolds() throws Exception {
    authorizedAgent();
    agent.close();
    // As a read-only directory would: root, who runs the tests here, can write anywhere.
    Files.delete(dir.resolve("creds.json.lock"));
    Files.createDirectory(dir.resolve("creds.json.lock"));
    int codes = codes().size();

    agent = new AgentHarness(dir, server, clock);
    Await.until("a push with the saved tokens", () -> agent.pushes.get() >= 1);
    agent.tickAndAwaitPush();
    agent.tickAndAwaitPush();

    assertThat(logs.messages(Level.ERROR, ""))
        .singleElement()
        .asString()
        .startsWith("Cannot create the lock file " + dir.resolve("creds.json.lock"))
        .contains("Make " + dir + " writable");
    assertThat(codes()).hasSize(codes);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .noneMatch(name -> name.contains(".corrupt-"));
  }

  /** A first run: the code is shown, redeemed, and the first reading pushed. */
  private void authorizedAgent() {
    agent = new AgentHarness(dir, server, clock); // Its first reading is taken at once.
    String code = awaitCode(1);
    server.redeem(code, "demo");
    Await.until("the first push", () -> agent.pushes.get() >= 1);
  }

  /** One WARN per code, naming it; the status file and STATUS= name it as well. */
  private void assertPersonIsToldToEnter(String code) {
    assertThat(codeWarnings().get(codeWarnings().size() - 1)).contains("enter the code " + code);
    assertThat(codes()).containsOnlyOnce(code);
    Await.until("the code in the status file", () -> agent.status().contains(code));
    Await.until("the code in STATUS=", () -> agent.lastStatus().contains(code));
    assertThat(agent.status())
        .contains("authorization needed: open " + server.baseUrl() + "/v0/oauth2/redeem")
        .contains("\"code\": \"" + code + "\"");
    assertThat(agent.lastStatus())
        .startsWith("STATUS=")
        .contains("authorization needed: open " + server.baseUrl() + "/v0/oauth2/redeem")
        .contains("enter the code " + code);
    assertThat(logs.messages(Level.WARN, "re.blot.agent.publish.OutageLog")).isEmpty();
  }

  private void assertRedeemingResumesPushes(String code) {
    int before = agent.pushes.get();
    server.redeem(code, "demo");
    Await.until("the push with the new authorization", () -> agent.pushes.get() > before);
    agent.tickAndAwaitPush();
    Await.until("the status after the push", () -> agent.status().contains("; last push "));
    Await.until("STATUS= after the push", () -> agent.lastStatus().contains("; last push "));
    assertThat(agent.status()).contains("\"authorization\": null").doesNotContain(code);
    assertThat(agent.lastStatus()).doesNotContain("authorization needed");
  }

  private String awaitCode(int count) {
    Await.until("code number " + count + " in the log", () -> codes().size() >= count);
    return codes().get(count - 1);
  }

  private List<String> codeWarnings() {
    return logs.messages(Level.WARN, "re.blot.client.disposable.authorization");
  }

  private List<String> codes() {
    return codeWarnings().stream()
        .map(CODE::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .toList();
  }
}
