package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import re.blot.agent.Await;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.config.ConfigLoader;
import re.blot.agent.config.ConfigWriter;
import re.blot.server.BlotreServer;

/**
 * {@code setup} on a console, as {@code sudo blotre-agent setup} runs it under the package: it
 * finds the server, or says in one line why the URL is not one.
 */
class SetupCommandTest {

  @TempDir Path dir;

  private final BlotreServer emulator = BlotreServer.builder().user("demo").start();
  private LiveEnvironment live;

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
    emulator.close();
  }

  @Test
  void showsTheCodeThenTheUserAndTheStreamsAndKeepsCredentialsInTheStateDirectory()
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"),
            """
        [server]
        parent = demo/balcony
        [sensor.Basil]
        [sensor.Fern]
        stream = Big Fern
        channel = 1
        """);
    live = new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "--server", emulator.baseUrl(), "setup");
    redeemTheCodeOnTheConsoleAsDemo();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(live.out.toString())
        .contains(
            "The agent is authorized as Blot're user demo on "
                + emulator.baseUrl()
                + "; credentials are in "
                + dir.resolve("creds.json")
                + ".\n"
                + "It will write to:\n"
                + "  demo/balcony/basil  (sensor Basil)\n"
                + "  demo/balcony/big+fern  (sensor Fern)\n");
    assertThat(dir.resolve("creds.json")).exists();
    assertThat(live.listensForStop()).isFalse();
  }

  @Test
  void aParentStreamOfAnotherUserIsAConfigurationError() throws Exception {
    emulator.addUser("neighbour");
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"), "[server]\nparent = Neighbour/roses\n[sensor.Basil]\n");
    live = new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "--server", emulator.baseUrl(), "setup");
    redeemTheCodeOnTheConsoleAsDemo();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(live.err.toString())
        .startsWith(
            "Configuration error: [server] parent 'Neighbour/roses' is a stream of user neighbour,"
                + " not of demo who authorized the agent");
    assertThat(Files.readString(config))
        .as("a failed setup saves no server")
        .isEqualTo("[server]\nparent = Neighbour/roses\n[sensor.Basil]\n");
  }

  @Test
  void asRootThroughTheLauncherTheNewConfigGoesIntoTheFileItHandsOver() throws Exception {
    String text =
        """
        # Installed by the package.
        [server]
        # url = http://192.168.1.10:8080

        [sensor.Basil]
        """;
    Path config = Files.writeString(dir.resolve("agent.conf"), text);
    Path handover = Files.createFile(dir.resolve(".agent.conf.Xy12Ab"));
    live =
        new LiveEnvironment(
            Map.of(
                "STATE_DIRECTORY", dir.toString(), SetupCommand.HANDOVER_ENV, handover.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "setup", "--server", emulator.baseUrl());
    redeemTheCodeOnTheConsoleAsDemo();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(Files.readString(handover))
        .isEqualTo(text.replace("# url = http://192.168.1.10:8080", "url = " + emulator.baseUrl()));
    assertThat(Files.readString(config)).as("left for the launcher to replace").isEqualTo(text);
    assertThat(live.out.toString()).contains("The server's URL is saved in " + config + ".\n");
  }

  @Test
  void aServerTheConfigNamesAlreadyLeavesTheHandedOverFileEmpty() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agent.conf"),
            "[server]\nurl = " + emulator.baseUrl() + "\n[sensor.Basil]\n");
    Path handover = Files.createFile(dir.resolve(".agent.conf.Xy12Ab"));
    live =
        new LiveEnvironment(
            Map.of(
                "STATE_DIRECTORY", dir.toString(), SetupCommand.HANDOVER_ENV, handover.toString()));

    Future<Integer> exit = live.start("--config", config.toString(), "setup");
    redeemTheCodeOnTheConsoleAsDemo();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(handover).isEmptyFile();
    assertThat(live.out.toString()).contains("The server is the one in " + config + ".\n");
  }

  @Test
  void aHandedOverFileThatIsNotBesideTheConfigIsRefusedBeforeAnythingElse() throws Exception {
    Path config = Files.writeString(dir.resolve("agent.conf"), "[sensor.Basil]\n");
    Path handover = Files.createFile(Files.createDirectory(dir.resolve("elsewhere")).resolve("x"));
    live =
        new LiveEnvironment(
            Map.of(
                "STATE_DIRECTORY", dir.toString(), SetupCommand.HANDOVER_ENV, handover.toString()));

    Future<Integer> exit =
        live.start("--config", config.toString(), "--server", emulator.baseUrl(), "setup");

    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(live.err.toString())
        .isEqualTo(
            "Configuration error: "
                + SetupCommand.HANDOVER_ENV
                + " is "
                + handover
                + ", which is not beside "
                + config
                + "\n");
    assertThat(live.out.toString()).isEmpty();
    assertThat(handover).isEmptyFile();
  }

  @Test
  void asksForTheServerWhenNoneIsConfiguredAndWritesItKeepingCommentsAndMode() throws Exception {
    Path config = dir.resolve("agent.conf");
    Files.writeString(
        config,
        """
        # My agent.
        [server]
        # The Blot're server.
        # url = http://192.168.1.10:8080
        parent = demo/balcony

        [sensor.Basil]
        """);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
    live =
        new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()), emulator.baseUrl() + "\n");

    Future<Integer> exit = live.start("--config", config.toString(), "setup");
    redeemTheCodeOnTheConsoleAsDemo();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(live.out.toString())
        .startsWith(
            "No Blot're server is configured yet.\n"
                + "Your Blot're server's URL (e.g. http://192.168.1.10:8080): Checking that "
                + emulator.baseUrl()
                + " answers the Blot're API...\n\n"
                + "To authorize blotre-agent")
        .contains("The server's URL is saved in " + config + ".\n");
    assertThat(Files.readString(config))
        .isEqualTo(
            """
            # My agent.
            [server]
            # The Blot're server.
            url = %s
            parent = demo/balcony

            [sensor.Basil]
            """
                .formatted(emulator.baseUrl()));
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(live.err.toString()).isEmpty();
  }

  @Test
  void withoutAnyConfigFileTheServerGoesIntoANewFileFromTheTemplate() throws Exception {
    Path config = dir.resolve("etc/agent.conf");
    ConfigLoader.Loaded defaults =
        new ConfigLoader.Loaded(AgentConfig.defaults(), config, Optional.empty());

    ConfigWriter.writeServerUrl(defaults, emulator.baseUrl());

    assertThat(Files.readString(config))
        .isEqualTo(
            ConfigLoader.template()
                .replace("# url = http://192.168.1.10:8080", "url = " + emulator.baseUrl()));
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThat(failedSetup("http://127.0.0.1:" + port))
        .isEqualTo(
            "blotre-agent: Cannot use http://127.0.0.1:"
                + port
                + " as the Blot're server: the connection to 127.0.0.1:"
                + port
                + " is refused or has no route; check that the server runs, on this address and port");
  }

  @Test
  void aNameThatDoesNotResolveIsADnsProblem() throws Exception {
    // RFC 6761: .invalid never resolves.
    assertThat(failedSetup("https://plants.invalid"))
        .isEqualTo(
            "blotre-agent: Cannot use https://plants.invalid as the Blot're server: the name"
                + " plants.invalid is not found (DNS); check its spelling, and this machine's"
                + " network");
  }

  @Test
  void aWebServerThatIsNotBlotreIsNamedSo() throws Exception {
    try (MockWebServer web = new MockWebServer()) {
      web.enqueue(
          new MockResponse.Builder()
              .code(404)
              .setHeader("Content-Type", "text/html")
              .body("<html><body><h1>404 Not Found</h1></body></html>")
              .build());
      web.start();
      String url = "http://127.0.0.1:" + web.getPort();

      assertThat(failedSetup(url))
          .isEqualTo(
              "blotre-agent: Cannot use "
                  + url
                  + " as the Blot're server: it answers, but is not a Blot're server (GET"
                  + " /v0/api/stream gave HTTP 404); check the host and port, and that the URL has"
                  + " no path");
    }
  }

  @Test
  void aSelfSignedCertificateIsATlsError() throws Exception {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates certificates =
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build();
    try (MockWebServer web = new MockWebServer()) {
      web.useHttps(certificates.sslSocketFactory());
      web.start();
      String url = "https://localhost:" + web.getPort();

      assertThat(failedSetup(url))
          .isEqualTo(
              "blotre-agent: Cannot use "
                  + url
                  + " as the Blot're server: TLS error: its certificate is not trusted here"
                  + " (self-signed, or from an unknown authority); give it a certificate this"
                  + " machine trusts, e.g. through a reverse proxy");
    }
  }

  private void redeemTheCodeOnTheConsoleAsDemo() {
    Await.until(
        "the code on the console", () -> LiveEnvironment.CODE.matcher(live.out.toString()).find());
    Matcher code = LiveEnvironment.CODE.matcher(live.out.toString());
    assertThat(code.find()).isTrue();
    emulator.redeem(code.group(1), "demo");
  }

  /**
   * Runs setup against {@code url}; checks it exits 1 having written nothing, and returns its one
   * line of error output.
   */
  private String failedSetup(String url) throws Exception {
    Path config = Files.writeString(dir.resolve("agent.conf"), "[sensor.Basil]\n");
    live = new LiveEnvironment(Map.of("STATE_DIRECTORY", dir.toString()));

    Future<Integer> exit = live.start("--config", config.toString(), "--server", url, "setup");

    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(live.out.toString())
        .isEqualTo("Checking that " + url + " answers the Blot're API...\n");
    assertThat(Files.readString(config)).isEqualTo("[sensor.Basil]\n");
    assertThat(dir.resolve("creds.json")).doesNotExist();
    String err = live.err.toString();
    assertThat(err).endsWith("\n");
    assertThat(err.lines()).hasSize(1);
    return err.strip();
  }
}
