package re.blot.server.storage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.server.store.StoreEvent;

/**
 * PostgreSQL LISTEN/NOTIFY: every instance on one database hears every change, its own included, in
 * commit order. One thread holds a connection of its own (outside the pool) and reconnects when it
 * is lost.
 */
final class EventChannel implements AutoCloseable {
  static final String CHANNEL = "blotre_events";
  private static final Logger log = LoggerFactory.getLogger(EventChannel.class);
  private static final int POLL_MILLIS = 250;

  /** How long a writer waits for its own changes to come back before it goes on anyway. */
  private static final long OWN_CHANGES_WAIT_MILLIS = 5_000;

  private final String jdbcUrl;
  private final String origin = UUID.randomUUID().toString();
  private final AtomicLong announced = new AtomicLong();
  private final ThreadLocal<Long> lastOwn = new ThreadLocal<>();
  private final Object deliveredLock = new Object();
  private long delivered;
  private volatile boolean running = true;
  private Thread thread;

  EventChannel(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** The payload announcing {@code event}; remembers it as the calling thread's latest. */
  String payload(StoreEvent event) {
    long seq = announced.incrementAndGet();
    lastOwn.set(seq);
    return EventCodec.encode(new EventCodec.Announced(origin, seq, event));
  }

  /**
   * Waits until this thread's latest announced change has come back and been delivered, so a
   * writer's own subscribers have heard of its change when it answers (as in memory).
   */
  void awaitOwn() {
    Long seq = lastOwn.get();
    if (seq == null) {
      return;
    }
    lastOwn.remove();
    long deadline = System.currentTimeMillis() + OWN_CHANGES_WAIT_MILLIS;
    synchronized (deliveredLock) {
      while (delivered < seq && running) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          log.warn(
              "A change took over {} ms to come back from PostgreSQL", OWN_CHANGES_WAIT_MILLIS);
          return;
        }
        try {
          deliveredLock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  synchronized void start(Consumer<List<StoreEvent>> sink) {
    if (thread != null) {
      throw new IllegalStateException("already listening");
    }
    Object ready = new Object();
    boolean[] listening = new boolean[1];
    thread =
        new Thread(
            () ->
                run(
                    sink,
                    () -> {
                      synchronized (ready) {
                        listening[0] = true;
                        ready.notifyAll();
                      }
                    }),
            "blotre-postgresql-listen");
    thread.setDaemon(true);
    thread.start();
    // Start serving only once changes are heard, so no event of this instance is missed.
    synchronized (ready) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (!listening[0] && System.currentTimeMillis() < deadline) {
        try {
          ready.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void run(Consumer<List<StoreEvent>> sink, Runnable onListening) {
    boolean lost = false;
    while (running) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        if (lost) {
          log.info("Listening for changes of other instances again");
          lost = false;
        }
        onListening.run();
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            try {
              EventCodec.Announced change = EventCodec.decode(notification.getParameter());
              sink.accept(List.of(change.event()));
              if (change.origin().equals(origin)) {
                synchronized (deliveredLock) {
                  delivered = Math.max(delivered, change.seq());
                  deliveredLock.notifyAll();
                }
              }
            } catch (IOException | RuntimeException e) {
              log.warn("Ignoring a change notification that cannot be read: {}", e.toString());
            }
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        if (!lost) {
          log.warn(
              "Lost the PostgreSQL connection that hears changes ({}); retrying every second",
              e.getMessage());
          lost = true;
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (deliveredLock) {
      deliveredLock.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
