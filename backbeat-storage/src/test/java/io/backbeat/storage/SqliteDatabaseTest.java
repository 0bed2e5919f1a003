package io.backbeat.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.testkit.TestSpecs;
import io.backbeat.storage.jdbc.JdbiTaskStore;
import io.backbeat.storage.jdbc.SqlFiles;
import io.backbeat.storage.jdbc.TestJson;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import io.backbeat.storage.migration.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;

  @Test
  void the_dispatchers_claims_search_the_due_index_instead_of_scanning_every_task() {
    // a claim holds SQLite's only write lock: a scan made every create wait behind it as the queue grew
    SqlFiles sql = new SqlFiles(SqlDialect.SQLITE);
    try (Database database = TestDatabases.sqlite(dir)) {
      for (String claim : List.of("claimDue", "claimWakeUps")) {
        List<String> plan =
            database.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + sql.get(JdbiTaskStore.class, claim))
                .bind("owner", "w").bind("provider", "p").bind("now", 1L).bind("leaseUntil", 2L).bind("max", 8)
                .map((rs, ctx) -> rs.getString("detail"))
                .list());
        // status is searched in the index, not read from each row: a look for parked tasks otherwise walked the whole queue
        assertThat(plan).as(claim).anySatisfy(step -> assertThat(step).contains("USING INDEX task_due_index (provider=? AND status=? AND next_run_at<?)"));
        assertThat(plan).as(claim).noneSatisfy(step -> assertThat(step).isEqualTo("SCAN task"));
      }
    }
  }

  @Test
  void the_lease_reaper_reads_the_leased_tasks_through_their_index_not_every_task_by_id() {
    // it runs in a write transaction: a walk of the whole table held every create back as the table grew
    SqlFiles sql = new SqlFiles(SqlDialect.SQLITE);
    try (Database database = TestDatabases.sqlite(dir)) {
      List<String> plan =
          database.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + sql.get(JdbiTaskStore.class, "expiredLeases"))
              .bind("now", 1L).bind("afterId", "").bind("max", 100)
              .map((rs, ctx) -> rs.getString("detail"))
              .list());
      assertThat(plan).anySatisfy(step -> assertThat(step).contains("USING INDEX task_running_lease_index"));
      assertThat(plan).noneSatisfy(step -> assertThat(step).contains("sqlite_autoindex_task"));
    }
  }

  @Test
  void open_creates_the_missing_parent_folders() {
    Path file = dir.resolve("a").resolve("b").resolve("backbeat.db");

    try (Database database = Database.open("jdbc:sqlite:" + file)) {
      assertThat(file).isRegularFile();
      assertThat(database.dialect()).isEqualTo(SqlDialect.SQLITE);
    }
  }

  @Test
  void every_connection_uses_wal_normal_sync_foreign_keys_and_a_long_busy_timeout() {
    try (Database database = TestDatabases.sqlite(dir)) {
      // hold several handles at once so that they are distinct pooled connections
      List<Handle> handles = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          handles.add(database.jdbi().open());
        }
        for (Handle h : handles) {
          assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
          assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).as("NORMAL").isEqualTo(1);
          assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isGreaterThanOrEqualTo(10_000);
          assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
        }
      } finally {
        handles.forEach(Handle::close);
      }
    }
  }

  @Test
  void a_transaction_takes_the_write_lock_when_it_begins() throws Exception {
    String url = TestDatabases.sqliteUrl(dir);
    try (Database database = Database.open(url);
        ExecutorService pool = Executors.newSingleThreadExecutor()) {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // a transaction that has only read so far
      Future<?> reader =
          pool.submit(
              () ->
                  database
                      .transactor()
                      .useTransaction(
                          tx -> {
                            tx.accounts().countAccounts();
                            inside.countDown();
                            await(release);
                          }));
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      try (Connection raw = DriverManager.getConnection(url);
          Statement statement = raw.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 0");
        // a deferred transaction would hold no write lock yet, and this would succeed
        assertThatThrownBy(() -> statement.execute("BEGIN IMMEDIATE")).hasMessageContaining("SQLITE_BUSY");
      } finally {
        release.countDown();
      }
      reader.get();
    }
  }

  @Test
  void two_databases_on_one_file_run_read_then_write_transactions_without_busy_errors() throws Exception {
    String url = TestDatabases.sqliteUrl(dir);
    int threadsPerDatabase = 3;
    int transactionsPerThread = 30;
    try (Database server = Database.open(url);
        Database cli = Database.open(url);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerDatabase)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (Database database : List.of(server, cli)) {
        for (int t = 0; t < threadsPerDatabase; t++) {
          String prefix = (database == server ? "server" : "cli") + "-" + t;
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < transactionsPerThread; i++) {
                      String name = prefix + "-" + i;
                      database
                          .transactor()
                          .useTransaction(
                              tx -> {
                                // read, let the other writers move on, then write: in a deferred
                                // transaction this lock upgrade fails with SQLITE_BUSY at once
                                if (tx.accounts().findAccountByName(name).isEmpty()) {
                                  sleep(1);
                                  tx.accounts().insertAccount(new Account("acct_" + name, name, "whsec_" + name, T0));
                                }
                              });
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }

      long expected = 2L * threadsPerDatabase * transactionsPerThread;
      assertThat(server.transactor().inTransaction((Tx tx) -> tx.accounts().countAccounts())).isEqualTo(expected);
    }
  }

  @Test
  void two_databases_claiming_from_one_file_never_share_a_task() throws Exception {
    String url = TestDatabases.sqliteUrl(dir);
    int taskCount = 100;
    try (Database a = Database.open(url);
        Database b = Database.open(url);
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      Account account = new Account("acct_1", "one", "whsec_1", T0);
      a.transactor()
          .useTransaction(
              tx -> {
                tx.accounts().insertAccount(account);
                for (int i = 0; i < taskCount; i++) {
                  tx.tasks().insert(task(account));
                }
              });
      ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      int n = 0;
      for (Database database : List.of(a, b, a, b)) {
        String owner = "node-" + n++;
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Task> batch;
                  do {
                    batch = database.transactor().inTransaction(tx -> tx.tasks().claimDue(owner, "local", T0, T0.plusSeconds(30), 3));
                    batch.forEach(t -> claimed.add(t.id()));
                  } while (!batch.isEmpty());
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }

      assertThat(claimed).doesNotHaveDuplicates().hasSize(taskCount);
    }
  }

  @Test
  void reopening_keeps_the_data_and_migrates_nothing() {
    String url = TestDatabases.sqliteUrl(dir);
    Account account = new Account("acct_1", "one", "whsec_1", T0);
    try (Database database = Database.open(url)) {
      database.transactor().useTransaction(tx -> tx.accounts().insertAccount(account));
    }

    try (Database database = Database.open(url)) {
      assertThat(database.transactor().inTransaction((Tx tx) -> tx.accounts().findAccount("acct_1"))).contains(account);
      assertThat(Migrations.migrate(database.dataSource(), SqlDialect.SQLITE)).isZero();
    }
  }

  @Test
  void is_ready_until_closed() {
    Database database = TestDatabases.sqlite(dir);
    assertThat(database.isReady()).isTrue();

    database.close();

    assertThat(database.isReady()).isFalse();
  }

  @Test
  void in_memory_databases_are_refused() {
    assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:file:x?mode=memory&cache=shared"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Task task(Account account) {
    return Task.queued(
        TaskIds.newId(), account.id(), null, "suno", "suno.music", "local", TestSpecs.song("x"), TestJson.object("prompt", "x"), T0);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
