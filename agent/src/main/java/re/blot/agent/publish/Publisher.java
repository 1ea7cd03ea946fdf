package re.blot.agent.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.agent.config.AgentConfig;
import re.blot.agent.measure.Reading;
import re.blot.agent.schedule.FixedRateScheduler.Waiter;
import re.blot.agent.schedule.Ticker;
import re.blot.client.Backoff;
import re.blot.client.Blotre;
import re.blot.client.disposable.AuthorizationPrompt;

/**
 * Sends readings to Blot're on a thread of its own, so that a slow or absent server never holds up
 * the readings.
 *
 * <p>The latest reading of each stream wins: a newer reading replaces one still waiting, and a
 * failed push is tried again with {@link Backoff} until it works or a newer reading replaces it. At
 * most one reading per stream waits, so nothing piles up during a long outage. No failure ends the
 * publisher (server errors, timeouts, no network or DNS, also at boot); {@link OutageLog} logs one
 * WARN when pushes start failing and one INFO when they work again; each push is logged at DEBUG.
 * When the server refuses the credentials for good, the {@link Authorizer} is asked for new ones.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  /**
   * How long an authorization may take before readings waiting for it are told so: long enough for
   * saved credentials, short enough that the reading's log line does not wait for a person.
   */
  private static final Duration AUTHORIZATION_NOTICE = Duration.ofSeconds(1);

  /** One reading waiting for its push. */
  private static final class Pending {
    final Reading reading;
    final CompletableFuture<PushResult> firstTry = new CompletableFuture<>();
    int failures;
    long dueNanos;

    Pending(Reading reading, long dueNanos) {
      this.reading = reading;
      this.dueNanos = dueNanos;
    }
  }

  private final Authorizer authorizer;
  private final AgentConfig config;
  private final PushPolicy policy;
  private final Backoff backoff;
  private final Ticker ticker;
  private final Clock clock;
  private final Waiter waiter;
  private final OutageLog outages;
  private final Thread worker;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private CountDownLatch wake = new CountDownLatch(1);
  private boolean closed;
  private boolean authorizing;
  private long authorizations;
  private volatile Instant lastPush;

  /** Only the worker thread touches it; null until authorized, and again after a revocation. */
  private SensorStreams streams;

  private Publisher(Builder builder) {
    this.authorizer = builder.authorizer;
    this.config = builder.config;
    this.policy = new PushPolicy(builder.config.heartbeatEvery());
    this.backoff = builder.backoff;
    this.ticker = builder.ticker;
    this.clock = builder.clock;
    this.waiter = builder.waiter;
    this.outages = new OutageLog(builder.config.serverUrl().orElse("the Blot're server"));
    this.worker = new Thread(this::work, "blotre-publisher");
    // Abandoned at exit when a push hangs past the shutdown grace period.
    worker.setDaemon(true);
  }

  /**
   * Starts configuring a publisher for the sensors, parent stream, server and heartbeat of {@code
   * config}.
   */
  public static Builder builder(AgentConfig config, Authorizer authorizer) {
    return new Builder(config, authorizer);
  }

  /**
   * Hands a reading over for pushing, unless the {@link PushPolicy} says the server already shows
   * its color. Returns at once.
   *
   * @return completes with the outcome of the reading's first try (or with why there was none)
   */
  public CompletableFuture<PushResult> publish(Reading reading) {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(PushResult.ABANDONED);
      }
      Pending replaced;
      CompletableFuture<PushResult> result;
      if (policy.shouldPush(reading)) {
        Pending next = new Pending(reading, ticker.read());
        replaced = pending.put(reading.stream(), next);
        if (authorizing) {
          next.firstTry.complete(PushResult.WAITING_FOR_AUTHORIZATION);
        }
        result = next.firstTry;
      } else {
        // The server shows this color: a reading still waiting with another one is stale.
        replaced = pending.remove(reading.stream());
        result = CompletableFuture.completedFuture(PushResult.UNCHANGED);
      }
      if (replaced != null) {
        replaced.firstTry.complete(PushResult.REPLACED);
      }
      wake.countDown();
      return result;
    }
  }

  /** When a color last reached the server. */
  public Optional<Instant> lastPush() {
    return Optional.ofNullable(lastPush);
  }

  /** The code a person must enter before pushes can go on, while the agent waits for it. */
  public Optional<AuthorizationPrompt> pendingCode() {
    return authorizer.pendingCode();
  }

  /**
   * Runs {@code listener} whenever {@link #pendingCode()}, {@link #lastPush()} or {@link #outage()}
   * may have changed: after every push and every new code. It runs on the pushing thread.
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
    authorizer.onPendingCodeChange(listener);
  }

  /** The outage under way, while pushes fail. */
  public Optional<OutageLog.Outage> outage() {
    return outages.current();
  }

  private Publisher start() {
    worker.start();
    return this;
  }

  /**
   * Stops: readings still waiting are dropped, and a push under way gets {@code grace} to finish
   * before it is abandoned. Later calls return at once.
   */
  public void close(Duration grace) {
    boolean waitingForPerson;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      pending.values().forEach(p -> p.firstTry.complete(PushResult.ABANDONED));
      pending.clear();
      wake.countDown();
      waitingForPerson = authorizing;
    }
    if (!worker.isAlive()) {
      return;
    }
    if (waitingForPerson) {
      // Nothing to finish: the authorization resumes its code at the next start.
      worker.interrupt();
    }
    try {
      worker.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      log.info(
          "Abandoning the {} under way: it took longer than {} ms after the stop request",
          waitingForPerson ? "authorization" : "push",
          grace.toMillis());
      worker.interrupt();
    }
  }

  /** {@link #close(Duration)} with 5 s of grace. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void work() {
    try {
      while (true) {
        Pending next;
        CountDownLatch wakeUp;
        long waitNanos;
        synchronized (lock) {
          if (closed) {
            return;
          }
          next =
              pending.values().stream()
                  .min((a, b) -> Long.compare(a.dueNanos, b.dueNanos))
                  .orElse(null);
          waitNanos = next == null ? Long.MAX_VALUE : next.dueNanos - ticker.read();
          wakeUp = wake = new CountDownLatch(1);
        }
        if (waitNanos > 0) {
          waiter.await(wakeUp, waitNanos);
        } else {
          attempt(next);
        }
      }
    } catch (InterruptedException e) {
      log.debug("Publisher stopped while waiting", e);
    }
  }

  private void attempt(Pending next) throws InterruptedException {
    Reading reading = next.reading;
    PushResult result;
    try {
      SensorStreams target = streams();
      authorizer.beforePush();
      synchronized (lock) {
        if (pending.get(reading.stream()) != next) {
          return; // Replaced while the agent was being authorized; the newer one goes next.
        }
      }
      Optional<String> created = target.push(reading);
      Instant now = clock.instant();
      synchronized (lock) {
        policy.pushed(reading);
        pending.remove(reading.stream(), next);
      }
      lastPush = now;
      outages.succeeded(now);
      log.debug("{}: pushed {}", reading.stream(), reading.color());
      result = created.map(PushResult::created).orElse(PushResult.PUSHED);
    } catch (RuntimeException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("stopped during a push");
      }
      PushFailure failure = PushFailure.of(e, streams == null ? null : streams.blotre());
      synchronized (lock) {
        next.failures++;
        next.dueNanos =
            ticker.read()
                + (failure.authorizationLost() ? 0 : backoff.delay(next.failures).toNanos());
      }
      if (failure.authorizationLost()) {
        log.info(
            "Blot're no longer accepts the agent's credentials: {}. Setting them aside and"
                + " authorizing the agent anew",
            failure.reason());
        authorizer.lost(streams.blotre(), failure.aside(), failure.reason());
        streams = null;
      } else {
        log.debug("{}: push failed: {}", reading.stream(), failure.reason());
        outages.failed(clock.instant(), failure.reason());
      }
      result = PushResult.failed(failure.reason());
    }
    next.firstTry.complete(result);
    listeners.forEach(Runnable::run);
  }

  private SensorStreams streams() throws InterruptedException {
    if (streams == null) {
      long round;
      synchronized (lock) {
        authorizing = true;
        round = ++authorizations;
      }
      CompletableFuture.delayedExecutor(AUTHORIZATION_NOTICE.toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> noticeSlowAuthorization(round));
      Blotre blotre;
      try {
        blotre = authorizer.authorize();
      } finally {
        synchronized (lock) {
          authorizing = false;
        }
      }
      streams = SensorStreams.of(blotre, config);
    }
    return streams;
  }

  /** Tells readings that wait for authorization round {@code round}, if it is still going on. */
  private void noticeSlowAuthorization(long round) {
    synchronized (lock) {
      if (authorizing && authorizations == round) {
        pending.values().forEach(p -> p.firstTry.complete(PushResult.WAITING_FOR_AUTHORIZATION));
      }
    }
  }

  /** Configures a {@link Publisher}; by default real clocks and {@link Backoff#DEFAULT}. */
  public static final class Builder {
    private final AgentConfig config;
    private final Authorizer authorizer;
    private Backoff backoff = Backoff.DEFAULT;
    private Ticker ticker = Ticker.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private Waiter waiter = Waiter.SYSTEM;

    private Builder(AgentConfig config, Authorizer authorizer) {
      this.config = config;
      this.authorizer = authorizer;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /** The monotonic clock that retries are timed on. */
    public Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    /** The wall clock for the times in the status file and the outage log. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How the pushing thread waits for a retry or a new reading; tests skip the wait. */
    public Builder waiter(Waiter waiter) {
      this.waiter = waiter;
      return this;
    }

    /** Builds the publisher and starts its thread. */
    public Publisher start() {
      return new Publisher(this).start();
    }
  }
}
