package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.account.ApiKey;
import org.junit.jupiter.api.Test;

/** Accounts and API keys (hashes only). */
abstract class AccountStoreContract extends StoreContract {

  @Test
  void an_account_is_found_by_id_and_by_name() {
    Account account = newAccount("acme");

    assertThat(tx((Tx tx) -> tx.accounts().findAccount(account.id()))).contains(account);
    assertThat(tx((Tx tx) -> tx.accounts().findAccountByName("acme"))).contains(account);
    assertThat(tx((Tx tx) -> tx.accounts().findAccount("acct_nobody"))).isEmpty();
    assertThat(tx((Tx tx) -> tx.accounts().findAccountByName("nobody"))).isEmpty();
  }

  @Test
  void account_names_are_unique() {
    newAccount("acme");
    Account twin = new Account("acct_twin", "acme", "whsec_twin", T0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertAccount(twin))).hasMessageContaining("account");
  }

  @Test
  void count_accounts_counts_every_account() {
    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isZero();
    newAccount("one");
    newAccount("two");

    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(2);
  }

  @Test
  void a_live_key_is_found_by_its_hash() {
    ApiKey key = newKey(newAccount("acme"), "ci");

    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash(key.keyHash()))).contains(key);
    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash("hash-unknown"))).isEmpty();
  }

  @Test
  void a_revoked_key_is_not_found_by_its_hash() {
    ApiKey key = newKey(newAccount("acme"), "ci");
    ApiKey other = newKey(newAccount("other"), "other");

    assertThat(tx((Tx tx) -> ((JdbiAccountStore) tx.accounts()).revokeKey(key.id(), T0.plusSeconds(1)))).isTrue();

    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash(key.keyHash()))).isEmpty();
    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash(other.keyHash()))).contains(other);
    assertThat(tx((Tx tx) -> ((JdbiAccountStore) tx.accounts()).revokeKey(key.id(), T0.plusSeconds(2)))).isFalse();
  }

  @Test
  void key_hashes_are_unique() {
    Account account = newAccount("acme");
    ApiKey key = newKey(account, "ci");
    ApiKey sameHash = new ApiKey("key_other", account.id(), "other", "bb_x", key.keyHash(), T0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertKey(sameHash))).isInstanceOf(RuntimeException.class);
  }

  @Test
  void a_key_needs_an_existing_account() {
    ApiKey orphan = new ApiKey("key_orphan", "acct_missing", "orphan", "bb_o", "hash-orphan", T0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertKey(orphan))).isInstanceOf(RuntimeException.class);
    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash("hash-orphan"))).isEmpty();
  }
}
