package re.blot.client.disposable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import re.blot.client.Blotre;
import re.blot.client.RestException;
import re.blot.client.internal.Json;
import re.blot.client.model.Creds;
import re.blot.server.BlotreServer;
import re.blot.server.ManualClock;
import re.blot.server.store.Lifetimes;

/** The disposable app end to end against the emulator, on a fake clock shared by both. */
class DisposableAppTest {
  static final String NAME = "Plant're";
  static final String TOKEN_PATH = "/v0/oauth2/access_token";

  @TempDir Path dir;
  Path file;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  BlotreServer emulator;
  final RecordingChannel channel = new RecordingChannel();

  /** "METHOD path" of every request the app sent. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  /** Run at every wait of the app, after the clock moved on. */
  Runnable onWait = () -> {};

  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final OkHttpClient http =
      new OkHttpClient.Builder()
          .addInterceptor(
              chain -> {
                requests.add(chain.request().method() + " " + chain.request().url().encodedPath());
                return chain.proceed(chain.request());
              })
          .build();

  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger clientLogger = (Logger) LoggerFactory.getLogger("re.blot.client");

  /** Every secret seen in a test, to check none of them was logged. */
  final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void setUp() {
    file = dir.resolve(NAME + ".client_data.json");
    startServer(Lifetimes.DEFAULTS);
    logged.start();
    clientLogger.addAppender(logged);
    clientLogger.setLevel(Level.DEBUG);
    // Captured here; the console shows only what the test configuration lets through.
    clientLogger.setAdditive(false);
  }

  void startServer(Lifetimes lifetimes) {
    emulator =
        BlotreServer.builder().port(0).user("demo").clock(clock).lifetimes(lifetimes).start();
  }

  @AfterEach
  void tearDown() {
    clientLogger.detachAppender(logged);
    clientLogger.setLevel(null);
    clientLogger.setAdditive(true);
    emulator.close();
    channel.prompts.forEach(prompt -> secrets.add(prompt.code()));
    for (ILoggingEvent event : logged.list) {
      if (event.getLoggerName().equals("re.blot.client.disposable.authorization")) {
        continue;
      }
      String text = event.getFormattedMessage();
      for (String secret : secrets) {
        assertThat(text).as("log line from %s", event.getLoggerName()).doesNotContain(secret);
      }
    }
  }

  DisposableApp app() {
    return DisposableApp.builder(NAME, "Blot're you a plant.")
        .credentialsFile(file)
        .userChannel(channel)
        .baseUrl(emulator.baseUrl())
        .okHttpClient(http)
        .clock(clock)
        .pollWaiter(
            (delay, wakeUp) -> {
              waits.add(delay);
              clock.advance(delay);
              onWait.run();
            })
        .build();
  }

  long polls() {
    return requests.stream().filter(request -> request.equals("POST " + TOKEN_PATH)).count();
  }

  /** Redeems the code shown last once the app has polled {@code afterPolls} times for it. */
  void redeemAfter(int afterPolls) {
    long[] pollsBefore = {-1};
    int[] promptsSeen = {0};
    onWait =
        () -> {
          if (channel.prompts.size() != promptsSeen[0]) {
            promptsSeen[0] = channel.prompts.size();
            pollsBefore[0] = polls();
          }
          if (polls() - pollsBefore[0] == afterPolls) {
            emulator.redeem(channel.last().code(), "demo");
          }
        };
  }

  Blotre authorizeFresh() {
    redeemAfter(0);
    Blotre blotre = app().authorize();
    remember(blotre);
    return blotre;
  }

  void remember(Blotre blotre) {
    secrets.add(blotre.getClientInfo().clientSecret());
    secrets.add(blotre.getCreds().accessToken());
    secrets.add(blotre.getCreds().refreshToken());
  }

