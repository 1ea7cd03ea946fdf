package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uri normalisation as the server does it (contract §4.2, §7.1). */
class StreamUrisTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "matt|matt",
        "Matt|matt",
        "\"  matt  \"|matt",
        "matt/Mr Tree|matt/mr+tree",
        "matt/mr\ttree|matt/mr+tree",
        "matt/mr  tree|matt/mr++tree",
        "matt/mr+tree|matt/mr+tree",
        "matt/mr%20tree|matt/mr+tree",
        "matt/|matt",
        "matt/it's|matt/it's",
        "matt/it%27s|matt/it's",
        "matt/100%|matt/100%25",
        "matt/50%zz|matt/50%25zz",
        "matt/%2f|matt/%2F",
        "matt/a#b?c|matt/a%23b%3Fc",
        "matt/a\"b<c>|matt/a%22b%3Cc%3E",
        "matt/$-_.~!&()*,;=:@|matt/$-_.~!&()*,;=:@",
        "matt/Über|matt/%C3%BCber",
        "matt/%C3%BCber|matt/%C3%BCber",
        "MATT/TREE/LEAF|matt/tree/leaf",
      })
  void normalizesLikeTheServer(String uri, String expected) {
    assertThat(Blotre.normalizeUri(uri)).isEqualTo(expected);
    assertThat(Blotre.normalizeUri(expected))
        .as("normalising twice changes nothing")
        .isEqualTo(expected);
  }

  @Test
  void onlyOneTrailingSlashIsRemoved() {
    assertThat(Blotre.normalizeUri("matt//")).isEqualTo("matt/");
  }

  @Test
  void joinNormalizesEachPart() {
    assertThat(Blotre.joinUri("matt", "Mr Tree")).isEqualTo("matt/mr+tree");
    assertThat(Blotre.joinUri("Matt/", " Mr Tree ")).isEqualTo("matt/mr+tree");
    assertThat(Blotre.joinUri("matt", "mr tree", "Leaf")).isEqualTo("matt/mr+tree/leaf");
    assertThat(Blotre.joinUri("matt")).isEqualTo("matt");
  }

  @Test
  void websocketUrlFollowsTheBaseUrlScheme() {
    assertThat(Blotre.builder().build().getWebsocketUrl()).isEqualTo("wss://blot.re/v0/ws");
    assertThat(Blotre.builder().baseUrl("http://127.0.0.1:8080/").build().getWebsocketUrl())
        .isEqualTo("ws://127.0.0.1:8080/v0/ws");
  }
}
