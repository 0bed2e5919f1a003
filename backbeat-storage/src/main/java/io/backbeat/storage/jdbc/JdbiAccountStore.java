package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.store.AccountStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Accounts ({@code account}) and their API keys ({@code api_key}, hashes only). */
public final class JdbiAccountStore implements AccountStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiAccountStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public void insertAccount(Account account) {
    requireNonNull(account, "account is null");
    handle
        .createUpdate(sql.get(JdbiAccountStore.class, "insertAccount"))
        .bind("id", account.id())
        .bind("name", account.name())
        .bind("webhookSecret", account.webhookSecret())
        .bind("createdAt", Rows.millis(account.createdAt()))
        .execute();
  }

  @Override
  public void insertKey(ApiKey key) {
    requireNonNull(key, "key is null");
    handle
        .createUpdate(sql.get(JdbiAccountStore.class, "insertKey"))
        .bind("id", key.id())
        .bind("accountId", key.accountId())
        .bind("name", key.name())
        .bind("prefix", key.prefix())
        .bind("keyHash", key.keyHash())
        .bind("createdAt", Rows.millis(key.createdAt()))
        .execute();
  }

  @Override
  public Optional<Account> findAccount(String id) {
    requireNonNull(id, "id is null");
    return handle.createQuery(sql.get(JdbiAccountStore.class, "findAccount")).bind("id", id).map(Rows::account).findOne();
  }

  @Override
  public Optional<Account> findAccountByName(String name) {
    requireNonNull(name, "name is null");
    return handle
        .createQuery(sql.get(JdbiAccountStore.class, "findAccountByName"))
        .bind("name", name)
        .map(Rows::account)
        .findOne();
  }

  @Override
  public Optional<ApiKey> findKeyByHash(String keyHash) {
    requireNonNull(keyHash, "keyHash is null");
    return handle
        .createQuery(sql.get(JdbiAccountStore.class, "findKeyByHash"))
        .bind("keyHash", keyHash)
        .map(Rows::apiKey)
        .findOne();
  }

  @Override
  public long countAccounts() {
    return handle.createQuery(sql.get(JdbiAccountStore.class, "countAccounts")).mapTo(Long.class).one();
  }

  /**
   * Revokes a live key: it stops authenticating at once. Not (yet) part of the {@link AccountStore}
   * port. Returns false when the key does not exist or was already revoked.
   */
  public boolean revokeKey(String keyId, Instant revokedAt) {
    requireNonNull(keyId, "keyId is null");
    requireNonNull(revokedAt, "revokedAt is null");
    int rows =
        handle
            .createUpdate(sql.get(JdbiAccountStore.class, "revokeKey"))
            .bind("id", keyId)
            .bind("revokedAt", Rows.millis(revokedAt))
            .execute();
    return rows == 1;
  }
}
