package io.backbeat.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.testkit.SettableClock;
import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered keys: trusted for the TTL, re-checked after it, forgotten at once on a local revoke. */
class AccountServiceKeyCacheTest {
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  @TempDir Path dir;
  private Database database;
  private final SettableClock clock = new SettableClock(T0);
  private AccountService accounts;
  private AccountService.CreatedKey created;

  @BeforeEach
  void open() {
    database = TestDatabases.sqlite(dir);
    accounts = new AccountService(database.transactor(), clock);
    created = accounts.createAccount("cache", false);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void a_key_revoked_elsewhere_stops_working_once_the_ttl_has_passed() {
    Principal expected = new Principal(created.account().id(), created.key().id());
    assertThat(accounts.authenticate(created.plaintext())).contains(expected);

    revokeInTheDatabase(created.key().id()); // as another process (the keys command) would

    // within the TTL the remembered key still answers; past it, the database is asked again
    clock.advance(AccountService.KEY_CACHE_TTL.minusMillis(1));
    assertThat(accounts.authenticate(created.plaintext())).contains(expected);
    clock.advance(Duration.ofMillis(1));
    assertThat(accounts.authenticate(created.plaintext())).isEmpty();
  }

  @Test
  void forgetting_a_key_makes_the_next_request_ask_the_database() {
    assertThat(accounts.authenticate(created.plaintext())).isPresent();
    revokeInTheDatabase(created.key().id());

    accounts.forgetKey(created.key().id());

    assertThat(accounts.authenticate(created.plaintext())).isEmpty();
  }

  @Test
  void an_unknown_key_is_not_remembered_so_a_key_created_afterwards_works_at_once() {
    String other = "bb_live_" + "x".repeat(40);
    assertThat(accounts.authenticate(other)).isEmpty();

    AccountService.CreatedKey added = accounts.addKey(created.account().id(), "second");

    assertThat(accounts.authenticate(added.plaintext())).contains(new Principal(created.account().id(), added.key().id()));
    assertThat(accounts.authenticate(other)).isEmpty();
  }

  @Test
  void keys_not_used_for_a_ttl_leave_memory_on_a_later_miss_and_a_lookalike_token_is_not_taken_for_a_remembered_one() {
    AccountService.CreatedKey second = accounts.addKey(created.account().id(), "second");
    assertThat(accounts.authenticate(created.plaintext())).isPresent();
    assertThat(accounts.authenticate(second.plaintext())).isPresent();
    assertThat(accounts.rememberedKeys()).isEqualTo(2);
    // same length, one character off: a miss that asks the database, never the remembered principal
    String plaintext = created.plaintext();
    char last = plaintext.charAt(plaintext.length() - 1);
    String lookalike = plaintext.substring(0, plaintext.length() - 1) + (last == 'a' ? 'b' : 'a');
    assertThat(accounts.authenticate(lookalike)).isEmpty();

    clock.advance(AccountService.KEY_CACHE_TTL);
    assertThat(accounts.authenticate(second.plaintext())).isPresent(); // a miss: the expired first key is dropped

    assertThat(accounts.rememberedKeys()).isEqualTo(1);
    assertThat(accounts.authenticate(" " + created.plaintext() + " ")).contains(new Principal(created.account().id(), created.key().id()));
  }

  private void revokeInTheDatabase(String keyId) {
    int rows =
        database.jdbi().withHandle(h -> h.createUpdate("UPDATE api_key SET revoked_at = :at WHERE id = :id")
            .bind("at", T0.toEpochMilli())
            .bind("id", keyId)
            .execute());
    assertThat(rows).isEqualTo(1);
  }
}
