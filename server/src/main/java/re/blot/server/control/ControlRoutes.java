package re.blot.server.control;

import static re.blot.server.http.Route.BodyKind.ANY;
import static re.blot.server.http.Route.BodyKind.JSON;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import re.blot.server.RegisteredClient;
import re.blot.server.http.Call;
import re.blot.server.http.Fault;
import re.blot.server.http.Reply;
import re.blot.server.http.Route;
import re.blot.server.routes.BodyCheck;
import re.blot.server.routes.Views;
import re.blot.server.store.ClientRecord;
import re.blot.server.store.Store;

/**
 * The test-control API under {@code /_emulator/} (JSON in and out); see docs/server.md for the
 * reference.
 */
public final class ControlRoutes {
  private static final String INVALID = "Could not process request";

  private final Store store;
  private final Faults faults;
  private final Optional<RegisteredClient> registeredClient;

  private ControlRoutes(Store store, Faults faults, Optional<RegisteredClient> registeredClient) {
    this.store = store;
    this.faults = faults;
    this.registeredClient = registeredClient;
  }

  /**
   * @param closeSockets closes every open WebSocket from the server side, returning how many were
   *     open
   */
  public static List<Route> routes(
      Store store,
      Faults faults,
      Optional<RegisteredClient> registeredClient,
      IntSupplier closeSockets) {
    ControlRoutes r = new ControlRoutes(store, faults, registeredClient);
    return Stream.of(
            Route.of(
                "GET",
                "/_emulator/users",
                ANY,
                c -> Reply.json(200, store.users().stream().map(Views::user).toList())),
            Route.of("POST", "/_emulator/users", JSON, r::createUser),
            Route.of("POST", "/_emulator/redeem", JSON, r::redeem),
            Route.of("POST", "/_emulator/tokens/expire", JSON, r::expireTokens),
            Route.of("GET", "/_emulator/client", ANY, r::client),
            Route.of("POST", "/_emulator/faults", JSON, r::addFault),
            Route.of(
                "POST",
                "/_emulator/sockets/close",
                ANY,
                c -> Reply.json(200, Map.of("closed", closeSockets.getAsInt()))),
            Route.of(
                "DELETE",
                "/_emulator/faults",
                ANY,
                c -> {
                  faults.clear();
                  return Reply.json(200, Map.of());
                }))
        .map(ControlRoutes::loopbackHostOnly)
        .toList();
  }

  /**
   * Answers only requests addressed to a loopback name: a web page that rebinds its own DNS name to
   * 127.0.0.1 still sends its own name as {@code Host}, and gets a 403.
   */
  private static Route loopbackHostOnly(Route route) {
    return new Route(
        route.method(),
        route.pattern(),
        route.body(),
        route.csrfExempt(),
        call ->
            isLoopbackHost(call.header("Host"))
                ? route.handler().handle(call)
                : Reply.error(403, "The control API answers only on a loopback address.", null));
  }

  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.replaceFirst(":\\d+$", "");
    return name.equals("localhost")
        || name.equals("[::1]")
        || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private Reply createUser(Call call) {
    BodyCheck check = new BodyCheck();
    String name = check.string(call.json().orElse(null), "obj", "name");
    check.orFail(400, INVALID);
    return Reply.json(201, Views.user(store.createUser(name)));
  }

  private Reply redeem(Call call) {
    Object body = call.json().orElse(null);
    BodyCheck check = new BodyCheck();
    String code = check.string(body, "obj", "code");
    String user = check.string(body, "obj", "user");
    check.orFail(400, INVALID);
    ClientRecord client = store.redeem(code, user);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("client_id", client.id());
    json.put("user", Views.user(store.user(client.userId()).orElse(null)));
    return Reply.json(200, json);
  }

  private Reply expireTokens(Call call) {
    Object body = call.json().orElse(null);
    BodyCheck check = new BodyCheck();
    long seconds = check.number(body, "obj", "seconds", -1);
    check.orFail(400, INVALID);
    int rows = seconds < 0 ? store.expireAccessTokens() : store.ageTokens(seconds);
    return Reply.json(200, Map.of("tokens", rows));
  }

  private Reply client(Call call) {
    if (registeredClient.isEmpty()) {
      return Reply.error(404, "No app is registered on this server.", null);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("client_id", registeredClient.get().clientId());
    json.put("client_secret", registeredClient.get().clientSecret());
    json.put("redirect_uri", registeredClient.get().redirectUri());
    return Reply.json(200, json);
  }

  private Reply addFault(Call call) {
    Object body = call.json().orElse(null);
    BodyCheck check = new BodyCheck();
    String path = check.string(body, "obj", "path");
    String method = BodyCheck.optional(body, "method").map(Object::toString).orElse(null);
    long times = check.number(body, "obj", "times", 1);
    long status = check.number(body, "obj", "status", 0);
    long delayMs = check.number(body, "obj", "delayMs", 0);
    boolean drop = Boolean.TRUE.equals(BodyCheck.optional(body, "drop").orElse(false));
    if ((status > 0 ? 1 : 0) + (delayMs > 0 ? 1 : 0) + (drop ? 1 : 0) != 1) {
      check.fail("obj", "Give exactly one of status, delayMs or drop.");
    }
    if (status != 0 && (status < 100 || status > 599)) {
      check.fail("obj.status", "Status must be 100-599.");
    }
    check.orFail(400, INVALID);
    Fault fault =
        drop
            ? new Fault.Drop()
            : delayMs > 0
                ? new Fault.Delay(Duration.ofMillis(delayMs))
                : new Fault.Respond(statusReply((int) status, body));
    faults.add(method, path, (int) times, fault);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", method);
    json.put("path", path);
    json.put("times", times);
    return Reply.json(201, json);
  }

  private static Reply statusReply(int status, Object body) {
    String text = BodyCheck.optional(body, "body").map(Object::toString).orElse("");
    String type = BodyCheck.optional(body, "contentType").map(Object::toString).orElse(Reply.JSON);
    return new Reply(
        status, type, Map.of(), Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8));
  }
}
