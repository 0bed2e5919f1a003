package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import org.junit.jupiter.api.Test;

/** The {@code AccessKeyStore} guarantees (Kling access keys and their secrets), run against every database. */
abstract class AccessKeyStoreContract extends StoreContract {

  @Test
  void an_access_key_is_found_with_its_secret_and_the_key_it_acts_as() {
    Account account = newAccount("acme");
    ApiKey apiKey = newKey(account, "kling");
    AccessKey key = new AccessKey("bbak_one", "bbsk_secret-one", account.id(), apiKey.id(), T0);
    inTx(tx -> tx.accessKeys().insert(key));

    assertThat(tx((Tx tx) -> tx.accessKeys().findLive("bbak_one"))).contains(key);
    assertThat(tx((Tx tx) -> tx.accessKeys().findLive("bbak_two"))).isEmpty();
  }

  @Test
  void an_access_key_is_unique() {
    Account account = newAccount("acme");
    ApiKey apiKey = newKey(account, "kling");
    inTx(tx -> tx.accessKeys().insert(new AccessKey("bbak_one", "s1", account.id(), apiKey.id(), T0)));

    assertThatThrownBy(() -> inTx(tx -> tx.accessKeys().insert(new AccessKey("bbak_one", "s2", account.id(), apiKey.id(), T0))))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(tx((Tx tx) -> tx.accessKeys().findLive("bbak_one"))).get().extracting(AccessKey::secret).isEqualTo("s1");
  }

  @Test
  void revoking_the_api_key_revokes_its_access_keys() {
    Account account = newAccount("acme");
    ApiKey revoked = newKey(account, "old");
    ApiKey live = newKey(account, "new");
    inTx(tx -> {
      tx.accessKeys().insert(new AccessKey("bbak_old", "s-old", account.id(), revoked.id(), T0));
      tx.accessKeys().insert(new AccessKey("bbak_new", "s-new", account.id(), live.id(), T0));
    });

    inTx(tx -> ((JdbiAccountStore) tx.accounts()).revokeKey(revoked.id(), T0.plusSeconds(1)));

    assertThat(tx((Tx tx) -> tx.accessKeys().findLive("bbak_old"))).isEmpty();
    assertThat(tx((Tx tx) -> tx.accessKeys().findLive("bbak_new"))).isPresent();
  }
}
