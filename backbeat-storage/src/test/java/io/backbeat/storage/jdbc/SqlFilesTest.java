package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.storage.jdbc.dialect.SqlDialect;
import org.junit.jupiter.api.Test;

class SqlFilesTest {

  @Test
  void a_dialect_variant_wins_over_the_shared_file() {
    assertThat(new SqlFiles(SqlDialect.POSTGRES).get(JdbiTaskStore.class, "claimDue")).contains("FOR UPDATE SKIP LOCKED");
    assertThat(new SqlFiles(SqlDialect.SQLITE).get(JdbiTaskStore.class, "claimDue"))
        .contains("WHERE id IN (")
        .doesNotContain("SKIP LOCKED");
  }

  @Test
  void the_shared_file_serves_every_dialect_without_a_variant() {
    String sqlite = new SqlFiles(SqlDialect.SQLITE).get(JdbiTaskStore.class, "applySucceeded");
    String postgres = new SqlFiles(SqlDialect.POSTGRES).get(JdbiTaskStore.class, "applySucceeded");

    assertThat(sqlite).isEqualTo(postgres).contains("status = 'running' AND lease_owner = :owner");
  }

  @Test
  void a_missing_statement_fails_naming_the_file() {
    assertThatThrownBy(() -> new SqlFiles(SqlDialect.SQLITE).get(JdbiTaskStore.class, "noSuchStatement"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io/backbeat/storage/jdbc/JdbiTaskStore/noSuchStatement.sql");
  }
}
