package re.blot.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.Tag;
import re.blot.client.model.User;

/** Server replies and the values they parse to, as the contract documents them. */
final class Fixtures {
  static final String STREAM_ID = "552f25793004785713de6750";
  static final String CHILD_ID = "552f25793004785713de6751";
  static final String USER_ID = "552f24f33004785713de674e";
  static final String CLIENT_ID = "5a1b2c3d4e5f60718293a4b5";

  // Distinctive secrets, so that a leak test can search for them anywhere.
  static final String ACCESS_TOKEN = "SECRETaccessAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1";
  static final String REFRESH_TOKEN = "SECRETrefreshRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR1";
  static final String NEW_ACCESS_TOKEN = "SECRETaccessAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2";
  static final String NEW_REFRESH_TOKEN = "SECRETrefreshRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR2";
  static final String CLIENT_SECRET = "SECRETclientCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
  static final String ONETIME_CODE = "SECRET8x";
  static final String AUTH_CODE = "SECRETauthcodeDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD";
  static final String DISPOSABLE_SECRET = "SECRETdisposableEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE";
  static final List<String> SECRETS =
      List.of(
          ACCESS_TOKEN,
          REFRESH_TOKEN,
          NEW_ACCESS_TOKEN,
          NEW_REFRESH_TOKEN,
          CLIENT_SECRET,
          ONETIME_CODE,
          AUTH_CODE,
          DISPOSABLE_SECRET);

  static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final ClientInfo CLIENT = new ClientInfo(CLIENT_ID, CLIENT_SECRET, "http://localhost/cb");
  static final User USER = new User(USER_ID, "matt", "552f24f33004785713de674f");
  static final String USER_JSON =
      "{\"id\":\""
          + USER_ID
          + "\",\"userName\":\"matt\",\"rootStream\":\"552f24f33004785713de674f\"}";
  static final Creds CREDS = new Creds(ACCESS_TOKEN, "bearer", 7200, REFRESH_TOKEN, USER);
  static final Creds NEW_CREDS =
      new Creds(NEW_ACCESS_TOKEN, "bearer", 7200, NEW_REFRESH_TOKEN, USER);

  static final Status STATUS = new Status("#0000ff", Instant.ofEpochMilli(1429160419760L), USER_ID);
  static final String STATUS_JSON =
      "{\"color\":\"#0000ff\",\"created\":1429160419760,\"poster\":\"" + USER_ID + "\"}";
  static final Stream STREAM =
      new Stream(
          STREAM_ID,
          "Mr Tree",
          "matt/mr+tree",
          Instant.ofEpochMilli(1429153145591L),
          Instant.ofEpochMilli(1429160419760L),
          STATUS,
          USER_ID,
          List.of(new Tag("toaster"), new Tag("plant")));
  // childCount is stored but never sent by the server; it stands for any unknown field here.
  static final String STREAM_JSON =
      "{\"id\":\""
          + STREAM_ID
          + "\",\"name\":\"Mr Tree\","
          + "\"uri\":\"matt/mr+tree\",\"created\":1429153145591,\"updated\":1429160419760,"
          + "\"status\":"
          + STATUS_JSON
          + ",\"owner\":\""
          + USER_ID
          + "\","
          + "\"tags\":[{\"tag\":\"toaster\"},{\"tag\":\"plant\"}],\"childCount\":3}";
  static final String TAGS_JSON = "[{\"tag\":\"toaster\"},{\"tag\":\"plant\"}]";

  static final String HTML_PAGE =
      "<!DOCTYPE html><html><head><title>Not found</title></head><body>Oops</body></html>";

  private Fixtures() {}

  static String tokenJson(String accessToken, String refreshToken) {
    return "{\"access_token\":\""
        + accessToken
        + "\",\"token_type\":\"bearer\","
        + "\"expires_in\":7200,\"refresh_token\":\""
        + refreshToken
        + "\",\"user\":"
        + USER_JSON
        + "}";
  }

  static String envelope(String error) {
    return envelope(error, "null");
  }

  static String envelope(String error, String detailsJson) {
    return "{\"type\":\"Error\",\"error\":\"" + error + "\",\"details\":" + detailsJson + "}";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  static MockResponse html(int code) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .body(HTML_PAGE)
        .build();
  }

  static MockResponse expired() {
    return new MockResponse.Builder()
        .code(401)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader(
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\" error_description=\"Access token is expired\"")
        .body(envelope("Access token is expired."))
        .build();
  }

  static Blotre.Builder config(MockWebServer server) {
    return Blotre.builder()
        .baseUrl(server.url("/").toString())
        .clientInfo(CLIENT)
        .creds(CREDS)
        .clock(CLOCK);
  }
}
