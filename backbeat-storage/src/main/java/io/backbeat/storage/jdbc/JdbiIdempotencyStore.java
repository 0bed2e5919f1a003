package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.idempotency.IdempotencyRecord;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@code idempotency_key}: the first answer to a key, per account and route, until it expires. */
public final class JdbiIdempotencyStore implements IdempotencyStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiIdempotencyStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public Optional<IdempotencyRecord> find(String accountId, String route, String key, Instant now) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(route, "route is null");
    requireNonNull(key, "key is null");
    requireNonNull(now, "now is null");
    return handle
        .createQuery(sql.get(JdbiIdempotencyStore.class, "find"))
        .bind("accountId", accountId)
        .bind("route", route)
        .bind("key", key)
        .bind("now", Rows.millis(now))
        .map(Rows::idempotencyRecord)
        .findOne();
  }

  /**
   * One statement: inserts, or replaces a record that expired by {@code record.createdAt()}. A live
   * record stays and the insert fails. On PostgreSQL a concurrent insert of the same key waits for
   * the first transaction and then fails, so exactly one request wins.
   */
  @Override
  public void insert(IdempotencyRecord record) {
    requireNonNull(record, "record is null");
    requireNonNull(record.createdAt(), "createdAt is null");
    requireNonNull(record.expiresAt(), "expiresAt is null");
    String what = "idempotency key '" + record.key() + "' on " + record.route();
    int rows =
        Duplicates.translate(
            what,
            () ->
                handle
                    .createUpdate(sql.get(JdbiIdempotencyStore.class, "insert"))
                    .bind("accountId", record.accountId())
                    .bind("route", record.route())
                    .bind("key", record.key())
                    .bind("requestHash", record.requestHash())
                    .bind("taskId", record.taskId())
                    .bind("responseStatus", record.responseStatus())
                    .bind("responseBody", record.responseBody())
                    .bind("createdAt", Rows.millis(record.createdAt()))
                    .bind("expiresAt", Rows.millis(record.expiresAt()))
                    .execute());
    if (rows == 0) {
      throw new DuplicateKeyException(what + " already exists", null);
    }
  }

  @Override
  public int deleteExpired(Instant now) {
    requireNonNull(now, "now is null");
    return handle.createUpdate(sql.get(JdbiIdempotencyStore.class, "deleteExpired")).bind("now", Rows.millis(now)).execute();
  }
}
