package re.blot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import re.blot.agent.Await;
import re.blot.agent.cli.AgentEnvironment;
import re.blot.agent.cli.LiveEnvironment;
import re.blot.client.Blotre;
import re.blot.client.model.Stream;

/** The demo as a newcomer runs it: no flags, no manual steps. */
class DemoTest {
  private static final Pattern URL = Pattern.compile("Watch the plant: open (http://\\S+)/ in");

  private final LiveEnvironment live = new LiveEnvironment(Map.of());
  private final StringWriter out = live.out;
  private final AgentEnvironment environment = live.environment();

  @AfterEach
  void stop() {
    live.close();
  }

  @Test
  void authorizesByItselfPushesToTheServerAndStopsCleanly() throws Exception {
    Future<Integer> exit = live.submit(env -> Demo.execute(env, "--interval", "1"));

    Await.until("the server's address", () -> URL.matcher(out.toString()).find());
    Matcher url = URL.matcher(out.toString());
    assertThat(url.find()).isTrue();
    Blotre visitor = Blotre.builder().baseUrl(url.group(1)).build();
    Await.until(
        "a pushed color on the server",
        () ->
            visitor.getStreams().stream()
                .anyMatch(s -> s.uri().equals("demo/plant") && s.status() != null));
    Stream plant =
        visitor.getStreams().stream()
            .filter(s -> s.uri().equals("demo/plant"))
            .findFirst()
            .orElseThrow();
    assertThat(plant.status().color()).isEqualTo("#4f9150");
    assertThat(out.toString())
        .contains(
            "A real user is told: To authorize blotre-agent with your Blot're account, open "
                + url.group(1)
                + "/v0/oauth2/redeem and enter the code ")
        .contains("Authorized as demo.");

    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).endsWith("Demo stopped.\n");
  }

  @Test
  void refusesAnIntervalOrAPortOutOfRange() {
    assertThat(Demo.execute(environment, "--interval", "0")).isEqualTo(2);
    assertThat(Demo.execute(environment, "--port", "65536")).isEqualTo(2);
  }

  @Test
  void listensOnTheGivenPortOfEveryAddressAndSaysHowOtherMachinesReachIt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Future<Integer> exit =
        live.submit(env -> Demo.execute(env, "--port", String.valueOf(port), "--host", "0.0.0.0"));

    // The line after the addresses: the host name lookup before it may take a moment.
    Await.until("the addresses", () -> out.toString().contains("The agent authorizes itself"));
    assertThat(out.toString())
        .contains("Watch the plant: open http://127.0.0.1:" + port + "/ in your browser.")
        .containsPattern("From another machine: http://\\S+:" + port + "/");
    Blotre visitor = Blotre.builder().baseUrl("http://127.0.0.1:" + port).build();
    Await.until(
        "a pushed color on the server",
        () ->
            visitor.getStreams().stream()
                .anyMatch(s -> s.uri().equals("demo/plant") && s.status() != null));
    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }
}
