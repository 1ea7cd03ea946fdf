package re.blot.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import re.blot.client.model.Creds;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.client.model.User;

/** The record adapter the client's Moshi uses for every model record. */
class RecordAdapterFactoryTest {
  private record Sample(String text, long count, Instant when, List<Tag> tags) {}

  private static final JsonAdapter<Sample> SAMPLE = Json.adapter(Sample.class);

  @Test
  void readsEveryComponentWhateverTheOrder() throws IOException {
    Sample sample =
        SAMPLE.fromJson("{\"tags\":[{\"tag\":\"a\"}],\"when\":5,\"count\":3,\"text\":\"x\"}");

    assertThat(sample)
        .isEqualTo(new Sample("x", 3, Instant.ofEpochMilli(5), List.of(new Tag("a"))));
  }

  @Test
  void skipsUnknownFieldsOfAnyShape() throws IOException {
    Sample sample =
        SAMPLE.fromJson(
            "{\"extra\":{\"deep\":[1,{\"x\":null}]},\"text\":\"x\","
                + "\"other\":true,\"count\":1}");

    assertThat(sample).isEqualTo(new Sample("x", 1, null, null));
  }

  @Test
  void passesNullAndMissingObjectComponentsAsNull() throws IOException {
    assertThat(SAMPLE.fromJson("{\"text\":null,\"count\":0,\"when\":null}"))
        .isEqualTo(new Sample(null, 0, null, null));
  }

  @Test
  void refusesAMissingPrimitiveNamingIt() {
    assertThatThrownBy(() -> Json.adapter(Creds.class).fromJson("{\"access_token\":\"t\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("'expiresIn'")
        .hasMessageContaining("'expires_in'");
  }

  @Test
  void refusesANullPrimitive() {
    assertThatThrownBy(() -> SAMPLE.fromJson("{\"count\":null}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("count");
  }

  @Test
  void readsANullRecordAsNull() throws IOException {
    assertThat(SAMPLE.fromJson("null")).isNull();
  }

  @Test
  void usesTheJsonNamesBothWays() throws IOException {
    JsonAdapter<Creds> adapter = Json.adapter(Creds.class);
    Creds creds = new Creds("a", "bearer", 7200, "r", new User("u", "demo", "s"));

    String json = adapter.toJson(creds);

    assertThat(json)
        .isEqualTo(
            "{\"access_token\":\"a\",\"token_type\":\"bearer\","
                + "\"expires_in\":7200,\"refresh_token\":\"r\","
                + "\"user\":{\"id\":\"u\",\"userName\":\"demo\",\"rootStream\":\"s\"}}");
    assertThat(adapter.fromJson(json)).isEqualTo(creds);
    assertThat(Json.adapter(Tag.class).toJson(new Tag("plant"))).isEqualTo("{\"tag\":\"plant\"}");
  }

  @Test
  void leavesNullComponentsOutWhenWriting() {
    assertThat(SAMPLE.toJson(new Sample(null, 2, null, null))).isEqualTo("{\"count\":2}");
  }

  @Test
  void runsTheCompactConstructor() throws IOException {
    Stream stream = Json.adapter(Stream.class).fromJson("{\"id\":\"s\",\"tags\":null}");

    assertThat(stream.tags()).isEmpty();
  }
}
