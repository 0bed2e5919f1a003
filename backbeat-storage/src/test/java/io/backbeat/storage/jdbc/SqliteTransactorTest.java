package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteTransactorTest extends TransactorContract {
  @Override
  Database openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }

  @Test
  void a_write_through_a_read_fails_instead_of_queueing_for_the_write_lock() {
    Throwable thrown =
        catchThrowable(() -> transactor.read(tx -> {
          tx.accounts().insertAccount(new Account("acct_x", "x", "whsec_x", T0));
          return null;
        }));

    Throwable thrownByOne =
        catchThrowable(() -> transactor.readOne(tx -> {
          tx.accounts().insertAccount(new Account("acct_y", "y", "whsec_y", T0));
          return null;
        }));

    assertThat(thrown).hasMessageContaining("readonly");
    assertThat(thrownByOne).hasMessageContaining("readonly");
    assertThat((long) transactor.read((Tx tx) -> tx.accounts().countAccounts())).isZero();
  }
}
