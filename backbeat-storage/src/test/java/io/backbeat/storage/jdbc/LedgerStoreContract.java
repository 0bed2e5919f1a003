package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.billing.LedgerEntry.Kind;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credits: a hold at create, then exactly one settle or refund; balances change only with a row. */
abstract class LedgerStoreContract extends StoreContract {
  Account account;

  @BeforeEach
  void createAccount() {
    account = newAccount("acme");
  }

  @Test
  void an_account_is_unmetered_until_its_first_top_up() {
    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).isEmpty();

    assertThat(tx((Tx tx) -> tx.ledger().topUp(account.id(), 50, T0))).isEqualTo(50);
    assertThat(tx((Tx tx) -> tx.ledger().topUp(account.id(), 25, T0.plusSeconds(1)))).isEqualTo(75);

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(75);
    assertThat(entries()).extracting(LedgerEntry::kind, LedgerEntry::amount, LedgerEntry::balanceAfter, LedgerEntry::taskId)
        .containsExactly(tuple(Kind.TOPUP, 25L, 75L, null), tuple(Kind.TOPUP, 50L, 50L, null));
  }

  @Test
  void an_unmetered_account_holds_without_moving_money() {
    Task task = newQueuedTask(account, T0);

    assertThat(tx((Tx tx) -> tx.ledger().hold(account.id(), task.id(), 10, T0))).isTrue();

    assertThat(entries()).isEmpty();
    assertThat(tx((Tx tx) -> tx.ledger().settle(task.id(), T0))).as("nothing to settle").isFalse();
    assertThat(tx((Tx tx) -> tx.ledger().refund(task.id(), T0))).as("nothing to refund").isFalse();
  }

  @Test
  void a_hold_debits_the_balance_and_records_the_task() {
    topUp(30);
    Task task = newQueuedTask(account, T0);

    assertThat(tx((Tx tx) -> tx.ledger().hold(account.id(), task.id(), 10, T0.plusSeconds(1)))).isTrue();

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(20);
    LedgerEntry hold = entries().get(0);
    assertThat(hold.kind()).isEqualTo(Kind.HOLD);
    assertThat(hold.taskId()).isEqualTo(task.id());
    assertThat(hold.accountId()).isEqualTo(account.id());
    assertThat(hold.amount()).isEqualTo(10);
    assertThat(hold.balanceAfter()).isEqualTo(20);
    assertThat(hold.createdAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void a_hold_the_balance_does_not_cover_changes_nothing() {
    topUp(5);
    Task task = newQueuedTask(account, T0);

    assertThat(tx((Tx tx) -> tx.ledger().hold(account.id(), task.id(), 10, T0))).isFalse();

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(5);
    assertThat(entries()).extracting(LedgerEntry::kind).containsExactly(Kind.TOPUP);
  }

  @Test
  void a_second_hold_for_one_task_is_a_duplicate_and_rolls_back_its_debit() {
    topUp(30);
    Task task = newQueuedTask(account, T0);
    inTx(tx -> tx.ledger().hold(account.id(), task.id(), 10, T0));

    assertThatThrownBy(() -> inTx(tx -> tx.ledger().hold(account.id(), task.id(), 10, T0)))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(20);
  }

  @Test
  void settle_confirms_the_hold_once_and_keeps_the_balance() {
    topUp(30);
    Task task = heldTask(10);

    assertThat(tx((Tx tx) -> tx.ledger().settle(task.id(), T0.plusSeconds(5)))).isTrue();
    assertThat(tx((Tx tx) -> tx.ledger().settle(task.id(), T0.plusSeconds(6)))).isFalse();
    assertThat(tx((Tx tx) -> tx.ledger().refund(task.id(), T0.plusSeconds(7)))).as("settled money stays spent").isFalse();

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(20);
    assertThat(entries()).extracting(LedgerEntry::kind, LedgerEntry::amount, LedgerEntry::balanceAfter)
        .startsWith(tuple(Kind.SETTLE, 10L, 20L));
  }

  @Test
  void refund_gives_the_hold_back_once() {
    topUp(30);
    Task task = heldTask(10);

    assertThat(tx((Tx tx) -> tx.ledger().refund(task.id(), T0.plusSeconds(5)))).isTrue();
    assertThat(tx((Tx tx) -> tx.ledger().refund(task.id(), T0.plusSeconds(6)))).isFalse();
    assertThat(tx((Tx tx) -> tx.ledger().settle(task.id(), T0.plusSeconds(7)))).as("refunded money is not spent").isFalse();

    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(30);
    assertThat(entries()).extracting(LedgerEntry::kind, LedgerEntry::amount, LedgerEntry::balanceAfter)
        .containsExactly(tuple(Kind.REFUND, 10L, 30L), tuple(Kind.HOLD, 10L, 20L), tuple(Kind.TOPUP, 30L, 30L));
  }

  @Test
  void entries_of_a_task_are_its_hold_and_its_outcome_in_order_and_only_for_its_account() {
    topUp(30);
    Task task = heldTask(10);
    Task other = heldTask(5);
    inTx(tx -> tx.ledger().refund(task.id(), T0.plusSeconds(5)));

    assertThat(tx((Tx tx) -> tx.ledger().entriesOfTask(account.id(), task.id())))
        .extracting(LedgerEntry::kind, LedgerEntry::amount, LedgerEntry::taskId)
        .containsExactly(tuple(Kind.HOLD, 10L, task.id()), tuple(Kind.REFUND, 10L, task.id()));
    assertThat(tx((Tx tx) -> tx.ledger().entriesOfTask(account.id(), other.id()))).extracting(LedgerEntry::kind).containsExactly(Kind.HOLD);
    assertThat(tx((Tx tx) -> tx.ledger().entriesOfTask("acct_someone_else", task.id()))).isEmpty();
  }

  @Test
  void entries_page_back_from_the_newest() {
    for (int i = 1; i <= 5; i++) {
      topUp(i);
    }

    List<LedgerEntry> first = tx((Tx tx) -> tx.ledger().entries(account.id(), 0, 2));
    List<LedgerEntry> second = tx((Tx tx) -> tx.ledger().entries(account.id(), first.get(1).id(), 2));
    List<LedgerEntry> third = tx((Tx tx) -> tx.ledger().entries(account.id(), second.get(1).id(), 2));

    assertThat(first).extracting(LedgerEntry::amount).containsExactly(5L, 4L);
    assertThat(second).extracting(LedgerEntry::amount).containsExactly(3L, 2L);
    assertThat(third).extracting(LedgerEntry::amount).containsExactly(1L);
    Account other = newAccount("other");
    assertThat(tx((Tx tx) -> tx.ledger().entries(other.id(), 0, 10))).isEmpty();
  }

  @Test
  void concurrent_holds_never_overdraw() throws Exception {
    topUp(10);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(newQueuedTask(account, T0));
    }
    CountDownLatch start = new CountDownLatch(1);
    int granted = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<Boolean>> holds = new ArrayList<>();
      for (Task task : tasks) {
        holds.add(
            pool.submit(
                () -> {
                  start.await();
                  return tx((Tx tx) -> tx.ledger().hold(account.id(), task.id(), 1, T0));
                }));
      }
      start.countDown();
      for (Future<Boolean> hold : holds) {
        granted += hold.get() ? 1 : 0;
      }
    }

    assertThat(granted).isEqualTo(10);
    assertThat(tx((Tx tx) -> tx.ledger().balance(account.id()))).hasValue(0);
    assertThat(entries()).filteredOn(e -> e.kind() == Kind.HOLD).hasSize(10);
  }

  @Test
  void a_negative_amount_is_refused() {
    Task task = newQueuedTask(account, T0);

    assertThatThrownBy(() -> inTx(tx -> tx.ledger().topUp(account.id(), -1, T0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inTx(tx -> tx.ledger().hold(account.id(), task.id(), -1, T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  void topUp(long amount) {
    inTx(tx -> tx.ledger().topUp(account.id(), amount, T0));
  }

  Task heldTask(long amount) {
    Task task = newQueuedTask(account, T0);
    assertThat(tx((Tx tx) -> tx.ledger().hold(account.id(), task.id(), amount, T0))).isTrue();
    return task;
  }

  List<LedgerEntry> entries() {
    return tx((Tx tx) -> tx.ledger().entries(account.id(), 0, 100));
  }

  static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
