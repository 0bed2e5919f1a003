package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task timeline: a global, increasing seq that live streams use as their cursor. */
abstract class TaskEventStoreContract extends StoreContract {
  Account account;
  Task task;

  @BeforeEach
  void createTask() {
    account = newAccount("acme");
    task = newQueuedTask(account, T0);
  }

  @Test
  void append_returns_the_event_with_its_assigned_seq() {
    TaskEvent event = new TaskEvent(0, task.id(), account.id(), TaskStatus.RUNNING, Stage.TEXT, "stage text", T0.plusMillis(5));

    TaskEvent stored = tx(tx -> tx.events().append(event));

    assertThat(stored.seq()).isPositive();
    assertThat(stored).isEqualTo(new TaskEvent(stored.seq(), task.id(), account.id(), TaskStatus.RUNNING, Stage.TEXT, "stage text", T0.plusMillis(5)));
    assertThat(tx((Tx tx) -> tx.events().forTask(task.id()))).containsExactly(stored);
  }

  @Test
  void seq_increases_with_every_append() {
    long previous = 0;
    for (int i = 0; i < 5; i++) {
      long seq = append(task, "event " + i).seq();
      assertThat(seq).isGreaterThan(previous);
      previous = seq;
    }
  }

  @Test
  void latest_seq_is_the_accounts_newest_event_and_zero_without_events() {
    Account otherAccount = newAccount("other");
    Task otherTask = newQueuedTask(otherAccount, T0);
    assertThat(tx((Tx tx) -> tx.events().latestSeq(account.id()))).isZero();

    append(task, "created");
    TaskEvent newest = append(task, "running");
    append(otherTask, "theirs");

    assertThat(tx((Tx tx) -> tx.events().latestSeq(account.id()))).isEqualTo(newest.seq());
    assertThat(tx((Tx tx) -> tx.events().forAccountAfter(account.id(), newest.seq(), 10))).isEmpty();
  }

  @Test
  void for_task_lists_only_its_events_in_seq_order() {
    Task other = newQueuedTask(account, T0);
    TaskEvent first = append(task, "created");
    append(other, "created");
    TaskEvent second = append(task, "running");
    TaskEvent third = append(task, "succeeded");

    assertThat(tx((Tx tx) -> tx.events().forTask(task.id()))).containsExactly(first, second, third);
  }

  @Test
  void for_account_after_pages_from_the_cursor_and_hides_other_accounts() {
    Account otherAccount = newAccount("other");
    Task otherTask = newQueuedTask(otherAccount, T0);
    List<TaskEvent> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(append(task, "mine " + i));
      append(otherTask, "theirs " + i);
    }

    List<TaskEvent> page1 = tx(tx -> tx.events().forAccountAfter(account.id(), 0, 2));
    List<TaskEvent> page2 = tx(tx -> tx.events().forAccountAfter(account.id(), page1.get(1).seq(), 2));
    List<TaskEvent> page3 = tx(tx -> tx.events().forAccountAfter(account.id(), page2.get(1).seq(), 2));
    List<TaskEvent> page4 = tx(tx -> tx.events().forAccountAfter(account.id(), page3.get(0).seq(), 2));

    assertThat(page1).containsExactly(mine.get(0), mine.get(1));
    assertThat(page2).containsExactly(mine.get(2), mine.get(3));
    assertThat(page3).containsExactly(mine.get(4));
    assertThat(page4).isEmpty();
    assertThat(tx((Tx tx) -> tx.events().forAccountAfter(account.id(), 0, 0))).isEmpty();
  }

  @Test
  void a_reader_following_the_cursor_misses_no_event_while_writers_append() throws Exception {
    int writers = 4;
    int eventsPerWriter = 25;
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    List<Long> seen = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers + 1)) {
      List<Future<?>> runs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < eventsPerWriter; i++) {
                    inTx(
                        tx -> {
                          tx.events().append(new TaskEvent(0, task.id(), account.id(), TaskStatus.RUNNING, Stage.NONE, "tick", T0));
                          // keep the transaction open a little after taking a seq: a later seq
                          // may commit first unless appends are serialized
                          sleepQuietly(2);
                        });
                  }
                  return null;
                }));
      }
      Future<?> reader =
          pool.submit(
              () -> {
                start.await();
                long cursor = 0;
                boolean last = false;
                while (true) {
                  boolean finalPass = !writing.get();
                  long after = cursor;
                  List<TaskEvent> page = tx(tx -> tx.events().forAccountAfter(account.id(), after, 50));
                  for (TaskEvent event : page) {
                    seen.add(event.seq());
                    cursor = event.seq();
                  }
                  if (page.isEmpty() && finalPass) {
                    if (last) {
                      return null;
                    }
                    last = true;
                  }
                }
              });
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
      writing.set(false);
      reader.get();
    }

    List<Long> all = tx(tx -> tx.events().forAccountAfter(account.id(), 0, 1000)).stream().map(TaskEvent::seq).toList();
    assertThat(all).hasSize(writers * eventsPerWriter);
    assertThat(seen).as("every event the reader should have seen").containsExactlyElementsOf(all);
  }

  TaskEvent append(Task task, String reason) {
    return tx(tx -> tx.events().append(new TaskEvent(0, task.id(), task.accountId(), task.status(), task.stage(), reason, T0)));
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
