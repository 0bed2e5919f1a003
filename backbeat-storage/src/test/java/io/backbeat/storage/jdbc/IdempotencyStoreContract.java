package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.idempotency.IdempotencyRecord;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys: unique per account + route + key while they live. */
abstract class IdempotencyStoreContract extends StoreContract {
  static final Duration TTL = Duration.ofHours(24);

  Account account;
  Task task;

  @BeforeEach
  void createTask() {
    account = newAccount("acme");
    task = newQueuedTask(account, T0);
  }

  @Test
  void an_inserted_record_is_found_until_it_expires() {
    IdempotencyRecord record = record(account, "suno.generate", "k1", T0);
    inTx(tx -> tx.idempotency().insert(record));

    assertThat(find(account, "suno.generate", "k1", T0.plusSeconds(1))).contains(record);
    assertThat(find(account, "suno.generate", "k1", T0.plus(TTL).minusMillis(1))).contains(record);
    assertThat(find(account, "suno.generate", "k1", T0.plus(TTL))).isEmpty();
  }

  @Test
  void keys_are_scoped_to_account_and_route() {
    Account other = newAccount("other");
    inTx(tx -> tx.idempotency().insert(record(account, "suno.generate", "k1", T0)));

    assertThat(find(other, "suno.generate", "k1", T0)).isEmpty();
    assertThat(find(account, "suno.lyrics", "k1", T0)).isEmpty();
    inTx(tx -> tx.idempotency().insert(record(other, "suno.generate", "k1", T0)));
    inTx(tx -> tx.idempotency().insert(record(account, "suno.lyrics", "k1", T0)));
  }

  @Test
  void a_live_key_cannot_be_inserted_twice() {
    inTx(tx -> tx.idempotency().insert(record(account, "suno.generate", "k1", T0)));
    IdempotencyRecord again = withHash(record(account, "suno.generate", "k1", T0.plusSeconds(5)), "other-hash");

    assertThatThrownBy(() -> inTx(tx -> tx.idempotency().insert(again))).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(account, "suno.generate", "k1", T0.plusSeconds(6))).get().extracting(IdempotencyRecord::requestHash).isEqualTo("hash-k1");
  }

  @Test
  void an_expired_key_is_replaced() {
    inTx(tx -> tx.idempotency().insert(record(account, "suno.generate", "k1", T0)));
    IdempotencyRecord fresh = withHash(record(account, "suno.generate", "k1", T0.plus(TTL)), "fresh-hash");

    inTx(tx -> tx.idempotency().insert(fresh));

    assertThat(find(account, "suno.generate", "k1", T0.plus(TTL).plusSeconds(1))).contains(fresh);
  }

  @Test
  void delete_expired_removes_only_expired_records() {
    inTx(tx -> tx.idempotency().insert(record(account, "r", "old", T0)));
    inTx(tx -> tx.idempotency().insert(record(account, "r", "new", T0.plus(Duration.ofHours(12)))));

    assertThat(tx((Tx tx) -> tx.idempotency().deleteExpired(T0.plus(TTL)))).isEqualTo(1);

    assertThat(find(account, "r", "new", T0.plus(TTL))).isPresent();
    assertThat(tx((Tx tx) -> tx.idempotency().deleteExpired(T0.plus(TTL)))).isZero();
  }

  @Test
  void concurrent_inserts_of_one_key_have_exactly_one_winner() throws Exception {
    int contenders = 6;
    CountDownLatch start = new CountDownLatch(1);
    int won = 0;
    int duplicates = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String hash = "hash-" + i;
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    inTx(tx -> tx.idempotency().insert(withHash(record(account, "suno.generate", "k1", T0), hash)));
                    return true;
                  } catch (DuplicateKeyException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      for (Future<Boolean> attempt : attempts) {
        if (attempt.get()) {
          won++;
        } else {
          duplicates++;
        }
      }
    }

    assertThat(won).isEqualTo(1);
    assertThat(duplicates).isEqualTo(contenders - 1);
  }

  IdempotencyRecord record(Account account, String route, String key, Instant now) {
    return new IdempotencyRecord(account.id(), route, key, "hash-" + key, task.id(), 200, "{\"taskId\":\"" + task.id() + "\"}", now, now.plus(TTL));
  }

  static IdempotencyRecord withHash(IdempotencyRecord r, String hash) {
    return new IdempotencyRecord(r.accountId(), r.route(), r.key(), hash, r.taskId(), r.responseStatus(), r.responseBody(), r.createdAt(), r.expiresAt());
  }

  java.util.Optional<IdempotencyRecord> find(Account account, String route, String key, Instant now) {
    return tx((Tx tx) -> tx.idempotency().find(account.id(), route, key, now));
  }
}
