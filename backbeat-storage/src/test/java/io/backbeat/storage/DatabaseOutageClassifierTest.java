package io.backbeat.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.Test;

/** Which failures are a lost database, to be answered "retry shortly" instead of an internal error. */
class DatabaseOutageClassifierTest {
  @Test
  void a_cut_connection_is_an_outage_as_a_cause_or_a_state() {
    assertThat(DatabaseOutage.isOutage(new IllegalStateException(new SQLTransientConnectionException("pool timed out")))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
  }

  @Test
  void a_grouped_work_that_could_not_roll_back_is_an_outage_when_what_it_suppressed_was_one() {
    // GroupCommit: the savepoint's rollback failed (no usable state), the work's own failure is suppressed
    TransactionException inDoubt = new TransactionException("cannot roll back a failed grouped work", new SQLException("rollback failed"));
    inDoubt.addSuppressed(new IllegalStateException(new SQLException("An I/O error occurred", "08006")));

    assertThat(DatabaseOutage.isOutage(inDoubt)).isTrue();
  }

  @Test
  void anything_else_stays_an_internal_error() {
    TransactionException inDoubt = new TransactionException("cannot roll back a failed grouped work", new SQLException("rollback failed"));
    inDoubt.addSuppressed(new SQLException("duplicate key", "23505"));

    assertThat(DatabaseOutage.isOutage(inDoubt)).isFalse();
    assertThat(DatabaseOutage.isOutage(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new IllegalStateException("a bug"))).isFalse();
  }
}
