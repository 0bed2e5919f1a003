package io.backbeat.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import io.backbeat.storage.migration.Migrations;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

  @Test
  void is_ready_until_closed() {
    Database database = TestDatabases.postgres();
    assertThat(database.dialect()).isEqualTo(SqlDialect.POSTGRES);
    assertThat(database.isReady()).isTrue();

    database.close();

    assertThat(database.isReady()).isFalse();
  }

  @Test
  void sessions_run_in_a_non_utc_zone_and_times_still_round_trip_exactly() {
    Instant createdAt = Instant.parse("2026-07-01T00:00:00.123Z"); // daylight saving time in Los Angeles
    Account account = new Account("acct_1", "one", "whsec_1", createdAt);
    try (Database database = TestDatabases.postgres()) {
      String zone = database.jdbi().withHandle(h -> h.createQuery("SHOW TimeZone").mapTo(String.class).one());
      database.transactor().useTransaction(tx -> tx.accounts().insertAccount(account));

      assertThat(zone).isEqualTo(PostgresServer.SESSION_TIME_ZONE);
      assertThat(database.transactor().inTransaction((Tx tx) -> tx.accounts().findAccount("acct_1"))).contains(account);
    }
  }

  @Test
  void credentials_can_be_passed_apart_from_the_url() {
    String url = PostgresServer.newDatabaseUrlWithoutUser();

    try (Database database = Database.open(url, "postgres", "")) {
      assertThat(database.isReady()).isTrue();
    }
    assertThatThrownBy(() -> Database.open(url, "nobody", "secret")).hasStackTraceContaining("nobody");
  }

  @Test
  void reopening_migrates_nothing() {
    String url = PostgresServer.newDatabaseUrl();
    try (Database database = Database.open(url)) {
      assertThat(database.isReady()).isTrue();
    }

    try (Database database = Database.open(url)) {
      assertThat(Migrations.migrate(database.dataSource(), SqlDialect.POSTGRES)).isZero();
    }
  }
}
