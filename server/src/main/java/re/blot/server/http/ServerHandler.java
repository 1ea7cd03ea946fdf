package re.blot.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Names;
import re.blot.server.store.StorageException;

/**
 * The request pipeline, in the server's order: injected faults, body size cap, untrail redirect,
 * route lookup, CSRF check, body parsing (before any auth), then the route's handler. Also the
 * request log (DEBUG; paths only, since query strings may hold tokens).
 */
public final class ServerHandler extends Handler.Abstract {
  /** Bodies above this size get a 413; nothing the API takes comes close. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ServerHandler.class);
  private static final Set<String> CSRF_CHECKED_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
  private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  private final List<Route> routes;
  private final Fault.Plan faults;
  private final String csrfToken;

  /**
   * @param csrfToken the value the emulator's own forms carry in their {@code csrfToken} field,
   *     which lets them pass the CSRF check like Play's signed token does
   */
  public ServerHandler(List<Route> routes, Fault.Plan faults, String csrfToken) {
    this.routes = List.copyOf(routes);
    this.faults = faults;
    this.csrfToken = csrfToken;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long start = System.nanoTime();
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    Fault fault = faults.next(method, path);
    if (fault instanceof Fault.Drop) {
      log.debug("{} {} -> connection dropped (injected fault)", method, path);
      return drop(request, callback);
    }
    if (fault instanceof Fault.Delay delay) {
      try {
        if (!faults.hold(delay.delay())) {
          return drop(request, callback);
        }
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        return drop(request, callback);
      }
    }
    Reply reply =
        fault instanceof Fault.Respond respond ? respond.reply() : answer(request, method, path);
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} -> {} ({} ms)",
          method,
          path,
          reply.status(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return true;
  }

  /**
   * Closes the connection without a reply; the callback succeeds so Jetty does not log an error
   * page.
   */
  private static boolean drop(Request request, Callback callback) {
    request.getConnectionMetaData().getConnection().getEndPoint().close();
    callback.succeeded();
    return true;
  }

  private Reply answer(Request request, String method, String path) {
    Optional<byte[]> body = readBody(request);
    if (body.isEmpty()) {
      return Reply.page(
          413,
          "Request Entity Too Large",
          "Request bodies are limited to " + MAX_BODY_BYTES + " bytes.");
    }
    if (method.equals("GET") && path.length() > 1 && path.endsWith("/")) {
      return Reply.redirect(301, path.substring(0, path.length() - 1));
    }
    for (Route route : routes) {
      if (!route.method().equals(method)) {
        continue;
      }
      Optional<List<String>> raw = route.match(path);
      if (raw.isPresent()) {
        Optional<List<String>> params = decodeAll(raw.get());
        return params.isPresent() ? run(request, route, params.get(), body.get()) : notFound();
      }
    }
    return notFound();
  }

  private Reply run(Request request, Route route, List<String> params, byte[] body) {
    String mediaType = Call.mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    Map<String, List<String>> form =
        mediaType.equals(FORM_TYPE)
            ? Forms.parse(new String(body, StandardCharsets.UTF_8))
            : Map.of();
    if (route.method().equals("POST")
        && !route.csrfExempt()
        && CSRF_CHECKED_TYPES.contains(mediaType)
        && !csrfBypassed(request, form)) {
      return Reply.page(403, "Forbidden", "CSRF token check failed.");
    }
    boolean jsonType = JSON_TYPES.contains(mediaType);
    switch (route.body()) {
      case JSON -> {
        if (!jsonType) {
          return Reply.page(
              415, "Unsupported Media Type", "Expecting text/json or application/json body");
        }
      }
      case FORM -> {
        if (!mediaType.equals(FORM_TYPE)) {
          return Reply.page(
              415, "Unsupported Media Type", "Expecting application/x-www-form-urlencoded body");
        }
      }
      case ANY ->
          jsonType =
              jsonType && (body.length > 0 || Set.of("PUT", "POST").contains(route.method()));
    }
    Optional<Object> json = Optional.empty();
    if (jsonType) {
      try {
        json = Json.parse(body);
      } catch (Json.Malformed e) {
        return Reply.page(400, "Bad Request", "Invalid Json");
      }
    }
    Call call =
        new Call(
            params,
            Forms.parse(request.getHttpURI().getQuery()),
            request.getHeaders()::get,
            json,
            form,
            peer(request));
    try {
      return route.handler().handle(call);
    } catch (ReplyException e) {
      return e.reply();
    } catch (ApiFailure e) {
      return Reply.error(e.status(), e.getMessage(), null);
    } catch (StorageException e) {
      log.warn("{} {} answered 503: {}", route.method(), route.pattern(), e.getMessage());
      return Reply.error(503, "The database is not available; try again soon.", null);
    } catch (RuntimeException e) {
      log.error("{} {} failed; answering 500", route.method(), route.pattern(), e);
      return Reply.page(500, "Internal Server Error", "An internal server error occurred.");
    }
  }

  private static Call.Peer peer(Request request) {
    Map<String, String> cookies = new HashMap<>();
    for (HttpCookie cookie : Request.getCookies(request)) {
      cookies.putIfAbsent(cookie.getName(), cookie.getValue());
    }
    String query = request.getHttpURI().getQuery();
    return new Call.Peer(
        cookies,
        Request.getRemoteAddr(request),
        request.isSecure(),
        request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
  }

  private boolean csrfBypassed(Request request, Map<String, List<String>> form) {
    return request.getHeaders().get("X-Requested-With") != null
        || "nocheck".equals(request.getHeaders().get("Csrf-Token"))
        || csrfToken.equals(Forms.first(form, "csrfToken"));
  }

  private static Reply notFound() {
    return Reply.page(404, "Not Found", "Nothing lives at this address.");
  }

  /** The body, or empty when it is larger than {@link #MAX_BODY_BYTES}. */
  private static Optional<byte[]> readBody(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    } catch (IOException e) {
      return Optional.of(new byte[0]);
    }
  }

  private static Optional<List<String>> decodeAll(List<String> segments) {
    List<String> decoded = new ArrayList<>();
    for (String segment : segments) {
      Optional<String> value = Names.percentDecode(segment);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      decoded.add(value.get());
    }
    return Optional.of(decoded);
  }
}
