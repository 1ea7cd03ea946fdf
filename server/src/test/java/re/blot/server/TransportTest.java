package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framework-level behaviour (§1.4) and survival under bad input. */
class TransportTest extends ServerTestBase {

  @Test
  void wrongContentTypeOnAJsonRouteIs415Html() {
    Wire.Answer answer =
        wire.typed(
            "POST", "/v0/api/stream/" + rootId("demo") + "/status", "application/xml", "<x/>");
    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.header("Content-Type")).startsWith("text/html");
  }

  @Test
  void emptyJsonBodyOnABodyLessRouteIs400() {
    String token = tokenFor("demo");
    Wire.Answer answer =
        wire.json("PUT", "/v0/api/stream/" + rootId("demo") + "/tags/x", token, "");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("Invalid Json");
  }

  @Test
  void formPostOnACheckedRouteIsACsrfFailureUnlessBypassed() {
    String token = tokenFor("demo");
    Wire.Answer blocked =
        wire.typed(
            "POST", "/v0/oauth2/revoke?token=" + token, "application/x-www-form-urlencoded", "");
    assertThat(blocked.status()).isEqualTo(403);
    Wire.Answer bypassed =
        wire.send(
            wire.request("/v0/oauth2/revoke?token=" + token, null)
                .header("Csrf-Token", "nocheck")
                .post(okhttp3.RequestBody.create("", okhttp3.MediaType.get("text/plain"))));
    assertThat(bypassed.status()).isEqualTo(200);
  }

  @Test
  void getWithTrailingSlashRedirectsWithoutTheQuery() {
    Wire.Answer answer = wire.get("/v0/api/stream/?query=x");
    assertThat(answer.status()).isEqualTo(301);
    assertThat(URI.create(emulator.baseUrl()).resolve(answer.header("Location")).getPath())
        .isEqualTo("/v0/api/stream");
    assertThat(answer.header("Location")).doesNotContain("query");
  }

  @Test
  void unknownRoutesAndMethodsAre404Html() {
    for (Wire.Answer answer :
        new Wire.Answer[] {
          wire.delete("/v0/api/stream", null),
          wire.get("/nothing/here"),
          wire.get("/v0/api/stream/a/b/c/d/e")
        }) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.header("Content-Type")).startsWith("text/html");
    }
  }

  @Test
  void oversizedBodiesAre413AndTheServerKeepsServing() {
    String huge = "{\"name\":\"" + "a".repeat(70_000) + "\",\"blurb\":\"\"}";
    assertThat(wire.json("PUT", "/v0/oauth2/disposable", null, huge).status()).isEqualTo(413);
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }

  @Test
  void malformedInputNeverBreaksTheServer() {
    String token = tokenFor("demo");
    String[] bodies = {
      "[",
      "null",
      "42",
      "\"s\"",
      "{\"name\":7,\"uri\":[]}",
      "{\"name\":\"x\",\"uri\":\"demo/x\",\"status\":5}",
      "{\"name\":\"x\",\"uri\":\"demo/x\",\"tags\":{}}",
      "{\"name\":\"\\u0000\",\"uri\":\"demo/%zz\"}",
      "{\"name\":\"x\",\"uri\":\"demo/\u00e9\"}",
      "[".repeat(20_000),
      "{\"name\":1e999}"
    };
    for (String body : bodies) {
      int status = wire.json("PUT", "/v0/api/stream", token, body).status();
      assertThat(status).as(body).isBetween(400, 422);
    }
    // Jetty itself refuses undecodable paths; each on its own connection, since it closes after
    // them.
    assertThat(oneShot("/v0/api/stream/%zz").status()).isEqualTo(400);
    assertThat(oneShot("/v0/api/tag/%E2%82/children").status()).isEqualTo(400);
    assertThat(wire.get("/v0/api/stream?query=%zz").status()).isEqualTo(200);
    assertThat(
            wire.form(
                    "/v0/oauth2/access_token", Map.of("client_id", "%", "client_secret", "\u00e9"))
                .status())
        .isEqualTo(400);
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }

  private Wire.Answer oneShot(String path) {
    return wire.send(wire.request(path, null).header("Connection", "close").get());
  }

  @Test
  void garbageOnTheSocketDoesNotStopTheServer() throws IOException {
    URI base = URI.create(emulator.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 400");
    }
    assertThat(wire.get("/v0/api/stream").status()).isEqualTo(200);
  }
}
