package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.account.WebhookSecrets;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import java.time.Instant;
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

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertAccount(twin))).isInstanceOf(DuplicateKeyException.class);
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
  void live_keys_are_the_accounts_unrevoked_keys_oldest_first() {
    Account account = newAccount("acme");
    ApiKey first = newKey(account, "first");
    newKey(account, "second");
    ApiKey revoked = newKey(account, "revoked");
    newKey(newAccount("other"), "not mine");
    inTx(tx -> ((JdbiAccountStore) tx.accounts()).revokeKey(revoked.id(), T0.plusSeconds(1)));

    assertThat(tx((Tx tx) -> tx.accounts().liveKeys(account.id()))).extracting(ApiKey::name).containsExactly("first", "second");
    assertThat(tx((Tx tx) -> tx.accounts().liveKeys(account.id()))).first().isEqualTo(first);
    assertThat(tx((Tx tx) -> tx.accounts().liveKeys("acct_nobody"))).isEmpty();
  }

  @Test
  void key_hashes_are_unique() {
    Account account = newAccount("acme");
    ApiKey key = newKey(account, "ci");
    ApiKey sameHash = new ApiKey("key_other", account.id(), "other", "bb_x", key.keyHash(), T0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertKey(sameHash))).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void webhook_secrets_are_the_current_one_until_a_rotation() {
    Account account = newAccount("acme");

    assertThat(tx((Tx tx) -> tx.accounts().webhookSecrets(account.id()))).contains(new WebhookSecrets("whsec_acme", null, null));
    assertThat(tx((Tx tx) -> tx.accounts().webhookSecrets("acct_nobody"))).isEmpty();
  }

  @Test
  void a_rotation_keeps_the_old_secret_as_previous_until_it_expires() {
    Account account = newAccount("acme");
    Instant until = T0.plusSeconds(86_400);

    inTx(tx -> tx.accounts().rotateWebhookSecret(account.id(), "whsec_new", until));

    assertThat(tx((Tx tx) -> tx.accounts().webhookSecrets(account.id()))).contains(new WebhookSecrets("whsec_new", "whsec_acme", until));
    assertThat(tx((Tx tx) -> tx.accounts().findAccount(account.id()))).get().extracting(Account::webhookSecret).isEqualTo("whsec_new");
    assertThatThrownBy(() -> inTx(tx -> tx.accounts().rotateWebhookSecret("acct_nobody", "whsec_x", until)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_key_needs_an_existing_account() {
    ApiKey orphan = new ApiKey("key_orphan", "acct_missing", "orphan", "bb_o", "hash-orphan", T0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insertKey(orphan))).isInstanceOf(RuntimeException.class);
    assertThat(tx((Tx tx) -> tx.accounts().findKeyByHash("hash-orphan"))).isEmpty();
  }
}
