package re.blot.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import re.blot.agent.Await;
import re.blot.client.Blotre;
import re.blot.client.model.Stream;

/** {@code demo} as a newcomer runs it: no flags, no manual steps. */
class DemoCommandTest {
  private static final Pattern URL = Pattern.compile("Watch the plant: open (http://\\S+)/ in");

  private final LiveEnvironment live = new LiveEnvironment(Map.of());

  @AfterEach
  void stop() {
    live.close();
  }

  @Test
  void authorizesByItselfPushesToTheEmulatorAndStopsCleanly() throws Exception {
    Future<Integer> exit = live.start("demo", "--interval", "1");

    Await.until("the emulator's address", () -> URL.matcher(live.out.toString()).find());
    Matcher url = URL.matcher(live.out.toString());
    assertThat(url.find()).isTrue();
    Blotre visitor = Blotre.builder().baseUrl(url.group(1)).build();
    Await.until(
        "a pushed color on the emulator",
        () ->
            visitor.getStreams().stream()
                .anyMatch(s -> s.uri().equals("demo/plant") && s.status() != null));
    Stream plant =
        visitor.getStreams().stream()
            .filter(s -> s.uri().equals("demo/plant"))
            .findFirst()
            .orElseThrow();
    assertThat(plant.status().color()).isEqualTo("#4d6700");
    assertThat(live.out.toString())
        .contains(
            "A real user is told: To authorize blotre-agent with your Blot're account, open "
                + url.group(1)
                + "/v0/oauth2/redeem and enter the code ")
        .contains("Authorized as demo.");

    assertThat(live.stop()).isTrue();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(live.out.toString()).endsWith("Demo stopped.\n");
  }
}
