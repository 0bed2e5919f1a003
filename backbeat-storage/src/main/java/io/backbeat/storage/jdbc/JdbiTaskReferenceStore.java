package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.TaskReferenceStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code task_reference} table: clients' own names for their tasks, unique per account. */
public final class JdbiTaskReferenceStore implements TaskReferenceStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiTaskReferenceStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public void insert(String accountId, String reference, String taskId) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(reference, "reference is null");
    requireNonNull(taskId, "taskId is null");
    Duplicates.translate(
        "task reference " + reference,
        () ->
            handle
                .createUpdate(sql.get(JdbiTaskReferenceStore.class, "insert"))
                .bind("accountId", accountId)
                .bind("reference", reference)
                .bind("taskId", taskId)
                .execute());
  }

  @Override
  public Optional<String> taskIdOf(String accountId, String reference) {
    return handle
        .createQuery(sql.get(JdbiTaskReferenceStore.class, "taskIdOf"))
        .bind("accountId", requireNonNull(accountId, "accountId is null"))
        .bind("reference", requireNonNull(reference, "reference is null"))
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public Optional<String> referenceOf(String taskId) {
    return handle
        .createQuery(sql.get(JdbiTaskReferenceStore.class, "referenceOf"))
        .bind("taskId", requireNonNull(taskId, "taskId is null"))
        .mapTo(String.class)
        .findOne();
  }
}
