package re.blot.client.disposable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsFileTest {
  static final Path FILE = Path.of("/var/lib/blotre-agent/credentials.json");

  /**
   * Exactly what blotre-py 0.0.4 writes with {@code json.dump} on Python 2 after the user redeemed
   * the code: one line, ", " and ": " separators, no trailing newline, keys in Python 2 dict order.
   */
  static final String PYTHON_FILE =
      "{\"client\": {\"client_secret\": \"Zjc0NGM1YTktNzUxYy00YjE1LWJhODctODdhMmY0YjFjZTk4\","
          + " \"code\": \"aB3dE5gH\", \"client_id\": \"55a3f1c2e4b0a1b2c3d4e5f6\"},"
          + " \"config\": {\"host\": \"blot.re\", \"protocol\": \"https\"},"
          + " \"creds\": {\"access_token\": \"NGQ5ZjA3YjgtMzk2Mi00ZGY3LWI0YTAtYjQ5NjI2ZjdkNGEx\","
          + " \"token_type\": \"bearer\", \"expires_in\": 7200,"
          + " \"refresh_token\": \"ODFkYjJmZTMtYjY2NS00YjA4LTk0N2EtYWE3ZDQ2ZjE2YzQ5\","
          + " \"user\": {\"id\": \"55a3f0a1e4b0a1b2c3d4e5f0\", \"userName\": \"matt\", \"rootStream\": \"55a3f0a1e4b0a1b2c3d4e5f1\"}}}";

  static CredentialsFile parse(String json) {
    return CredentialsFile.parse(json.getBytes(UTF_8), FILE);
  }

  @Test
  void readsThePythonClientsFile() {
    CredentialsFile file = parse(PYTHON_FILE);

    assertThat(file.client())
        .isEqualTo(
            new StoredClient(
                "55a3f1c2e4b0a1b2c3d4e5f6",
                "Zjc0NGM1YTktNzUxYy00YjE1LWJhODctODdhMmY0YjFjZTk4",
                "aB3dE5gH",
                null));
    StoredCreds creds = file.creds().orElseThrow();
    assertThat(creds.accessToken()).isEqualTo("NGQ5ZjA3YjgtMzk2Mi00ZGY3LWI0YTAtYjQ5NjI2ZjdkNGEx");
    assertThat(creds.tokenType()).isEqualTo("bearer");
    assertThat(creds.expiresIn()).isEqualTo(7200);
    assertThat(creds.refreshToken()).isEqualTo("ODFkYjJmZTMtYjY2NS00YjA4LTk0N2EtYWE3ZDQ2ZjE2YzQ5");
    assertThat(creds.user())
        .isEqualTo(new StoredUser("55a3f0a1e4b0a1b2c3d4e5f0", "matt", "55a3f0a1e4b0a1b2c3d4e5f1"));
    assertThat(creds.obtainedAt()).isNull();
    assertThat(creds.expiresAt()).isEmpty();
    assertThat(file.baseUrl()).contains("https://blot.re");
  }

  @Test
  void readsThePythonClientsFileWrittenBeforeTheCodeWasRedeemed() {
    CredentialsFile file =
        parse(
            "{\"client\": {\"client_secret\": \"s\", \"code\": \"aB3dE5gH\","
                + " \"client_id\": \"c\"}, \"config\": {\"host\": \"blot.re\", \"protocol\": \"https\"}, \"creds\": {}}");

    assertThat(file.client().clientId()).isEqualTo("c");
    assertThat(file.creds()).isEmpty();
  }

  @Test
  void keepsThePythonLayoutAndEveryUnknownFieldWhenRewritten() {
    String json =
        "{\"note\": \"mine\", \"client\": {\"client_id\": \"c\", \"client_secret\": \"s\", \"code\": \"k\","
            + " \"redirect_uri\": \"\"}, \"creds\": {\"access_token\": \"a\", \"token_type\": \"bearer\","
            + " \"expires_in\": 7200, \"refresh_token\": \"r\", \"scope\": [\"read\", 1.50, true, null],"
            + " \"user\": {\"id\": \"u\", \"userName\": \"matt\", \"rootStream\": \"root\", \"avatar\": 12345678901234567890}},"
            + " \"config\": {\"protocol\": \"https\", \"host\": \"blot.re\", \"timeout\": 1e3}}";
    Instant now = Instant.parse("2026-11-28T08:45:00Z");

    CredentialsFile rewritten =
        parse(json)
            .withCreds(
                new StoredCreds(
                    "a2", "bearer", 7200, "r2", new StoredUser("u", "matt", "root"), now))
            .withClient(new StoredClient("c", "s", "k", now.plusSeconds(1200)));

    assertThat(new String(rewritten.toJson(), UTF_8))
        .isEqualTo(
            """
        {
          "note": "mine",
          "client": {
            "client_id": "c",
            "client_secret": "s",
            "code": "k",
            "redirect_uri": "",
            "code_expires_at": 1795856700000
          },
          "creds": {
            "access_token": "a2",
            "token_type": "bearer",
            "expires_in": 7200,
            "refresh_token": "r2",
            "scope": [
              "read",
              1.50,
              true,
              null
            ],
            "user": {
              "id": "u",
              "userName": "matt",
              "rootStream": "root",
              "avatar": 12345678901234567890
            },
            "obtained_at": 1795855500000
          },
          "config": {
            "protocol": "https",
            "host": "blot.re",
            "timeout": 1e3
          }
        }
        """);
    CredentialsFile reread = CredentialsFile.parse(rewritten.toJson(), FILE);
    assertThat(reread).isEqualTo(rewritten);
    assertThat(reread.creds().orElseThrow().expiresAt()).contains(now.plusSeconds(7200));
    assertThat(reread.client().codeExpiresAt()).isEqualTo(now.plusSeconds(1200));
  }

  @Test
  void newFileHasThePythonLayout() {
    CredentialsFile file =
        CredentialsFile.of(new StoredClient("c", "s", "k", null))
            .withBaseUrl("http://127.0.0.1:41234");

    assertThat(new String(file.toJson(), UTF_8))
        .isEqualTo(
            """
        {
          "client": {
            "client_id": "c",
            "client_secret": "s",
            "code": "k"
          },
          "creds": {},
          "config": {
            "protocol": "http",
            "host": "127.0.0.1:41234"
          }
        }
        """);
    assertThat(file.baseUrl()).contains("http://127.0.0.1:41234");
    assertThat(file.creds()).isEmpty();
  }

  @Test
  void withoutCredsEmptiesTheCredsObject() {
    CredentialsFile file = parse(PYTHON_FILE).withoutCreds();

    assertThat(file.creds()).isEmpty();
    assertThat(new String(file.toJson(), UTF_8)).contains("\"creds\": {}");
  }

  @Test
  void rejectsBaseUrlsThatProtocolAndHostCannotHold() {
    CredentialsFile file = parse(PYTHON_FILE);

    for (String url :
        new String[] {
          "https://blot.re/api",
          "ftp://blot.re",
          "blot.re",
          "https://u@blot.re",
          "https://blot.re?x=1"
        }) {
      assertThatThrownBy(() -> file.withBaseUrl(url))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(file.withBaseUrl("https://blot.re/").baseUrl()).contains("https://blot.re");
  }

  @Test
  void parserLimitsAndOverflowingLifetimesAreBadFilesNamingTheFile() {
    String deep = "[".repeat(300) + "]".repeat(300);
    assertThatThrownBy(() -> parse("{\"unknown\": " + deep + "}"))
        .isInstanceOf(CredentialFileException.class)
        .hasMessageStartingWith(
            "credentials file " + FILE + " is not valid JSON (Nesting too deep");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"client\": {\"client_id\": \"c\", \"client_secret\": \"s\"},"
                        + " \"creds\": {\"access_token\": \"a\", \"token_type\": \"bearer\","
                        + " \"expires_in\": 9223372036854775807, \"obtained_at\": 1764312300000}}"))
        .isInstanceOf(CredentialFileException.class)
        .hasMessage(
            "credentials file "
                + FILE
                + " is not a Blot're credentials file: \"creds.expires_in\" is too large a"
                + " lifetime (9223372036854775807 s after \"creds.obtained_at\")");
  }

  @Test
  void wrongLayoutNamesTheFileAndTheField() {
    assertThatThrownBy(() -> parse("[1, 2]"))
        .isInstanceOf(CredentialFileException.class)
        .hasMessage(
            "credentials file "
                + FILE
                + " is not a Blot're credentials file: the top level must be an object, but is an array");
    assertThatThrownBy(() -> parse("{\"creds\": {}}"))
        .hasMessage(
            "credentials file "
                + FILE
                + " is not a Blot're credentials file: \"client\" must be an object, but is missing");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"client\": {\"client_id\": \"c\", \"client_secret\": \"s\"},"
                        + " \"creds\": {\"access_token\": \"a\", \"token_type\": \"bearer\", \"expires_in\": \"7200\"}}"))
        .hasMessage(
            "credentials file "
                + FILE
                + " is not a Blot're credentials file:"
                + " \"creds.expires_in\" must be a number, but is a string");
    assertThatThrownBy(() -> parse("{\"client\": {\"client_id\": 5, \"client_secret\": \"s\"}}"))
        .hasMessageEndingWith("\"client.client_id\" must be a string, but is a number");
  }

  @Test
  void nothingPrintsSecretsTokensOrTheCode() {
    CredentialsFile file = parse(PYTHON_FILE);

    assertThat(file.toString())
        .contains("55a3f1c2e4b0a1b2c3d4e5f6", "matt")
        .doesNotContain(
            "Zjc0NGM1YTktNzUxYy00YjE1LWJhODctODdhMmY0YjFjZTk4",
            "aB3dE5gH",
            "NGQ5ZjA3YjgtMzk2Mi00ZGY3LWI0YTAtYjQ5NjI2ZjdkNGEx",
            "ODFkYjJmZTMtYjY2NS00YjA4LTk0N2EtYWE3ZDQ2ZjE2YzQ5");
    assertThatThrownBy(
            () ->
                parse("{\"client\": {\"client_secret\": \"Zjc0NGM1YTk\" \"code\": \"aB3dE5gH\"}}"))
        .isInstanceOf(CredentialFileException.class)
        .message()
        .doesNotContain("Zjc0NGM1YTk", "aB3dE5gH");
  }
}
