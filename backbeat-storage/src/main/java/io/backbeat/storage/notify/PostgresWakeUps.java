package io.backbeat.storage.notify;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears, on PostgreSQL, every task event any node commits: each event append runs
 * {@code pg_notify('backbeat_task_events', '<status>:<taskId>')} in its transaction, and this
 * holds one connection with {@code LISTEN} on a virtual thread, handing each notification to a
 * {@link Listener}. A node's dispatcher and event streams wake at once for work and events of
 * other nodes instead of at their next poll.
 *
 * <p>Notifications are hints only: nothing is lost when one is missed (the database outage this
 * class rides out by reconnecting every {@link #RECONNECT_DELAY}), because every consumer still
 * re-reads the database on its own interval. After a reconnect the listener is told once through
 * {@link Listener#onReconnect}, as events may have passed unheard.
 */
public final class PostgresWakeUps implements AutoCloseable {
  public static final String CHANNEL = "backbeat_task_events";
  static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final int POLL_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresWakeUps.class);

  /** What a node does when it hears of an event. Called on the listening thread: keep it short. */
  public interface Listener {
    void onTaskEvent(String taskId, TaskStatus status);

    /** Listening (re)started after a gap; events may have passed unheard. */
    default void onReconnect() {}
  }

  private final DataSource dataSource;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean listening;

  private PostgresWakeUps(DataSource dataSource, Listener listener) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.thread = Thread.ofVirtual().name("pg-listen").unstarted(this::run);
  }

  /** Starts listening on a PostgreSQL data source. */
  public static PostgresWakeUps start(DataSource dataSource, Listener listener) {
    PostgresWakeUps wakeUps = new PostgresWakeUps(dataSource, listener);
    wakeUps.thread.start();
    return wakeUps;
  }

  /** The payload an event's notification carries. */
  public static String payload(String taskId, TaskStatus status) {
    return status.dbValue() + ":" + taskId;
  }

  /** True while a LISTEN connection is open (false during a database outage). */
  public boolean isListening() {
    return listening;
  }

  private void run() {
    boolean connectedBefore = false;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        if (connectedBefore) {
          LOG.info("Listening for task events again");
          listener.onReconnect();
        }
        connectedBefore = true;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            deliver(notification.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        if (listening) {
          LOG.warn("Lost the task-event LISTEN connection ({}); reconnecting", e.getClass().getSimpleName());
        }
        listening = false;
        sleep();
      }
    }
    listening = false;
  }

  private void deliver(String payload) {
    int colon = payload.indexOf(':');
    if (colon <= 0) {
      return; // not ours
    }
    TaskStatus status;
    try {
      status = TaskStatus.fromDb(payload.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return;
    }
    try {
      listener.onTaskEvent(payload.substring(colon + 1), status);
    } catch (RuntimeException e) {
      LOG.warn("Task-event listener threw; ignored", e);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RECONNECT_DELAY);
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false; // no interrupt: it would close the pooled connection's socket under the driver
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
