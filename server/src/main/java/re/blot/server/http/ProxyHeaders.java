package re.blot.server.http;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Takes the client's address, scheme and host from the one reverse proxy in front of the server:
 * the last entry of {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code
 * X-Forwarded-Host}, the one that proxy added. Earlier entries, and every other forwarding header
 * ({@code Forwarded}, {@code X-Forwarded-Port}, ...), are what the client sent: proxies such as
 * nginx append to them or pass them through, and Jetty alone would believe the first entry, so a
 * stranger could pick the address the sign-in throttle counts against.
 */
public final class ProxyHeaders implements HttpConfiguration.Customizer {
  private static final List<HttpHeader> TRUSTED =
      List.of(
          HttpHeader.X_FORWARDED_FOR, HttpHeader.X_FORWARDED_PROTO, HttpHeader.X_FORWARDED_HOST);
  private static final List<String> IGNORED =
      List.of(
          HttpHeader.FORWARDED.asString(),
          HttpHeader.X_FORWARDED_PORT.asString(),
          HttpHeader.X_FORWARDED_SERVER.asString(),
          "X-Proxied-Https",
          "Proxy-ssl-id",
          "Proxy-auth-cert");

  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    HttpFields sent = request.getHeaders();
    HttpFields.Mutable kept = HttpFields.build(sent);
    IGNORED.forEach(kept::remove);
    for (HttpHeader header : TRUSTED) {
      List<String> entries = sent.getCSV(header, false);
      if (!entries.isEmpty()) {
        kept.put(header, entries.get(entries.size() - 1).trim());
      }
    }
    HttpFields headers = kept.asImmutable();
    return forwarded.customize(
        new Request.Wrapper(request) {
          @Override
          public HttpFields getHeaders() {
            return headers;
          }
        },
        responseHeaders);
  }
}
