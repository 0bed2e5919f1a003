package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code TaskReferenceStore} guarantees (Kling's external_task_id), run against every database. */
abstract class TaskReferenceStoreContract extends StoreContract {
  Account acme;
  Account other;

  @BeforeEach
  void accounts() {
    acme = newAccount("acme");
    other = newAccount("other");
  }

  @Test
  void a_reference_finds_its_task_and_the_task_its_reference() {
    Task task = newQueuedTask(acme, T0);
    inTx(tx -> tx.taskReferences().insert(acme.id(), "order-17", task.id()));

    assertThat(tx((Tx tx) -> tx.taskReferences().taskIdOf(acme.id(), "order-17"))).contains(task.id());
    assertThat(tx((Tx tx) -> tx.taskReferences().referenceOf(task.id()))).contains("order-17");
    assertThat(tx((Tx tx) -> tx.taskReferences().taskIdOf(other.id(), "order-17"))).as("another account's name").isEmpty();
    Task unnamed = newQueuedTask(acme, T0);
    assertThat(tx((Tx tx) -> tx.taskReferences().referenceOf(unnamed.id()))).isEmpty();
  }

  @Test
  void a_reference_is_unique_per_account_but_not_across_accounts() {
    Task first = newQueuedTask(acme, T0);
    Task second = newQueuedTask(acme, T0);
    Task others = newQueuedTask(other, T0);
    inTx(tx -> tx.taskReferences().insert(acme.id(), "same", first.id()));

    assertThatThrownBy(() -> inTx(tx -> tx.taskReferences().insert(acme.id(), "same", second.id())))
        .isInstanceOf(DuplicateKeyException.class);
    inTx(tx -> tx.taskReferences().insert(other.id(), "same", others.id()));

    assertThat(tx((Tx tx) -> tx.taskReferences().taskIdOf(acme.id(), "same"))).contains(first.id());
    assertThat(tx((Tx tx) -> tx.taskReferences().taskIdOf(other.id(), "same"))).contains(others.id());
    assertThat(tx((Tx tx) -> tx.taskReferences().referenceOf(second.id()))).isEmpty();
  }

  @Test
  void a_task_has_at_most_one_reference() {
    Task task = newQueuedTask(acme, T0);
    inTx(tx -> tx.taskReferences().insert(acme.id(), "one", task.id()));

    assertThatThrownBy(() -> inTx(tx -> tx.taskReferences().insert(acme.id(), "two", task.id())))
        .isInstanceOf(DuplicateKeyException.class);
  }
}
