package io.backbeat.storage.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

  @Test
  void the_dialect_follows_the_jdbc_url() {
    assertThat(SqlDialect.fromJdbcUrl("jdbc:sqlite:data/backbeat.db")).isEqualTo(SqlDialect.SQLITE);
    assertThat(SqlDialect.fromJdbcUrl("jdbc:postgresql://db:5432/backbeat")).isEqualTo(SqlDialect.POSTGRES);
  }

  @Test
  void an_unsupported_url_is_refused_without_echoing_its_password() {
    assertThatThrownBy(() -> SqlDialect.fromJdbcUrl("jdbc:mysql://db/backbeat?user=u&password=hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/backbeat")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void only_sqlite_serializes_writers() {
    assertThat(SqlDialect.SQLITE.serializesWriters()).isTrue();
    assertThat(SqlDialect.POSTGRES.serializesWriters()).isFalse();
  }
}
