package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.store.TaskEventStore;
import java.util.List;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import io.backbeat.storage.notify.PostgresWakeUps;
import org.jdbi.v3.core.Handle;

/** The {@code task_event} timeline; {@code seq} is the global cursor of live event streams. */
public final class JdbiTaskEventStore implements TaskEventStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiTaskEventStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public TaskEvent append(TaskEvent event) {
    requireNonNull(event, "event is null");
    requireNonNull(event.taskId(), "taskId is null");
    requireNonNull(event.accountId(), "accountId is null");
    requireNonNull(event.status(), "status is null");
    requireNonNull(event.stage(), "stage is null");
    requireNonNull(event.at(), "at is null");
    if (!sql.dialect().serializesWriters()) {
      // A reader resumes after the highest seq it saw. If two transactions could commit their
      // events out of seq order, a reader could see 11, move on, and never see 10. Holding this
      // lock until commit makes appends commit in seq order.
      handle.createQuery(sql.get(JdbiTaskEventStore.class, "lockAppends")).mapTo(Integer.class).one();
    }
    long seq =
        handle
            .createQuery(sql.get(JdbiTaskEventStore.class, "append"))
            .bind("taskId", event.taskId())
            .bind("accountId", event.accountId())
            .bind("status", event.status().dbValue())
            .bind("stage", event.stage().dbValue())
            .bind("reason", event.reason())
            .bind("createdAt", Rows.millis(event.at()))
            .mapTo(Long.class)
            .one();
    if (sql.dialect() == SqlDialect.POSTGRES) {
      // every node's dispatcher and event streams hear of it at commit (PostgresWakeUps)
      handle.createQuery(sql.get(JdbiTaskEventStore.class, "notify"))
          .bind("payload", PostgresWakeUps.payload(event.taskId(), event.status()))
          .mapTo(String.class)
          .one();
    }
    return new TaskEvent(seq, event.taskId(), event.accountId(), event.status(), event.stage(), event.reason(), event.at());
  }

  @Override
  public List<TaskEvent> forTask(String taskId) {
    requireNonNull(taskId, "taskId is null");
    return handle.createQuery(sql.get(JdbiTaskEventStore.class, "forTask")).bind("taskId", taskId).map(Rows::event).list();
  }

  @Override
  public List<TaskEvent> forAccountAfter(String accountId, long afterSeq, int limit) {
    requireNonNull(accountId, "accountId is null");
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(sql.get(JdbiTaskEventStore.class, "forAccountAfter"))
        .bind("accountId", accountId)
        .bind("afterSeq", afterSeq)
        .bind("max", limit)
        .map(Rows::event)
        .list();
  }

  @Override
  public long latestSeq(String accountId) {
    requireNonNull(accountId, "accountId is null");
    return handle.createQuery(sql.get(JdbiTaskEventStore.class, "latestSeq")).bind("accountId", accountId).mapTo(Long.class).one();
  }
}
