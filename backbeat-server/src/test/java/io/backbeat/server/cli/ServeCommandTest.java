package io.backbeat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.AccountService;
import io.backbeat.storage.Database;
import io.backbeat.storage.PostgresServer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Nodes started at once on one empty database: one makes the development account, none fails. */
class ServeCommandTest {

  @Test
  void nodes_starting_together_on_an_empty_database_make_one_development_account_and_all_start() throws Exception {
    int nodes = 6;
    List<Database> databases = new ArrayList<>();
    String url = PostgresServer.newDatabaseUrl();
    try {
      for (int i = 0; i < nodes; i++) {
        databases.add(Database.open(url)); // one pool per node, as separate processes have
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<AccountService.CreatedKey>>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
        for (Database database : databases) {
          AccountService accounts = new AccountService(database.transactor(), InstantSource.system());
          results.add(pool.submit(() -> {
            start.await();
            return ServeCommand.developmentAccount(accounts);
          }));
        }
        start.countDown();
        int created = 0;
        for (Future<Optional<AccountService.CreatedKey>> result : results) {
          created += result.get().isPresent() ? 1 : 0; // a losing node must not throw
        }
        assertThat(created).isEqualTo(1);
      }
      long accounts = databases.get(0).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account WHERE name = 'development'").mapTo(Long.class).one());
      assertThat(accounts).isEqualTo(1);
    } finally {
      databases.forEach(Database::close);
    }
  }
}
