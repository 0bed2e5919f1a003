package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.account.WebhookSecrets;
import io.backbeat.core.store.AccountStore;
import java.time.Instant;
import java.util.List;
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

  /** @throws io.backbeat.core.store.DuplicateKeyException when the id or the name is taken */
  @Override
  public void insertAccount(Account account) {
    requireNonNull(account, "account is null");
    Duplicates.translate(
        "account " + account.id() + " or name '" + account.name() + "'",
        () ->
            handle
                .createUpdate(sql.get(JdbiAccountStore.class, "insertAccount"))
                .bind("id", account.id())
                .bind("name", account.name())
                .bind("webhookSecret", account.webhookSecret())
                .bind("createdAt", Rows.millis(account.createdAt()))
                .execute());
  }

  /** @throws io.backbeat.core.store.DuplicateKeyException when the id or the hash exists */
  @Override
  public void insertKey(ApiKey key) {
    requireNonNull(key, "key is null");
    Duplicates.translate(
        "API key " + key.id(),
        () ->
            handle
                .createUpdate(sql.get(JdbiAccountStore.class, "insertKey"))
                .bind("id", key.id())
                .bind("accountId", key.accountId())
                .bind("name", key.name())
                .bind("prefix", key.prefix())
                .bind("keyHash", key.keyHash())
                .bind("createdAt", Rows.millis(key.createdAt()))
                .execute());
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
  public List<ApiKey> liveKeys(String accountId) {
    requireNonNull(accountId, "accountId is null");
    return handle.createQuery(sql.get(JdbiAccountStore.class, "liveKeys")).bind("accountId", accountId).map(Rows::apiKey).list();
  }

  @Override
  public long countAccounts() {
    return handle.createQuery(sql.get(JdbiAccountStore.class, "countAccounts")).mapTo(Long.class).one();
  }

  @Override
  public Optional<WebhookSecrets> webhookSecrets(String accountId) {
    requireNonNull(accountId, "accountId is null");
    return handle
        .createQuery(sql.get(JdbiAccountStore.class, "webhookSecrets"))
        .bind("id", accountId)
        .map(Rows::webhookSecrets)
        .findOne();
  }

  /** @throws IllegalArgumentException when there is no such account */
  @Override
  public void rotateWebhookSecret(String accountId, String newSecret, Instant previousValidUntil) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(newSecret, "newSecret is null");
    requireNonNull(previousValidUntil, "previousValidUntil is null");
    int rows =
        handle
            .createUpdate(sql.get(JdbiAccountStore.class, "rotateWebhookSecret"))
            .bind("id", accountId)
            .bind("newSecret", newSecret)
            .bind("previousValidUntil", Rows.millis(previousValidUntil))
            .execute();
    if (rows != 1) {
      throw new IllegalArgumentException("no account with id '" + accountId + "'");
    }
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
