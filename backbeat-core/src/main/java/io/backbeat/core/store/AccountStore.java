package io.backbeat.core.store;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.account.WebhookSecrets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts and their API keys (stored as hashes only). */
public interface AccountStore {

  void insertAccount(Account account);

  void insertKey(ApiKey key);

  Optional<Account> findAccount(String id);

  Optional<Account> findAccountByName(String name);

  /** The live (not revoked) key with this hash. */
  Optional<ApiKey> findKeyByHash(String keyHash);

  /** The account's live (not revoked) keys, oldest first; hashes included, plaintexts never exist here. */
  List<ApiKey> liveKeys(String accountId);

  long countAccounts();

  /** The account's signing secrets (current, and the previous one during a rotation's overlap). */
  Optional<WebhookSecrets> webhookSecrets(String accountId);

  /** Replaces the current secret; the old one stays valid as {@code previous} until {@code previousValidUntil}. */
  void rotateWebhookSecret(String accountId, String newSecret, Instant previousValidUntil);
}
