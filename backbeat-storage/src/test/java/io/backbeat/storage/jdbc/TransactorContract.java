package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.task.Task;
import io.backbeat.core.webhook.WebhookDelivery;
import io.backbeat.core.store.DuplicateKeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One transaction per call: all of it commits, or none of it. */
abstract class TransactorContract extends StoreContract {

  @Test
  void work_result_is_returned_and_its_writes_are_committed() {
    Account account = new Account("acct_1", "one", "whsec_1", T0);

    String result =
        tx(
            tx -> {
              tx.accounts().insertAccount(account);
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(tx((Tx tx) -> tx.accounts().findAccount("acct_1"))).contains(account);
  }

  @Test
  void stores_of_one_tx_share_its_transaction() {
    Account account = new Account("acct_1", "one", "whsec_1", T0);
    Task task = queuedTask(account, T0);

    // the task's foreign key sees the account only if both writes run on one connection
    Task found =
        tx(
            tx -> {
              tx.accounts().insertAccount(account);
              tx.tasks().insert(task);
              tx.events().append(new TaskEvent(0, task.id(), account.id(), task.status(), task.stage(), "created", T0));
              return tx.tasks().find(task.id()).orElseThrow();
            });

    assertThat(found).isEqualTo(task);
  }

  @Test
  void an_exception_rolls_back_every_write_and_propagates_unchanged() {
    Account account = new Account("acct_1", "one", "whsec_1", T0);
    Task task = queuedTask(account, T0);
    IllegalStateException failure = new IllegalStateException("credit hold refused");

    Throwable thrown =
        catchThrowable(
            () ->
                inTx(
                    tx -> {
                      tx.accounts().insertAccount(account);
                      tx.tasks().insert(task);
                      tx.events().append(new TaskEvent(0, task.id(), account.id(), task.status(), task.stage(), "created", T0));
                      tx.webhooks()
                          .enqueue(WebhookDelivery.pending("msg_1", task.id(), account.id(), "https://x.test", "e", "{}", T0));
                      throw failure;
                    }));

    assertThat(thrown).isSameAs(failure);
    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isZero();
    assertThat(tx((Tx tx) -> tx.tasks().find(task.id()))).isEmpty();
    assertThat(tx((Tx tx) -> tx.events().forTask(task.id()))).isEmpty();
    assertThat(tx((Tx tx) -> tx.webhooks().find("msg_1"))).isEmpty();
  }

  @Test
  void a_failing_statement_rolls_back_the_earlier_writes() {
    Account account = new Account("acct_1", "one", "whsec_1", T0);
    Account sameName = new Account("acct_2", "one", "whsec_2", T0);

    assertThatThrownBy(
            () ->
                inTx(
                    tx -> {
                      tx.accounts().insertAccount(account);
                      tx.accounts().insertAccount(sameName); // account_name_unique
                    }))
        .hasMessageContaining("account");

    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isZero();
    // and the pooled connection is usable again
    inTx(tx -> tx.accounts().insertAccount(account));
    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(1);
  }

  @Test
  void a_nested_transaction_is_refused_instead_of_waiting_for_the_outer_lock() {
    Throwable thrown = catchThrowable(() -> tx(outer -> tx(inner -> inner.accounts().countAccounts())));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("use the Tx you already have");
    // the refusal does not poison the thread
    assertThat(tx((Tx tx) -> tx.accounts().countAccounts())).isZero();
  }

  @Test
  void a_read_sees_what_was_committed_and_not_what_is_still_open() throws Exception {
    Account account = newAccount("one");
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch readDone = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      // a writer holds its transaction open (on SQLite: the write lock) until the read has answered
      Future<?> open =
          writer.submit(
              () ->
                  inTx(
                      tx -> {
                        tx.accounts().insertAccount(new Account("acct_two", "two", "whsec_two", T0));
                        written.countDown();
                        await(readDone);
                      }));
      await(written);

      long seen = transactor.read(tx -> tx.accounts().countAccounts());
      Optional<Account> found = transactor.read(tx -> tx.accounts().findAccount(account.id()));
      long seenByOneStatement = transactor.readOne(tx -> tx.accounts().countAccounts());
      readDone.countDown();
      open.get(60, TimeUnit.SECONDS);

      assertThat(seen).isEqualTo(1);
      assertThat(found).contains(account);
      assertThat(seenByOneStatement).isEqualTo(1);
      assertThat((long) transactor.read((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(2);
      assertThat((long) transactor.readOne((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(2);
    } finally {
      readDone.countDown();
      writer.shutdownNow();
    }
  }

  @Test
  void a_read_inside_a_transaction_is_refused_like_a_nested_transaction() {
    Throwable thrown = catchThrowable(() -> tx(outer -> transactor.read(inner -> inner.accounts().countAccounts())));
    Throwable thrownByOne = catchThrowable(() -> tx(outer -> transactor.readOne(inner -> inner.accounts().countAccounts())));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("use the Tx you already have");
    assertThat(thrownByOne).isInstanceOf(IllegalStateException.class).hasMessageContaining("use the Tx you already have");
  }

  @Test
  void a_group_commit_returns_after_its_commit_with_the_works_result() {
    Account account = new Account("acct_1", "one", "whsec_1", T0);

    String result =
        transactor.inGroupCommit(
            tx -> {
              tx.accounts().insertAccount(account);
              return "done";
            });

    assertThat(result).isEqualTo("done");
    // another connection sees it: the caller was answered after the commit, not before
    assertThat(transactor.read((Tx tx) -> tx.accounts().findAccount("acct_1"))).contains(account);
  }

  @Test
  void a_lone_group_commit_that_throws_reaches_its_caller_unchanged_and_writes_nothing() {
    IllegalStateException givesUp = new IllegalStateException("the work gives up");
    transactor.inGroupCommit(tx -> {
          tx.accounts().insertAccount(new Account("acct_1", "one", "whsec_1", T0));
          return null;
        });

    Throwable thrown =
        catchThrowable(() -> transactor.inGroupCommit(tx -> {
          tx.accounts().insertAccount(new Account("acct_2", "two", "whsec_2", T0));
          throw givesUp;
        }));
    Throwable duplicate = catchThrowable(() -> transactor.inGroupCommit(tx -> {
          tx.accounts().insertAccount(new Account("acct_3", "one", "whsec_3", T0));
          return null;
        }));
    // the connections went back clean: the next lone work commits
    transactor.inGroupCommit(tx -> {
          tx.accounts().insertAccount(new Account("acct_4", "four", "whsec_4", T0));
          return null;
        });

    assertThat(thrown).isSameAs(givesUp);
    assertThat(duplicate).isInstanceOf(DuplicateKeyException.class);
    assertThat(transactor.read((Tx tx) -> tx.accounts().findAccount("acct_2"))).isEmpty();
    assertThat(transactor.read((Tx tx) -> tx.accounts().findAccount("acct_3"))).isEmpty();
    assertThat(transactor.read((Tx tx) -> tx.accounts().findAccount("acct_4"))).isPresent();
  }

  @Test
  void concurrent_group_commits_fail_alone_and_the_rest_commit() throws Exception {
    int callers = 40;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  await(go);
                  return transactor.inGroupCommit(
                      tx -> {
                        // callers 3k and 3k+1 insert the same name (one of the two loses); 3k+2 gives up
                        String name = n % 3 == 2 ? "solo_" + n : "name_" + (n - n % 3);
                        tx.accounts().insertAccount(new Account("acct_" + n, name, "whsec_" + n, T0));
                        if (n % 3 == 2) {
                          throw new IllegalStateException("caller " + n + " gives up");
                        }
                        return "acct_" + n;
                      });
                }));
      }
      go.countDown();
      List<String> committed = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (Future<String> answer : answers) {
        try {
          committed.add(answer.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        }
      }

      assertThat(failures).filteredOn(f -> f instanceof IllegalStateException).hasSize(13);
      assertThat(failures).filteredOn(f -> f instanceof DuplicateKeyException).hasSize(13);
      assertThat(committed.size() + failures.size()).isEqualTo(callers);
      // exactly the accounts whose callers were told "committed" exist
      List<String> stored = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String id = "acct_" + i;
        transactor.read((Tx tx) -> tx.accounts().findAccount(id)).ifPresent(a -> stored.add(a.id()));
      }
      assertThat(stored).containsExactlyInAnyOrderElementsOf(committed);
      assertThat(committed).hasSize(14).doesNotContain("acct_2", "acct_5", "acct_38");
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void a_group_commit_inside_a_transaction_and_a_transaction_inside_it_are_refused() {
    Throwable outside = catchThrowable(() -> tx(outer -> transactor.inGroupCommit(inner -> inner.accounts().countAccounts())));
    Throwable inside = catchThrowable(() -> transactor.inGroupCommit(outer -> tx(inner -> inner.accounts().countAccounts())));

    assertThat(outside).isInstanceOf(IllegalStateException.class).hasMessageContaining("use the Tx you already have");
    assertThat(inside).isInstanceOf(IllegalStateException.class).hasMessageContaining("use the Tx you already have");
    assertThat((long) transactor.inGroupCommit((Tx tx) -> tx.accounts().countAccounts())).isZero();
  }

  @Test
  void a_group_commit_after_close_is_refused() {
    database.close();

    assertThatThrownBy(() -> transactor.inGroupCommit(tx -> tx.accounts().countAccounts()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    database = null;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other side never arrived");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
