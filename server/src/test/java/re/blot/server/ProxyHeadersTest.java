package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --trust-proxy-headers}: behind a reverse proxy on the same machine every request comes
 * from 127.0.0.1, so with the setting on the client's address and scheme come from the headers the
 * proxy adds, and with it off (a server strangers reach directly) such headers change nothing.
 */
class ProxyHeadersTest {
  private static final String PASSWORD = "demo password";

  private BlotreServer server;

  private Wire start(boolean trustProxyHeaders) {
    server =
        BlotreServer.builder()
            .user("demo")
            .userPicker(false)
            .passwordCost(4)
            .clock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")))
            .trustProxyHeaders(trustProxyHeaders)
            .start();
    server.setPassword("demo", PASSWORD);
    return new Wire(server.baseUrl());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A sign-in through the form, sent with {@code headers} as a proxy (or a stranger) set them. */
  private Wire.Answer signIn(String password, Map<String, String> headers) {
    return signIn("demo", password, headers);
  }

  private Wire.Answer signIn(String name, String password, Map<String, String> headers) {
    Wire browser = Wire.withCookies(server.baseUrl());
    Request.Builder post =
        browser
            .request("/login", null)
            .post(
                new FormBody.Builder()
                    .add("name", name)
                    .add("password", password)
                    .add("csrfToken", browser.csrfToken("/login"))
                    .build());
    headers.forEach(post::header);
    return browser.send(post);
  }

  /**
   * Twenty failed sign-ins over several names (the address limit) from 203.0.113.9 as a proxy that
   * appends to the client's X-Forwarded-For reports it, the client claiming another address each
   * time.
   */
  private void failFromOneAddress() {
    for (int i = 0; i < 20; i++) {
      Map<String, String> appended = Map.of("X-Forwarded-For", "198.18.0." + i + ", 203.0.113.9");
      assertThat(signIn("name" + i, "guess", appended).status()).isEqualTo(401);
    }
  }

  /** {@code GET path} with {@code headers}. */
  private static Wire.Answer get(Wire wire, String path, Map<String, String> headers) {
    Request.Builder request = wire.request(path, null);
    headers.forEach(request::header);
    return wire.send(request);
  }

  @Test
  void trustedTwoClientsBehindTheProxyAreThrottledEachOnItsOwn() {
    start(true);
    for (int i = 0; i < 20; i++) {
      assertThat(signIn("name" + i, "guess", Map.of("X-Forwarded-For", "192.0.2.1")).status())
          .isEqualTo(401);
    }
    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "192.0.2.1")).status())
        .as("the address that failed 20 times waits")
        .isEqualTo(429);
    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "192.0.2.2")).status())
        .as("another client of the same proxy is not held up")
        .isEqualTo(303);
  }

  @Test
  void trustedTheAddressIsTheOneTheProxyAddedNotOneTheClientSent() {
    start(true);
    // nginx's $proxy_add_x_forwarded_for appends the peer's address to whatever the client sent:
    // only the last entry is the proxy's word.
    failFromOneAddress();
    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "198.18.1.1, 203.0.113.9")).status())
        .isEqualTo(429);
    // A Forwarded header the proxy passes through untouched is the client's word too.
    assertThat(
            signIn(
                    PASSWORD,
                    Map.of("Forwarded", "for=198.18.2.2", "X-Forwarded-For", "203.0.113.9"))
                .status())
        .isEqualTo(429);
    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "203.0.113.10")).status()).isEqualTo(303);
  }

  @Test
  void trustedTheForwardedSchemeMakesCookiesSecureAndRedirectsStayOnTheProxysHost() {
    Wire wire = start(true);
    Map<String, String> https =
        Map.of(
            "X-Forwarded-For", "192.0.2.1",
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "plants.example.org");
    Wire.Answer signedIn = signIn(PASSWORD, https);
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo("/");
    assertThat(signedIn.header("Set-Cookie")).startsWith("blotre_session=").contains("; Secure");

    Wire.Answer toSignIn = get(wire, "/account", https);
    assertThat(toSignIn.status()).isEqualTo(302);
    assertThat(toSignIn.header("Location"))
        .as("relative, so the browser stays on https://plants.example.org")
        .isEqualTo("/login?redirect=%2Faccount");
    assertThat(get(wire, "/t/plants/", https).header("Location")).isEqualTo("/t/plants");

    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "192.0.2.1")).header("Set-Cookie"))
        .as("plain http through the proxy")
        .doesNotContain("Secure");
  }

  @Test
  void untrustedAStrangersForwardedForCannotDodgeTheAddressLimit() {
    start(false);
    failFromOneAddress();
    assertThat(signIn(PASSWORD, Map.of("X-Forwarded-For", "192.0.2.77")).status())
        .as("every attempt came from 127.0.0.1, whatever the header said")
        .isEqualTo(429);
    assertThat(signIn(PASSWORD, Map.of("Forwarded", "for=192.0.2.78")).status()).isEqualTo(429);
  }

  @Test
  void untrustedForwardedSchemeAndHostAreIgnored() {
    Wire wire = start(false);
    Map<String, String> forged =
        Map.of(
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "evil.example",
            "Forwarded", "proto=https;host=evil.example");
    Wire.Answer signedIn = signIn(PASSWORD, forged);
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Set-Cookie")).doesNotContain("Secure");
    assertThat(get(wire, "/account", forged).header("Location"))
        .isEqualTo("/login?redirect=%2Faccount");
  }
}
