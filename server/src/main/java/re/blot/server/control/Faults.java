package re.blot.server.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import re.blot.server.http.Fault;

/**
 * Injected failures: each rule hits the next {@code times} requests whose method and path prefix
 * match, then disappears. The control API's own paths are never hit, so tests can always clean up.
 */
public final class Faults implements Fault.Plan {
  static final String CONTROL_PREFIX = "/_emulator/";

  private static final class Rule {
    final String method;
    final String pathPrefix;
    final Fault fault;
    int remaining;

    Rule(String method, String pathPrefix, Fault fault, int times) {
      this.method = method;
      this.pathPrefix = pathPrefix;
      this.fault = fault;
      this.remaining = times;
    }

    boolean matches(String requestMethod, String path) {
      return (method == null || method.equalsIgnoreCase(requestMethod))
          && path.startsWith(pathPrefix);
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final CountDownLatch stopping = new CountDownLatch(1);

  /** Adds a rule; {@code method} null matches any method. */
  public synchronized void add(String method, String pathPrefix, int times, Fault fault) {
    rules.add(new Rule(method, pathPrefix, fault, times));
  }

  public synchronized void clear() {
    rules.clear();
  }

  /**
   * The rules still to hit a request, as the control API lists them: a test sees that a request it
   * faulted has arrived (a delayed one is then being held).
   */
  synchronized List<Map<String, Object>> remaining() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Rule rule : rules) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", rule.method);
      json.put("path", rule.pathPrefix);
      json.put("times", rule.remaining);
      list.add(json);
    }
    return list;
  }

  @Override
  public boolean hold(Duration delay) throws InterruptedException {
    return !stopping.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Ends every {@link #hold} under way and to come: the server is stopping. */
  public void releaseHeld() {
    stopping.countDown();
  }

  @Override
  public synchronized Fault next(String method, String path) {
    if (path.startsWith(CONTROL_PREFIX)) {
      return null;
    }
    for (Rule rule : rules) {
      if (rule.matches(method, path)) {
        if (--rule.remaining <= 0) {
          rules.remove(rule);
        }
        return rule.fault;
      }
    }
    return null;
  }
}