  Map<String, Object> json(Path path) throws IOException {
    return Json.objectAdapter().fromJson(Files.readString(path));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  String root(Blotre blotre) {
    return blotre.getCreds().user().rootStream();
  }

  List<Path> aside(String reason) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p -> p.getFileName().toString().startsWith(file.getFileName() + "." + reason + "-"))
          .toList();
    }
  }

  long writes() {
    return logged.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith("Wrote credentials file"))
        .count();
  }

  @Test
  void tokensThatCouldNotBeSavedAreSavedAtTheNextTryWithoutAStackTrace() throws IOException {
    DisposableApp app = app();
    redeemAfter(0);
    Blotre blotre = app.authorize();
    remember(blotre);
    String before = blotre.getCreds().accessToken();
    // A directory where the temp file goes makes every write fail, as a full disk would.
    Path blocker = Files.createDirectories(dir.resolve(file.getFileName() + ".tmp/x"));
    emulator.expireAccessTokens();

    blotre.setStreamStatus(root(blotre), "#00ff00");
    remember(blotre);

    assertThat(blotre.getCreds().accessToken()).isNotEqualTo(before);
    assertThat(object(json(file), "creds").get("access_token")).isEqualTo(before);
    assertThat(logged.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("Cannot save the new tokens"))
        .singleElement()
        .satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
    app.saveUnsaved();
    assertThat(object(json(file), "creds").get("access_token")).isEqualTo(before);

    Files.delete(blocker);
    Files.delete(blocker.getParent());
    app.saveUnsaved();

    assertThat(object(json(file), "creds").get("access_token"))
        .isEqualTo(blotre.getCreds().accessToken());
    assertThat(logged.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("Cannot save the new tokens"))
        .hasSize(1);
    assertThat(logged.list)
        .anyMatch(e -> e.getFormattedMessage().startsWith("Saved the new tokens"));
    assertThat(dir.resolve(file.getFileName() + ".tmp")).doesNotExist();
  }

  @Test
  void aProcessKilledDuringTheCodeExchangeNeverShowsThatUsedCodeAgain() throws IOException {
    DisposableApp[] killed = new DisposableApp[1];
    List<Object> codeInFileDuringExchange = new CopyOnWriteArrayList<>();
    OkHttpClient dying =
        http.newBuilder()
            .addInterceptor(
                chain -> {
                  if (!chain.request().url().encodedPath().equals(TOKEN_PATH)) {
                    return chain.proceed(chain.request());
                  }
                  codeInFileDuringExchange.add(
                      String.valueOf(object(json(file), "client").get("code")));
                  emulator.redeem(channel.last().code(), "demo");
                  // The server exchanges the code, then the process dies before the reply is read.
                  chain.proceed(chain.request()).close();
                  killed[0].cancel();
                  throw new IOException("killed");
                })
            .build();
    killed[0] =
        DisposableApp.builder(NAME, "Blot're you a plant.")
            .credentialsFile(file)
            .userChannel(channel)
            .baseUrl(emulator.baseUrl())
            .okHttpClient(dying)
            .clock(clock)
            .pollWaiter((delay, wakeUp) -> clock.advance(delay))
            .build();
    assertThatThrownBy(killed[0]::authorize).isInstanceOf(AuthorizationCancelledException.class);
    String used = channel.last().code();

    redeemAfter(0);
    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(codeInFileDuringExchange).containsExactly("null");
    assertThat(channel.prompts).hasSize(2);
    assertThat(channel.last().code()).isNotEqualTo(used);
    assertThat(blotre.getCreds().user().userName()).isEqualTo("demo");
  }

  @Test
  void firstRunShowsTheCodeOncePollsUntilRedeemedAndSavesThePythonLayoutPrivately()
      throws IOException {
    redeemAfter(2);

    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(channel.prompts).hasSize(1);
    AuthorizationPrompt prompt = channel.last();
    assertThat(prompt.redeemUrl()).isEqualTo(emulator.baseUrl() + "/v0/oauth2/redeem");
    assertThat(prompt.code()).matches("[A-Za-z0-9]{8}");
    assertThat(prompt.expiresAt()).isEqualTo(Instant.parse("2026-11-28T09:20:00Z"));
    assertThat(prompt.message()).contains(NAME, prompt.redeemUrl(), prompt.code(), "20 minutes");
    assertThat(prompt.toString()).doesNotContain(prompt.code());
    assertThat(polls()).isEqualTo(3);
    assertThat(waits)
        .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(5)));
    assertThat(channel.authorizedBy).containsExactly("demo");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Map<String, Object> saved = json(file);
    assertThat(saved.keySet()).containsExactly("client", "creds", "config");
    assertThat(object(saved, "client"))
        .containsEntry("client_id", blotre.getClientInfo().clientId())
        .containsEntry("client_secret", blotre.getClientInfo().clientSecret())
        // Used up by the exchange: a restart must never show it again.
        .doesNotContainKey("code");
    assertThat(object(saved, "creds"))
        .containsEntry("access_token", blotre.getCreds().accessToken())
        .containsEntry("refresh_token", blotre.getCreds().refreshToken())
        .containsEntry("token_type", "bearer");
    assertThat(object(object(saved, "creds"), "user")).containsEntry("userName", "demo");
    assertThat(object(saved, "config"))
        .containsEntry("protocol", "http")
        .containsEntry("host", emulator.baseUrl().substring("http://".length()));

    assertThat(blotre.setStreamStatus(root(blotre), "#00ff00").color()).isEqualTo("#00ff00");
  }

  @Test
  void laterRunsUseTheFileWithoutPromptOrRequest() throws IOException {
    Blotre first = authorizeFresh();
    byte[] before = Files.readAllBytes(file);
    channel.prompts.clear();
    requests.clear();

    Blotre again = app().authorize();

    assertThat(channel.prompts).isEmpty();
    assertThat(requests).isEmpty();
    assertThat(again.getCreds().accessToken()).isEqualTo(first.getCreds().accessToken());
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    again.setStreamStatus(root(again), "#123456");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndSavedExactlyOnce() throws IOException {
    Blotre first = authorizeFresh();
    Blotre blotre = app().authorize();
    emulator.expireAccessTokens();
    long writesBefore = writes();

    blotre.setStreamStatus(root(blotre), "#abcdef");
    remember(blotre);

    assertThat(writes() - writesBefore).isEqualTo(1);
    assertThat(blotre.getCreds().refreshToken()).isNotEqualTo(first.getCreds().refreshToken());
    assertThat(object(json(file), "creds"))
        .containsEntry("refresh_token", blotre.getCreds().refreshToken());
  }

  @Test
  void aKnownExpiredTokenIsRefreshedAtStartUp() throws IOException {
    Blotre first = authorizeFresh();
    clock.advance(Duration.ofHours(3));
    requests.clear();

    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(requests).containsExactly("POST " + TOKEN_PATH);
    assertThat(channel.prompts).hasSize(1);
    assertThat(blotre.getCreds().refreshToken()).isNotEqualTo(first.getCreds().refreshToken());
    assertThat(object(json(file), "creds"))
        .containsEntry("refresh_token", blotre.getCreds().refreshToken());
  }

  @Test
  void aSecondProcessUsesTheTokensTheFirstSavedInsteadOfSpendingTheOldRefreshToken() {
    authorizeFresh();
    Blotre one = app().authorize();
    Blotre two = app().authorize();
    emulator.expireAccessTokens();

    one.setStreamStatus(root(one), "#111111");
    remember(one);
    requests.clear();
    two.setStreamStatus(root(two), "#222222");

    assertThat(two.getCreds().refreshToken()).isEqualTo(one.getCreds().refreshToken());
    assertThat(requests).doesNotContain("POST " + TOKEN_PATH);
  }

  @Test
  void twoProcessesSharingTheFileTakeTurnsRotatingWithoutLosingAuthorization() throws IOException {
    authorizeFresh();
    List<Blotre> processes = List.of(app().authorize(), app().authorize());
    String statusPath = "POST /v0/api/stream/" + root(processes.get(0)) + "/status";
    for (int round = 0; round < 4; round++) {
      Blotre first = processes.get(round % 2);
      Blotre second = processes.get((round + 1) % 2);
      emulator.expireAccessTokens();

      requests.clear();
      first.setStreamStatus(root(first), "#10101" + round);
      remember(first);
      assertThat(requests).containsExactly(statusPath, "POST " + TOKEN_PATH, statusPath);

      // Its tokens were replaced by the other's refresh: sent again once with the file's tokens.
      requests.clear();
      second.setStreamStatus(root(second), "#20202" + round);
      assertThat(requests).containsExactly(statusPath, statusPath);
      assertThat(second.getCreds()).isEqualTo(first.getCreds());
      assertThat(object(json(file), "creds"))
          .containsEntry("refresh_token", first.getCreds().refreshToken());
    }
  }

  @Test
  void aRevokedRefreshTokenAtStartUpMovesTheFileAsideAndRegistersAnew() throws IOException {
    Blotre first = authorizeFresh();
    byte[] old = Files.readAllBytes(file);
    first.revoke();
    clock.advance(Duration.ofHours(3));

    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(aside("revoked"))
        .singleElement()
        .satisfies(path -> assertThat(Files.readAllBytes(path)).isEqualTo(old));
    assertThat(channel.prompts).hasSize(2);
    assertThat(blotre.getClientInfo().clientId()).isNotEqualTo(first.getClientInfo().clientId());
    assertThat(object(json(file), "client"))
        .containsEntry("client_id", blotre.getClientInfo().clientId());
    assertThat(logged.list)
        .anySatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains(
                        "refused to refresh",
                        file.toString(),
                        "revoked or has expired (invalid_grant)"));
  }

  @Test
  void aRefreshTokenRevokedWhileRunningFailsTheCallThenAuthorizeRegistersAnew() throws IOException {
    Blotre first = authorizeFresh();
    DisposableApp app = app();
    Blotre blotre = app.authorize();
    first.revoke();

    assertThatThrownBy(() -> blotre.setStreamStatus(root(blotre), "#ffffff"))
        .isInstanceOf(RestException.class)
        .satisfies(e -> assertThat(DisposableApp.isAuthorizationLost(e)).isTrue());
    assertThat(aside("revoked")).hasSize(1);
    assertThat(file).doesNotExist();

    Blotre renewed = app.authorize();
    remember(renewed);
    assertThat(channel.prompts).hasSize(2);
    renewed.setStreamStatus(root(renewed), "#ffffff");
  }

  @Test
  void whenAnotherProcessRegisteredMeanwhileTheRedeemedClientIsSavedWithItsOwnTokens()
      throws IOException {
    onWait =
        () -> {
          CredentialStore.at(file)
              .save(
                  CredentialsFile.of(
                          new StoredClient(
                              "55a3f1c2e4b0a1b2c3d4e5f6",
                              "other",
                              "Xx1Yy2Zz",
                              clock.instant().plusSeconds(1200)))
                      .withBaseUrl(emulator.baseUrl()));
          emulator.redeem(channel.last().code(), "demo");
        };

    Blotre blotre = app().authorize();
    remember(blotre);

    Map<String, Object> saved = json(file);
    assertThat(object(saved, "client"))
        .containsEntry("client_id", blotre.getClientInfo().clientId());
    assertThat(object(saved, "creds"))
        .containsEntry("access_token", blotre.getCreds().accessToken());
  }

  @Test
  void anExpiredCodeLeadsToANewCode() {
    emulator.close();
    startServer(
        new Lifetimes(
            Duration.ofHours(2), Duration.ofDays(14), Duration.ofHours(1), Duration.ofSeconds(30)));
    onWait =
        () -> {
          if (channel.prompts.size() == 2) {
            emulator.redeem(channel.last().code(), "demo");
          }
        };

    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(channel.prompts).hasSize(2);
    assertThat(channel.prompts.get(0).code()).isNotEqualTo(channel.prompts.get(1).code());
    assertThat(blotre.getCreds().user().userName()).isEqualTo("demo");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{\"client\": {\"client_id\": \"55a3f1c2e4b0a1b2c3d4e5f6\", \"client_se",
        "not json",
        "{\"creds\": {}}"
      })
  void anUnusableFileIsReportedMovedAsideAndReplaced(String content) throws IOException {
    Files.writeString(file, content);

    Blotre blotre = authorizeFresh();

    assertThat(aside("corrupt"))
        .singleElement()
        .satisfies(path -> assertThat(Files.readString(path)).isEqualTo(content));
    assertThat(logged.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getFormattedMessage()).contains("credentials file " + file);
            });
    assertThat(channel.prompts).hasSize(1);
    assertThat(object(json(file), "creds"))
        .containsEntry("access_token", blotre.getCreds().accessToken());
  }

  @Test
  void aFileForAnotherServerIsMovedAside() throws IOException {
    Files.writeString(file, CredentialsFileTest.PYTHON_FILE);

    authorizeFresh();

    assertThat(aside("other-server")).hasSize(1);
    assertThat(channel.prompts).hasSize(1);
  }

  @Test
  void aFileInThePythonClientsExactLayoutIsUsedAsItIs() throws IOException {
    Blotre disposable =
        Blotre.createDisposable(
            Blotre.builder().baseUrl(emulator.baseUrl()).clock(clock), NAME, "x");
    emulator.redeem(disposable.getDisposableClient().code(), "demo");
    Creds creds = disposable.redeemOnetimeCode();
    remember(disposable);
    secrets.add(disposable.getDisposableClient().code());
    String python =
        "{\"client\": {\"client_secret\": \""
            + disposable.getClientInfo().clientSecret()
            + "\","
            + " \"code\": \""
            + disposable.getDisposableClient().code()
            + "\", \"client_id\": \""
            + disposable.getClientInfo().clientId()
            + "\"},"
            + " \"config\": {\"host\": \""
            + emulator.baseUrl().substring("http://".length())
            + "\", \"protocol\": \"http\"},"
            + " \"creds\": {\"access_token\": \""
            + creds.accessToken()
            + "\", \"token_type\": \"bearer\","
            + " \"expires_in\": 7200, \"refresh_token\": \""
            + creds.refreshToken()
            + "\", \"user\": {\"id\": \""
            + creds.user().id()
            + "\", \"userName\": \"demo\", \"rootStream\": \""
            + creds.user().rootStream()
            + "\"}}}";
    Files.writeString(file, python);

    Blotre blotre = app().authorize();

    assertThat(channel.prompts).isEmpty();
    assertThat(requests).isEmpty();
    assertThat(Files.readString(file, UTF_8)).isEqualTo(python);
    blotre.setStreamStatus(root(blotre), "#00ff00");
  }

  @Test
  void cancellingStopsTheWaitAndARestartResumesTheSameCode() {
    DisposableApp app = app();
    onWait = app::cancel;

    assertThatThrownBy(app::authorize)
        .isInstanceOf(AuthorizationCancelledException.class)
        .hasMessageContaining("cancel() was called")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(app::authorize).isInstanceOf(AuthorizationCancelledException.class);
    String code = channel.last().code();
    assertThat(polls()).isZero();

    redeemAfter(1);
    Blotre blotre = app().authorize();
    remember(blotre);

    assertThat(channel.prompts)
        .hasSize(2)
        .allSatisfy(prompt -> assertThat(prompt.code()).isEqualTo(code));
    assertThat(requests).filteredOn(request -> request.startsWith("PUT")).hasSize(1);
  }

  @Test
  void interruptingTheWaitingThreadCancels() {
    DisposableApp app =
        DisposableApp.builder(NAME, "b")
            .credentialsFile(file)
            .userChannel(channel)
            .baseUrl(emulator.baseUrl())
            .clock(clock)
            .pollWaiter(
                (delay, wakeUp) -> {
                  throw new InterruptedException();
                })
            .build();

    assertThatThrownBy(app::authorize)
        .isInstanceOf(AuthorizationCancelledException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
  }
}
