package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How works queued meanwhile share one transaction, and what a failed commit tells their callers. */
class GroupCommitTest {
  @TempDir Path dir;
  private Database database;
  private Jdbi jdbi;
  private final AtomicInteger transactions = new AtomicInteger();
  /** Fails the commit of transaction number {@code failingTransaction} (counted from 1) after its works ran. */
  private volatile RuntimeException commitFailure;
  private volatile int failingTransaction;
  private ExecutorService callers;

  @BeforeEach
  void open() {
    database = TestDatabases.sqlite(dir);
    jdbi = database.jdbi();
    callers = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void close() {
    callers.shutdownNow();
    database.close();
  }

  private GroupCommit groupCommit(int maxBatch) {
    SqlFiles sql = new SqlFiles(SqlDialect.SQLITE);
    return new GroupCommit(
        "test-group-commit",
        new GroupCommit.Transactions() {
          @Override
          public void inTransaction(Consumer<Handle> work) {
            int number = transactions.incrementAndGet();
            jdbi.useTransaction(
                handle -> {
                  work.accept(handle);
                  if (number == failingTransaction) {
                    throw commitFailure; // as if COMMIT itself had failed: JDBI rolls back
                  }
                });
          }

          @Override
          public Tx txOn(Handle handle) {
            return JdbiTx.on(handle, sql);
          }
        },
        1,
        maxBatch);
  }

  @Test
  void works_queued_while_a_commit_runs_share_the_next_transaction() throws Exception {
    GroupCommit group = groupCommit(64);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> first = holdTheWriter(group, release);
    Set<Tx> seen = ConcurrentHashMap.newKeySet();
    List<Future<Integer>> rest = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int id = i;
      rest.add(
          callers.submit(
              () ->
                  group.run(
                      tx -> {
                        seen.add(tx);
                        insert(tx, id);
                        return id;
                      })));
    }
    awaitQueued(group, 20);
    release.countDown();
    first.get(60, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) {
      assertThat(rest.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i);
    }

    assertThat(transactions.get()).isEqualTo(2); // the first alone, then the twenty together
    assertThat(seen).hasSize(1);
    assertThat(count()).isEqualTo(20);
    group.close();
  }

  @Test
  void a_lone_work_commits_on_its_callers_thread_and_a_busy_writer_makes_the_next_ones_queue() throws Exception {
    GroupCommit group = groupCommit(64);
    Thread caller = Thread.currentThread();
    AtomicInteger sameThread = new AtomicInteger();
    assertThat((int) group.run((Tx tx) -> {
      if (Thread.currentThread() == caller) {
        sameThread.incrementAndGet();
      }
      return insert(tx, 1);
    })).isEqualTo(1);
    assertThat(sameThread.get()).as("nothing queued, a turn free: no hand-over to a writer thread").isEqualTo(1);

    // while a commit holds the only turn, others queue and then share one transaction
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> first = holdTheWriter(group, release);
    List<Future<Integer>> rest = new ArrayList<>();
    for (int i = 2; i < 5; i++) {
      int id = i;
      rest.add(callers.submit(() -> group.run(tx -> insert(tx, id))));
    }
    awaitQueued(group, 3);
    int before = transactions.get();
    release.countDown();
    first.get(60, TimeUnit.SECONDS);
    for (Future<Integer> f : rest) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertThat(transactions.get() - before).isEqualTo(1);
    assertThat(count()).isEqualTo(4);
    group.close();
  }

