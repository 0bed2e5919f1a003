package io.backbeat.core.store;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import java.util.Optional;

/** Accounts and their API keys (stored as hashes only). */
public interface AccountStore {

  void insertAccount(Account account);

  void insertKey(ApiKey key);

  Optional<Account> findAccount(String id);

  Optional<Account> findAccountByName(String name);

  /** The live (not revoked) key with this hash. */
  Optional<ApiKey> findKeyByHash(String keyHash);

  long countAccounts();
}
