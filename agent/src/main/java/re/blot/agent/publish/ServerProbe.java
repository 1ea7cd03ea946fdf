package re.blot.agent.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import re.blot.client.Blotre;
import re.blot.client.RestException;
import re.blot.client.TransportException;

/**
 * Asks a server, once and quickly, whether it answers the Blot're API: {@code GET /v0/api/stream}
 * must give the JSON list of streams. A failure names the server and the cause in one line with
 * what to check, so that a wrong or dead URL is found in seconds instead of by retrying forever.
 */
public final class ServerProbe {
  /**
   * The longest the probe takes, name lookup included: a server on the LAN or the internet answers
   * well within it, and a person running {@code setup} waits seconds, not minutes.
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Blotre blotre;

  private ServerProbe(Blotre blotre) {
    this.blotre = blotre;
  }

  /**
   * A probe of {@code baseUrl}: one try (no retry on a failed connection, no redirect followed: the
   * agent's later POSTs would not follow it either), bounded by {@link #TIMEOUT}.
   *
   * @param baseUrl {@code http(s)://host[:port]}
   */
  public static ServerProbe of(String baseUrl) {
    OkHttpClient oneTry =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .dns(ServerProbe::lookUp)
            .build();
    return new ServerProbe(
        Blotre.builder()
            .baseUrl(baseUrl)
            .okHttpClient(oneTry)
            .connectTimeout(TIMEOUT)
            .readTimeout(TIMEOUT)
            .callTimeout(TIMEOUT)
            .build());
  }

  /**
   * The system's name lookup within {@link #TIMEOUT}: it blocks past OkHttp's call timeout when no
   * DNS server answers (the resolver's own retries take tens of seconds).
   */
  private static List<InetAddress> lookUp(String host) throws UnknownHostException {
    CompletableFuture<List<InetAddress>> lookup =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Dns.SYSTEM.lookup(host);
              } catch (UnknownHostException e) {
                throw new CompletionException(e);
              }
            });
    try {
      return lookup.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UnknownHostException unknown
          ? unknown
          : new UnknownHostException(host + ": " + e.getCause());
    } catch (TimeoutException e) {
      throw new UnknownHostException(
          host + ": no answer from DNS within " + TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnknownHostException(host + ": interrupted");
    }
  }

  /**
   * Asks the server.
   *
   * @throws ServerUnreachableException naming the server and why it does not answer as Blot're
   */
  public void check() {
    try {
      blotre.getStreams();
    } catch (TransportException e) {
      throw unreachable(describe((IOException) e.getCause()));
    } catch (RestException e) {
      throw unreachable(notBlotre(e));
    }
  }

  /** The HTTP client the probe uses, for checking its limits. */
  OkHttpClient http() {
    return blotre.getOkHttpClient();
  }

  private ServerUnreachableException unreachable(String cause) {
    return new ServerUnreachableException(blotre.getBaseUrl(), cause);
  }

  /** Why the connection failed, in words that say what to check. */
  String describe(IOException e) {
    HttpUrl url = HttpUrl.get(blotre.getBaseUrl());
    String hostPort = url.host() + ":" + url.port();
    if (e instanceof UnknownHostException) {
      return "the name "
          + url.host()
          + " is not found (DNS); check its spelling, and this machine's network";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "the connection to "
          + hostPort
          + " is refused or has no route; check that the server runs, on this address and port";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return "TLS error: its certificate is not for "
          + url.host()
          + "; use the name the certificate is for";
    }
    if (e instanceof SSLException) {
      return "TLS error: " + tlsProblem(e);
    }
    if (e instanceof InterruptedIOException) {
      return "no answer within "
          + TIMEOUT.toSeconds()
          + " s (timeout); check the address, and any firewall on the way";
    }
    return e.toString();
  }

  private static String tlsProblem(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateExpiredException) {
        return "its certificate has expired";
      }
      if (cause instanceof CertPathBuilderException) {
        return "its certificate is not trusted here (self-signed, or from an unknown authority);"
            + " give it a certificate this machine trusts, e.g. through a reverse proxy";
      }
    }
    return e.getMessage() + "; check that the URL's http:// or https:// matches the server";
  }

  private static String notBlotre(RestException e) {
    int status = e.status();
    if (status >= 300 && status < 400) {
      return "it answers with a redirect (HTTP "
          + status
          + ") instead of the list of streams; give the address it redirects to, e.g. https://"
          + " instead of http://";
    }
    if (status >= 500) {
      return "it answers with a server error (HTTP "
          + status
          + ") instead of the list of streams; check the server's log, and behind a reverse proxy"
          + " that the Blot're server runs";
    }
    return "it answers, but is not a Blot're server (GET /v0/api/stream gave HTTP "
        + status
        + (status == 200 ? " without the JSON list of streams" : "")
        + "); check the host and port, and that the URL has no path";
  }
}
