package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.store.AccessKeyStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code access_key} table: access keys and the secrets that verify their clients' tokens. */
public final class JdbiAccessKeyStore implements AccessKeyStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiAccessKeyStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public void insert(AccessKey key) {
    requireNonNull(key, "key is null");
    Duplicates.translate(
        "access key " + key.accessKey(),
        () ->
            handle
                .createUpdate(sql.get(JdbiAccessKeyStore.class, "insert"))
                .bind("accessKey", key.accessKey())
                .bind("secret", key.secret())
                .bind("accountId", key.accountId())
                .bind("apiKeyId", key.apiKeyId())
                .bind("createdAt", Rows.millis(key.createdAt()))
                .execute());
  }

  @Override
  public Optional<AccessKey> findLive(String accessKey) {
    return handle
        .createQuery(sql.get(JdbiAccessKeyStore.class, "findLive"))
        .bind("accessKey", requireNonNull(accessKey, "accessKey is null"))
        .map(
            (rs, ctx) ->
                new AccessKey(
                    rs.getString("access_key"),
                    rs.getString("secret"),
                    rs.getString("account_id"),
                    rs.getString("api_key_id"),
                    Rows.instant(rs, "created_at")))
        .findOne();
  }
}
