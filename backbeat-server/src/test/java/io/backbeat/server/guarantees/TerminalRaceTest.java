package io.backbeat.server.guarantees;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.billing.CreditService;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.billing.PriceTable;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Success, failure and cancel racing on one task: exactly one wins, and money moves exactly once
 * (one SETTLE or one REFUND after the HOLD). A property over random interleavings.
 */
class TerminalRaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Database database;
  private TaskService tasks;
  private Transactor tx;
  private Principal principal;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("race");
    database = Database.open("jdbc:sqlite:" + dir.resolve("race.db"));
    tx = database.transactor();
    Provider idle = new Provider() {
      @Override
      public String name() {
        return "idle";
      }

      @Override
      public Set<TaskKind> kinds() {
        return Set.of(TaskKind.LYRICS);
      }

      @Override
      public int defaultSlots() {
        return 1;
      }

      @Override
      public Step step(Task task, TaskContext context) {
        throw new AssertionError("this test applies transitions itself");
      }
    };
    tasks = new TaskService(tx, InstantSource.system(), List.of(idle), Map.of(), new PriceTable(Map.of("LYRICS", 7L)), ContentPolicy.ALLOW_ALL);
    AccountService accounts = new AccountService(tx, InstantSource.system());
    AccountService.CreatedKey created = accounts.createAccount("racer", false);
    new CreditService(tx, InstantSource.system()).topUpOrMeter(created.account().id(), 1_000_000);
    principal = new Principal(created.account().id(), created.key().id());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void exactly_one_terminal_transition_and_one_ledger_movement_over_random_interleavings() throws Exception {
    Random random = new Random(20261121);
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (int round = 0; round < 60; round++) {
        ObjectNode request = JSON.createObjectNode().put("prompt", "race " + round);
        Task task = tasks.create(new NewTask(principal, "native", "test.race", new LyricsSpec("race " + round, null), request));
        String owner = "worker-" + round;
        Instant now = Instant.now();
        boolean claimed = tx.inTransaction(t -> t.tasks().claimDue(owner, "idle", now.plusSeconds(1), now.plusSeconds(60), 100))
            .stream().anyMatch(t -> t.id().equals(task.id()));
        assertThat(claimed).isTrue();

        ObjectNode result = JSON.createObjectNode().put("ok", true);
        List<Supplier<Boolean>> contenders = new ArrayList<>(List.of(
            () -> tasks.advance(Transition.succeeded(task.id(), owner, result)),
            () -> tasks.advance(Transition.failedByWorker(task.id(), owner, FailureCode.GENERATION_FAILED, "boom")),
            () -> tasks.advance(Transition.canceled(task.id())),
            () -> tasks.advance(Transition.failed(task.id(), FailureCode.TIMEOUT, "reaper", "rescued")),
            () -> tasks.advance(Transition.succeeded(task.id(), "someone-else", result))));
        Collections.shuffle(contenders, random);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (Supplier<Boolean> contender : contenders) {
          int jitter = random.nextInt(3);
          outcomes.add(pool.submit(() -> {
            go.await();
            if (jitter > 0) {
              Thread.sleep(jitter);
            }
            return contender.get();
          }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
          winners += outcome.get() ? 1 : 0;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);

        Task after = tx.inTransaction(t -> t.tasks().find(task.id())).orElseThrow();
        assertThat(after.status().isTerminal()).isTrue();
        List<LedgerEntry> movements =
            tx.inTransaction(t -> t.ledger().entries(principal.accountId(), 0, 500)).stream().filter(e -> task.id().equals(e.taskId())).toList();
        assertThat(movements).extracting(LedgerEntry::kind).filteredOn(k -> k == LedgerEntry.Kind.HOLD).hasSize(1);
        List<LedgerEntry.Kind> finals =
            movements.stream().map(LedgerEntry::kind).filter(k -> k != LedgerEntry.Kind.HOLD).toList();
        assertThat(finals).hasSize(1);
        assertThat(finals.get(0)).isEqualTo(after.status() == TaskStatus.SUCCEEDED ? LedgerEntry.Kind.SETTLE : LedgerEntry.Kind.REFUND);
      }
    }
    // 60 tasks at 7 credits: the balance reflects exactly the settled ones
    long settled =
        tx.inTransaction(t -> t.ledger().entries(principal.accountId(), 0, 500)).stream().filter(e -> e.kind() == LedgerEntry.Kind.SETTLE).count();
    assertThat(new CreditService(tx, InstantSource.system()).balance(principal.accountId()).getAsLong()).isEqualTo(1_000_000 - 7 * settled);
  }
}
