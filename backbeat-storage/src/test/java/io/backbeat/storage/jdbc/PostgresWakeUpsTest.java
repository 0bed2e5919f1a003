package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.Account;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.storage.Database;
import io.backbeat.storage.PostgresServer;
import io.backbeat.storage.notify.PostgresWakeUps;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY: a node hears every event another node commits, only once committed. */
class PostgresWakeUpsTest extends StoreContract {
  private String url;

  @Override
  Database openDatabase(Path tempDir) {
    url = PostgresServer.newDatabaseUrl();
    return Database.open(url);
  }

  @Test
  void an_event_committed_by_another_node_is_heard_with_its_task_and_status_and_a_rolled_back_one_never() throws Exception {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    Account account = newAccount("acme");
    Task task = newQueuedTask(account, T0);
    try (Database otherNode = Database.open(url);
        PostgresWakeUps wakeUps = PostgresWakeUps.start(database.dataSource(), (id, status) -> heard.add(status + " " + id))) {
      awaitListening(wakeUps);

      try {
        otherNode.transactor().useTransaction(tx -> {
          tx.events().append(new TaskEvent(0, task.id(), account.id(), TaskStatus.RUNNING, Stage.TEXT, "rolled back", T0));
          throw new IllegalStateException("abort");
        });
      } catch (IllegalStateException expected) {
        // the transaction and its notification are gone
      }
      otherNode.transactor().useTransaction(
          tx -> tx.events().append(new TaskEvent(0, task.id(), account.id(), TaskStatus.SUCCEEDED, Stage.COMPLETE, "done", T0)));

      // notifications arrive in commit order, so the first one heard shows the rollback sent none
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("SUCCEEDED " + task.id());
    }
  }

  @Test
  void a_dropped_listen_connection_reconnects_says_so_and_hears_again() throws Exception {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    AtomicInteger reconnects = new AtomicInteger();
    Account account = newAccount("acme");
    Task task = newQueuedTask(account, T0);
    PostgresWakeUps.Listener listener = new PostgresWakeUps.Listener() {
      @Override
      public void onTaskEvent(String taskId, TaskStatus status) {
        heard.add(status + " " + taskId);
      }

      @Override
      public void onReconnect() {
        reconnects.incrementAndGet();
        heard.add("reconnected");
      }
    };
    try (PostgresWakeUps wakeUps = PostgresWakeUps.start(database.dataSource(), listener)) {
      awaitListening(wakeUps);

      // what a database restart or a network cut does to the connection
      try (Database admin = Database.open(url)) {
        admin.jdbi().useHandle(h -> h.createQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN " + PostgresWakeUps.CHANNEL + "'")
            .mapTo(Boolean.class).list());
      }
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("reconnected");
      awaitListening(wakeUps);
      inTx(tx -> tx.events().append(new TaskEvent(0, task.id(), account.id(), TaskStatus.FAILED, Stage.NONE, "after", T0)));

      assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("FAILED " + task.id());
      assertThat(reconnects).hasValue(1);
    }
  }

  private static void awaitListening(PostgresWakeUps wakeUps) throws InterruptedException {
    for (int i = 0; i < 300 && !wakeUps.isListening(); i++) {
      Thread.sleep(100);
    }
    assertThat(wakeUps.isListening()).isTrue();
  }
}
