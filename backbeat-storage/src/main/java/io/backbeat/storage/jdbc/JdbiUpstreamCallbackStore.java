package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.provider.UpstreamCallback;
import io.backbeat.core.store.UpstreamCallbackStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code upstream_callback} table: each upstream callback once, per channel and body hash. */
public final class JdbiUpstreamCallbackStore implements UpstreamCallbackStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiUpstreamCallbackStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public boolean record(UpstreamCallback callback) {
    requireNonNull(callback, "callback is null");
    int rows =
        handle
            .createUpdate(sql.get(JdbiUpstreamCallbackStore.class, "record"))
            .bind("channel", callback.channel())
            .bind("dedupeKey", callback.dedupeKey())
            .bind("taskId", callback.taskId())
            .bind("upstreamId", callback.upstreamId())
            .bind("receivedAt", Rows.millis(callback.receivedAt()))
            .execute();
    return rows == 1;
  }

  @Override
  public List<UpstreamCallback> forTask(String taskId) {
    requireNonNull(taskId, "taskId is null");
    return handle
        .createQuery(sql.get(JdbiUpstreamCallbackStore.class, "forTask"))
        .bind("taskId", taskId)
        .map(
            (rs, ctx) ->
                new UpstreamCallback(
                    rs.getString("channel"),
                    rs.getString("dedupe_key"),
                    rs.getString("task_id"),
                    rs.getString("upstream_id"),
                    Rows.instant(rs, "received_at")))
        .list();
  }

  @Override
  public int deleteReceivedBefore(Instant cutoff) {
    requireNonNull(cutoff, "cutoff is null");
    return handle.createUpdate(sql.get(JdbiUpstreamCallbackStore.class, "deleteReceivedBefore")).bind("cutoff", Rows.millis(cutoff)).execute();
  }
}
