package io.backbeat.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStatementCacheTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;

  @Test
  void the_same_sql_runs_on_the_same_prepared_statement_across_borrows_of_a_connection() {
    try (Database database = TestDatabases.sqlite(dir)) {
      List<PreparedStatement> seen = new ArrayList<>();
      try (Handle handle = database.jdbi().open()) {
        for (int i = 0; i < 3; i++) {
          assertThat(handle.createQuery("SELECT :n + 1").bind("n", i).addCustomizer(recording(seen)).mapTo(Integer.class).one())
              .isEqualTo(i + 1);
        }
      }
      assertThat(seen).hasSize(3);
      assertThat(seen.get(1)).isSameAs(seen.get(0));
      assertThat(seen.get(2)).isSameAs(seen.get(0));
    }
  }

  @Test
  void a_second_use_of_the_same_sql_while_the_first_is_open_gets_its_own_statement() {
    try (Database database = TestDatabases.sqlite(dir)) {
      List<PreparedStatement> seen = new ArrayList<>();
      List<Integer> inner = new ArrayList<>();
      String sql = "SELECT value FROM json_each('[1,2,3]') WHERE value >= :min ORDER BY value";
      try (Handle handle = database.jdbi().open()) {
        try (var outer = handle.createQuery(sql).bind("min", 1).addCustomizer(recording(seen)).mapTo(Integer.class).stream()) {
          outer.forEach(
              v -> inner.add(handle.createQuery(sql).bind("min", v).addCustomizer(recording(seen)).mapTo(Integer.class).list().size()));
        }
        // and afterwards the cached one serves again
        assertThat(handle.createQuery(sql).bind("min", 3).addCustomizer(recording(seen)).mapTo(Integer.class).list()).containsExactly(3);
      }
      assertThat(inner).containsExactly(3, 2, 1);
      assertThat(seen.get(1)).isNotSameAs(seen.get(0));
      assertThat(seen.getLast()).isSameAs(seen.get(0));
    }
  }

  @Test
  void cached_reads_see_every_commit_and_hold_no_snapshot_that_would_stop_a_checkpoint() {
    try (Database database = TestDatabases.sqlite(dir)) {
      for (int i = 1; i <= 3; i++) {
        Account account = new Account("acct_" + i, "name" + i, "whsec_" + i, T0);
        database.transactor().useTransaction(tx -> tx.accounts().insertAccount(account));
        // the readers' pool, through the same cached statement each time
        assertThat(database.transactor().read((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(i);
        assertThat(database.transactor().read((Tx tx) -> tx.accounts().findAccount(account.id()))).contains(account);
      }
      // busy = 0: no reader keeps an old snapshot open, so the whole log can be copied back
      List<Integer> checkpoint =
          database.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").map((rs, ctx) -> rs.getInt(1)).list());
      assertThat(checkpoint).containsExactly(0);
    }
  }

  @Test
  void a_statement_that_failed_serves_again_or_is_replaced() {
    try (Database database = TestDatabases.sqlite(dir)) {
      Account first = new Account("acct_1", "one", "whsec_1", T0);
      database.transactor().useTransaction(tx -> tx.accounts().insertAccount(first));
      // a duplicate, then a write through a read-only connection: both fail in the driver
      assertThatThrownBy(() -> database.transactor().useTransaction(tx -> tx.accounts().insertAccount(first)))
          .isInstanceOf(DuplicateKeyException.class);
      Account second = new Account("acct_2", "two", "whsec_2", T0);
      assertThatThrownBy(() -> database.transactor().read(tx -> {
        tx.accounts().insertAccount(second);
        return null;
      })).hasMessageContaining("readonly");

      database.transactor().useTransaction(tx -> tx.accounts().insertAccount(second));
      assertThat(database.transactor().read((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(2);
      assertThat(database.transactor().read((Tx tx) -> tx.accounts().findAccount("acct_2"))).contains(second);
    }
  }

  private static StatementCustomizer recording(List<PreparedStatement> seen) {
    return new StatementCustomizer() {
      @Override
      public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
        seen.add(statement);
      }
    };
  }
}
