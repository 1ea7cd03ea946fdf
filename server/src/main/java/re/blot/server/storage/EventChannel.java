package re.blot.server.storage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

  private final String jdbcUrl;
  private volatile boolean running = true;
  private Thread thread;

  EventChannel(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
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
              sink.accept(List.of(EventCodec.decode(notification.getParameter())));
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
