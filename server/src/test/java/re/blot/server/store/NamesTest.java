package re.blot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation rules of contract §4, table-driven. */
class NamesTest {

  @ParameterizedTest(name = "uri [{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "INVALID",
      value = {
        "matt/mr+tree        | matt/mr+tree",
        "  Matt/Mr Tree/     | matt/mr+tree",
        "matt/mr%20tree      | matt/mr+tree",
        "matt/caf%C3%A9      | matt/café",
        "/matt               | /matt",
        "matt/a~b!$&'()*,;=:@| matt/a~b!$&'()*,;=:@",
        "matt/a#b            | INVALID",
        "matt/a%zz           | INVALID",
        "matt/é              | INVALID",
        "/                   | INVALID",
      })
  void normalisesUris(String raw, String expected) {
    assertThat(Names.uri(raw)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "tag [{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "INVALID",
      value = {
        "Plant    | plant",
        " a-b_$ | a-b_$",
        "aabbcc   | INVALID",
        "DEADBE   | INVALID",
        "two words| INVALID",
        "abcdefghijklmnopqrstuvwxyz0123456 | INVALID",
      })
  void validatesTags(String raw, String expected) {
    assertThat(Names.tag(raw)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "name [{0}] valid={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mr Tree  | true",
        "a$b-c_d  | true",
        "Mr.Tree  | false",
        "Mr+Tree  | false",
        "Mr/Tree  | false",
      })
  void validatesStreamNames(String raw, boolean valid) {
    assertThat(Names.streamName(raw).isPresent()).isEqualTo(valid);
  }
}