  @Test
  void close_waits_for_a_lone_callers_commit() throws Exception {
    GroupCommit group = groupCommit(64);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> lone =
        callers.submit(
            () ->
                group.run(
                    tx -> {
                      insert(tx, 1);
                      running.countDown();
                      await(release);
                      return 1;
                    }));
    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    Thread closing = Thread.ofPlatform().start(group::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (closing.getState() != Thread.State.WAITING && closing.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(closing.isAlive()).as("close returned while a commit was running").isTrue();
    release.countDown();
    closing.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(closing.isAlive()).isFalse();
    assertThat(count()).as("committed before close returned").isEqualTo(1);
    assertThat(lone.get(60, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void a_failed_commit_fails_every_caller_of_the_batch_and_writes_nothing() throws Exception {
    GroupCommit group = groupCommit(64);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> first = holdTheWriter(group, release);
    List<Future<Integer>> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      batch.add(callers.submit(() -> group.run(tx -> insert(tx, id))));
    }
    awaitQueued(group, 5);
    IllegalStateException diskFull = new IllegalStateException("disk full");
    commitFailure = diskFull;
    failingTransaction = 2; // the first work commits alone; the five queued behind it fail together
    release.countDown();
    first.get(60, TimeUnit.SECONDS);

    for (Future<Integer> caller : batch) {
      Throwable thrown = catchCause(caller);
      assertThat(thrown).isSameAs(diskFull);
    }
    assertThat(count()).isZero();
    // the writer goes on
    assertThat((int) group.run((Tx tx) -> insert(tx, 99))).isEqualTo(99);
    assertThat(count()).isEqualTo(1);
    group.close();
  }

  @Test
  void a_batch_never_exceeds_its_bound() throws Exception {
    GroupCommit group = groupCommit(4);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> first = holdTheWriter(group, release);
    List<Future<Integer>> rest = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int id = i;
      rest.add(callers.submit(() -> group.run(tx -> insert(tx, id))));
    }
    awaitQueued(group, 10);
    release.countDown();
    first.get(60, TimeUnit.SECONDS);
    for (Future<Integer> caller : rest) {
      caller.get(60, TimeUnit.SECONDS);
    }

    assertThat(transactions.get()).isEqualTo(1 + 3); // 4 + 4 + 2
    assertThat(count()).isEqualTo(10);
    group.close();
  }

  @Test
  void close_commits_what_was_queued_then_refuses_more() throws Exception {
    GroupCommit group = groupCommit(64);
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first =
        callers.submit(
            () ->
                group.run(
                    tx -> {
                      firstRunning.countDown();
                      await(release);
                      return insert(tx, 1);
                    }));
    assertThat(firstRunning.await(60, TimeUnit.SECONDS)).isTrue();
    Future<Integer> queued = callers.submit(() -> group.run(tx -> insert(tx, 2)));
    awaitQueued(group, 1);
    Future<?> closing = callers.submit(group::close);
    release.countDown();
    closing.get(60, TimeUnit.SECONDS);

    assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(queued.get(60, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(count()).isEqualTo(2);
    assertThat(catchCause(callers.submit(() -> group.run(tx -> insert(tx, 3)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void a_work_that_lost_a_deadlock_in_a_batch_runs_again_alone() throws Exception {
    GroupCommit group = groupCommit(64);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> first = holdTheWriter(group, release);
    AtomicInteger tries = new AtomicInteger();
    AtomicInteger hopelessTries = new AtomicInteger();
    Future<Integer> unlucky =
        callers.submit(
            () ->
                group.run(
                    tx -> {
                      insert(tx, 1);
                      if (tries.incrementAndGet() == 1) {
                        throw deadlock(); // PostgreSQL picked this batch as the victim
                      }
                      return 1;
                    }));
    Future<Integer> hopeless =
        callers.submit(
            () ->
                group.run(
                    tx -> {
                      hopelessTries.incrementAndGet();
                      insert(tx, 3);
                      throw deadlock();
                    }));
    Future<Integer> neighbour = callers.submit(() -> group.run(tx -> insert(tx, 2)));
    awaitQueued(group, 3);
    release.countDown();
    first.get(60, TimeUnit.SECONDS);

    assertThat(unlucky.get(60, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(neighbour.get(60, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(catchCause(hopeless)).hasRootCauseMessage("deadlock detected");
    assertThat(tries.get()).isEqualTo(2);
    assertThat(hopelessTries.get()).isEqualTo(2); // once in the batch, once alone: never more
    assertThat(count()).isEqualTo(2);
    group.close();
  }

  @Test
  void a_lone_work_that_lost_a_deadlock_runs_once_more_and_a_second_loss_reaches_its_caller() throws Exception {
    GroupCommit group = groupCommit(64);
    AtomicInteger tries = new AtomicInteger();
    AtomicInteger hopelessTries = new AtomicInteger();

    // alone in its transaction (nothing queued): another node's batch took the locks in another order
    Integer lucky = group.run(tx -> {
      insert(tx, 1);
      if (tries.incrementAndGet() == 1) {
        throw deadlock();
      }
      return 1;
    });
    Throwable hopeless = catchThrowable(() -> group.run(tx -> {
      hopelessTries.incrementAndGet();
      insert(tx, 2);
      throw deadlock();
    }));

    assertThat(lucky).isEqualTo(1);
    assertThat(tries.get()).isEqualTo(2);
    assertThat(hopeless).hasRootCauseMessage("deadlock detected");
    assertThat(hopelessTries.get()).isEqualTo(2);
    assertThat(count()).isEqualTo(1); // the first try of each was rolled back whole
    group.close();
  }

  private static RuntimeException deadlock() {
    return new org.jdbi.v3.core.statement.UnableToExecuteStatementException(
        new java.sql.SQLException("deadlock detected", "40P01"), null);
  }

  /** Runs a work that keeps the writer until {@code release}, so that what comes next queues behind it. */
  private Future<Object> holdTheWriter(GroupCommit group, CountDownLatch release) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    Future<Object> held =
        callers.submit(
            () ->
                group.run(
                    tx -> {
                      running.countDown();
                      await(release);
                      return null;
                    }));
    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    return held;
  }

  private static int insert(Tx tx, int id) {
    tx.accounts().insertAccount(new Account("acct_" + id, "name_" + id, "whsec_" + id, Instant.EPOCH));
    return id;
  }

  private int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account").mapTo(Integer.class).one());
  }

  private static void awaitQueued(GroupCommit group, int works) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (group.queued() < works) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + group.queued() + " of " + works + " works queued");
      }
      Thread.sleep(1);
    }
  }

  private static Throwable catchCause(Future<?> future) throws Exception {
    try {
      future.get(60, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
