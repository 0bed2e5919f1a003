package io.backbeat.storage.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.testkit.TestSpecs;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store contract shares: a fresh, migrated database per test and a few fixtures. A
 * subclass per database says how to open one.
 */
abstract class StoreContract {
  /** Millisecond-precise: the stores keep milliseconds. */
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tempDir;
  Database database;
  Transactor transactor;

  abstract Database openDatabase(Path tempDir);

  @BeforeEach
  final void openFreshDatabase() {
    database = openDatabase(tempDir);
    transactor = database.transactor();
  }

  @AfterEach
  final void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  <T> T tx(Function<Tx, T> work) {
    return transactor.inTransaction(work);
  }

  void inTx(Consumer<Tx> work) {
    transactor.useTransaction(work);
  }

  Account newAccount(String name) {
    Account account = new Account("acct_" + name, name, "whsec_" + name, T0);
    inTx(tx -> tx.accounts().insertAccount(account));
    return account;
  }

  ApiKey newKey(Account account, String name) {
    ApiKey key = new ApiKey("key_" + name, account.id(), name, "bb_" + name, "hash-" + name, T0);
    inTx(tx -> tx.accounts().insertKey(key));
    return key;
  }

  /** A queued task of {@code account}, created at T0, due at {@code nextRunAt}, stored. */
  Task newQueuedTask(Account account, Instant nextRunAt) {
    Task task = queuedTask(account, nextRunAt);
    inTx(tx -> tx.tasks().insert(task));
    return task;
  }

  static Task queuedTask(Account account, Instant nextRunAt) {
    return new Task(
        TaskIds.newId(), account.id(), null, "suno", "suno.music", "local",
        TaskStatus.QUEUED, Stage.NONE, TestSpecs.song("a song about tests"), json("prompt", "a song about tests"),
        null, null, null, ProviderHandle.NONE, null, null, 0, nextRunAt, T0, T0, null);
  }

  static ObjectNode json(String field, String value) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put(field, value);
    return node;
  }
}
