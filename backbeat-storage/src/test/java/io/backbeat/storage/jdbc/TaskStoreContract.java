package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.OutputClaim;
import io.backbeat.core.task.spec.PurgedSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.testkit.TestSpecs;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.SubmitOutcome;
import io.backbeat.core.provider.SubmitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code TaskStore} guarantees, run against every database. */
abstract class TaskStoreContract extends StoreContract {
  static final String WORKER = "worker-a";
  static final String OTHER_WORKER = "worker-b";
  static final Duration LEASE = Duration.ofSeconds(30);

  Account account;

  @BeforeEach
  void createAccount() {
    account = newAccount("acme");
  }

  // ---- insert / find ------------------------------------------------------------------------

  @Test
  void insert_then_find_round_trips_every_column() {
    ApiKey key = newKey(account, "default");
    Task task =
        new Task(
            TaskIds.newId(), account.id(), key.id(), "dashscope", "dashscope.music", "suno-relay",
            TaskStatus.RUNNING, Stage.FIRST,
            new AddVocalsSpec("V5", "https://example.test/in.mp3", 480, TestSpecs.customComposition(), "https://example.test/cb"),
            json("raw", "r"), json("clips", "c"), "GENERATION_FAILED", "an earlier message",
            new ProviderHandle("suno-main", "up-123", SubmitState.ACCEPTED, json("cursor", "7")),
            WORKER, T0.plusMillis(30_123), 2, T0.minusMillis(5), T0.minusMillis(77), T0.plusMillis(1), null);

    inTx(tx -> tx.tasks().insert(task));

    assertThat(tx((Tx tx) -> tx.tasks().find(task.id()))).contains(task);
  }

  @Test
  void every_kind_of_spec_round_trips() {
    for (TaskSpec spec : TestSpecs.everyKind()) {
      Task task = withSpec(queuedTask(account, T0), spec);
      inTx(tx -> tx.tasks().insert(task));
      assertThat(find(task.id()).spec()).isEqualTo(spec);
      assertThat(find(task.id()).kind()).isEqualTo(spec.kind());
    }
  }

  @Test
  void find_returns_empty_for_an_unknown_id() {
    assertThat(tx((Tx tx) -> tx.tasks().find(TaskIds.newId()))).isEmpty();
  }

  @Test
  void find_owned_returns_the_task_to_its_account_and_hides_it_from_others() {
    Account other = newAccount("other");
    Task task = newQueuedTask(account, T0);

    assertThat(tx((Tx tx) -> tx.tasks().findOwned(account.id(), task.id()))).contains(task);
    assertThat(tx((Tx tx) -> tx.tasks().findOwned(other.id(), task.id()))).isEmpty();
  }

  @Test
  void insert_of_an_existing_id_fails() {
    Task task = newQueuedTask(account, T0);

    assertThatThrownBy(() -> inTx(tx -> tx.tasks().insert(task))).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void schema_refuses_a_finished_task_without_finished_at() {
    Task task = withStatus(queuedTask(account, T0), TaskStatus.SUCCEEDED, null);

    assertThatThrownBy(() -> inTx(tx -> tx.tasks().insert(task))).hasMessageContaining("finished_iff_terminal");
  }

  @Test
  void schema_refuses_a_lease_on_a_task_that_is_not_running() {
    Task task = withLease(queuedTask(account, T0), WORKER, T0.plus(LEASE));

    assertThatThrownBy(() -> inTx(tx -> tx.tasks().insert(task))).hasMessageContaining("lease_only_while_running");
  }

  @Test
  void schema_refuses_a_lease_owner_without_an_expiry() {
    Task task = withLease(withStatus(queuedTask(account, T0), TaskStatus.RUNNING, null), WORKER, null);

    assertThatThrownBy(() -> inTx(tx -> tx.tasks().insert(task))).hasMessageContaining("lease_only_while_running");
  }

  // ---- claimDue -----------------------------------------------------------------------------

  @Test
  void claim_leases_due_queued_tasks() {
    Task task = newQueuedTask(account, T0);
    Instant now = T0.plusSeconds(1);

    List<Task> claimed = claim(WORKER, now, 10);

    assertThat(claimed).hasSize(1);
    Task leased = claimed.get(0);
    assertThat(leased.id()).isEqualTo(task.id());
    assertThat(leased.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(leased.leaseOwner()).isEqualTo(WORKER);
    assertThat(leased.leaseUntil()).isEqualTo(now.plus(LEASE));
    assertThat(leased.attempts()).isEqualTo(1);
    assertThat(leased.updatedAt()).isEqualTo(now);
    assertThat(find(task.id())).isEqualTo(leased);
  }

  @Test
  void claim_skips_tasks_that_are_not_yet_due() {
    Task task = newQueuedTask(account, T0.plusSeconds(10));

    assertThat(claim(WORKER, T0.plusMillis(9_999), 10)).isEmpty();
    assertThat(claim(WORKER, T0.plusSeconds(10), 10)).extracting(Task::id).containsExactly(task.id());
  }

  @Test
  void claim_leaves_running_tasks_whose_lease_expired_to_the_rescue() {
    newClaimedTask();

    assertThat(claim(OTHER_WORKER, T0.plus(LEASE).plusMillis(1), 10)).isEmpty();
    assertThat(wake(OTHER_WORKER, T0.plus(LEASE).plusMillis(1), 10)).isEmpty();
  }

  @Test
  void claim_takes_only_the_given_providers_tasks() {
    Task local = newQueuedTask(account, T0);
    Task relayed = withProvider(queuedTask(account, T0), "suno-relay");
    inTx(tx -> tx.tasks().insert(relayed));

    assertThat(tx((Tx tx) -> tx.tasks().claimDue(WORKER, "suno-relay", T0, T0.plus(LEASE), 10))).extracting(Task::id)
        .containsExactly(relayed.id());
    assertThat(find(local.id()).status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void claim_skips_rows_with_a_live_lease() {
    String id = newClaimedTask();

    assertThat(claim(OTHER_WORKER, T0.plusSeconds(10), 10)).isEmpty();
    assertThat(wake(OTHER_WORKER, T0.plusSeconds(10), 10)).isEmpty();
    assertThat(find(id).leaseOwner()).isEqualTo(WORKER);
    assertThat(find(id).attempts()).isEqualTo(1);
  }

  @Test
  void claim_never_returns_finished_tasks() {
    for (int i = 0; i < 3; i++) {
      newQueuedTask(account, T0);
    }
    List<Task> claimed = claim(WORKER, T0, 3);
    apply(Transition.succeeded(claimed.get(0).id(), WORKER, json("a", "b")), T0);
    apply(Transition.failedByWorker(claimed.get(1).id(), WORKER, FailureCode.INTERNAL, "x"), T0);
    apply(Transition.canceled(claimed.get(2).id()), T0);

    assertThat(claim(OTHER_WORKER, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void claim_takes_at_most_the_limit_in_due_order() {
    List<Task> tasks = new ArrayList<>();
    for (int i = 5; i >= 1; i--) {
      tasks.add(queuedTask(account, T0.minusSeconds(i)));
    }
    List<Task> shuffled = new ArrayList<>(tasks);
    Collections.shuffle(shuffled);
    inTx(tx -> shuffled.forEach(tx.tasks()::insert));

    List<Task> claimed = claim(WORKER, T0, 3);

    assertThat(claimed).extracting(Task::id).containsExactly(tasks.get(0).id(), tasks.get(1).id(), tasks.get(2).id());
    assertThat(find(tasks.get(3).id()).status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void claim_with_a_limit_of_zero_claims_nothing() {
    Task task = newQueuedTask(account, T0);

    assertThat(claim(WORKER, T0, 0)).isEmpty();
    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void concurrent_claimers_never_get_the_same_task() throws Exception {
    int taskCount = 120;
    int claimers = 4;
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < taskCount; i++) {
      tasks.add(queuedTask(account, T0.minusMillis(i)));
    }
    inTx(tx -> tasks.forEach(tx.tasks()::insert));

    ConcurrentLinkedQueue<String> claimedIds = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < claimers; c++) {
        String owner = "worker-" + c;
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Task> batch;
                  do {
                    batch = claim(owner, T0, 5);
                    batch.forEach(t -> claimedIds.add(t.id()));
                  } while (!batch.isEmpty());
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    }

    assertThat(claimedIds).doesNotHaveDuplicates().hasSize(taskCount);
    for (Task task : tasks) {
      Task stored = find(task.id());
      assertThat(stored.status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(stored.attempts()).as("claimed exactly once").isEqualTo(1);
    }
  }

  // ---- renewLease ---------------------------------------------------------------------------

  @Test
  void renew_lease_extends_the_lease_of_its_owner() {
    String id = newClaimedTask();

    assertThat(tx((Tx tx) -> tx.tasks().renewLease(WORKER, id, T0.plusSeconds(90)))).isTrue();
    assertThat(find(id).leaseUntil()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void renew_lease_refuses_another_owner() {
    String id = newClaimedTask();

    assertThat(tx((Tx tx) -> tx.tasks().renewLease(OTHER_WORKER, id, T0.plusSeconds(90)))).isFalse();
    assertThat(find(id).leaseUntil()).isEqualTo(T0.plus(LEASE));
  }

  @Test
  void renew_lease_refuses_a_task_that_left_running() {
    String id = newClaimedTask();
    apply(Transition.canceled(id), T0.plusSeconds(1));

    assertThat(tx((Tx tx) -> tx.tasks().renewLease(WORKER, id, T0.plusSeconds(90)))).isFalse();
    assertThat(find(id).leaseUntil()).isNull();
  }

  // ---- apply: Parked / claimWakeUps ----------------------------------------------------------

  @Test
  void parked_keeps_the_task_running_without_a_lease_until_its_next_step() {
    String id = newClaimedTask();
    apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("lyrics", "la")), T0.plusSeconds(1));
    Instant now = T0.plusSeconds(2);

    assertThat(apply(Transition.parked(id, WORKER, T0.plusSeconds(10), "next poll"), now)).isTrue();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.isParked()).isTrue();
    assertThat(task.stage()).isEqualTo(Stage.TEXT);
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseUntil()).isNull();
    assertThat(task.nextRunAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.updatedAt()).isEqualTo(now);
  }

  @Test
  void parked_loses_when_another_worker_holds_the_task() {
    String id = newTaskRescuedAndWokenByOtherWorker();

    assertThat(apply(Transition.parked(id, WORKER, T0.plusSeconds(90), "poll"), T0.plusSeconds(40))).isFalse();
    assertThat(find(id).leaseOwner()).isEqualTo(OTHER_WORKER);
  }

  @Test
  void wake_ups_lease_due_parked_tasks_without_counting_an_attempt() {
    String id = newParkedTask(T0.plusSeconds(10));

    assertThat(wake(OTHER_WORKER, T0.plusMillis(9_999), 10)).isEmpty();
    List<Task> woken = wake(OTHER_WORKER, T0.plusSeconds(10), 10);

    assertThat(woken).extracting(Task::id).containsExactly(id);
    Task task = woken.get(0);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.leaseOwner()).isEqualTo(OTHER_WORKER);
    assertThat(task.leaseUntil()).isEqualTo(T0.plusSeconds(10).plus(LEASE));
    assertThat(task.attempts()).as("waking is not an attempt").isEqualTo(1);
    assertThat(find(id)).isEqualTo(task);
  }

  @Test
  void wake_ups_and_claims_do_not_take_each_others_tasks() {
    String parked = newParkedTask(T0);
    Task queued = newQueuedTask(account, T0);

    assertThat(claim(OTHER_WORKER, T0.plusSeconds(1), 10)).extracting(Task::id).containsExactly(queued.id());
    assertThat(wake(OTHER_WORKER, T0.plusSeconds(1), 10)).extracting(Task::id).containsExactly(parked);
  }

  @Test
  void a_parked_task_can_be_canceled() {
    String id = newParkedTask(T0.plusSeconds(60));

    assertThat(apply(Transition.canceled(id), T0.plusSeconds(1))).isTrue();
    assertThat(find(id).status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(wake(WORKER, T0.plusSeconds(61), 10)).isEmpty();
  }

  // ---- wakeParked (upstream callbacks) --------------------------------------------------------

  @Test
  void wake_parked_makes_a_parked_tasks_next_step_due_now() {
    String id = newParkedTask(T0.plusSeconds(300));
    Instant now = T0.plusSeconds(20);

    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(id, now))).isTrue();

    Task task = find(id);
    assertThat(task.nextRunAt()).isEqualTo(now);
    assertThat(task.isParked()).as("still parked, only due earlier").isTrue();
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(wake(OTHER_WORKER, now, 10)).extracting(Task::id).containsExactly(id);
  }

  @Test
  void wake_parked_leaves_due_running_queued_and_finished_tasks_alone() {
    String due = newParkedTask(T0.plusSeconds(5));
    String running = newClaimedTask();
    Task queued = newQueuedTask(account, T0.plusSeconds(300));
    String done = newClaimedTask();
    apply(Transition.succeeded(done, WORKER, json("a", "b")), T0.plusSeconds(1));
    Instant now = T0.plusSeconds(10);

    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(due, now))).as("already due: a duplicate wake-up").isFalse();
    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(running, now))).as("its step is running and fetches anyway").isFalse();
    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(queued.id(), now))).isFalse();
    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(done, now))).isFalse();
    assertThat(tx((Tx tx) -> tx.tasks().wakeParked(TaskIds.newId(), now))).isFalse();
    assertThat(find(due).nextRunAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(find(queued.id()).nextRunAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(find(running).leaseOwner()).isEqualTo(WORKER);
  }

  @Test
  void find_by_upstream_finds_the_task_of_a_channels_job() {
    String id = newClaimedTask();
    ProviderHandle accepted = ProviderHandle.NONE.withIntent("kling-main").withOutcome(new SubmitOutcome.Accepted("867283741759111202"));
    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(WORKER, id, accepted, T0.plusSeconds(1)))).isTrue();

    assertThat(tx((Tx tx) -> tx.tasks().findByUpstream("kling-main", "867283741759111202"))).map(Task::id).contains(id);
    assertThat(tx((Tx tx) -> tx.tasks().findByUpstream("kling-backup", "867283741759111202"))).isEmpty();
    assertThat(tx((Tx tx) -> tx.tasks().findByUpstream("kling-main", "other"))).isEmpty();
  }

  @Test
  void upstream_load_counts_unfinished_tasks_an_upstream_holds_per_channel() {
    String accepted = newClaimedTask();
    String intent = newClaimedTask();
    String notSent = newClaimedTask();
    String finished = newClaimedTask();
    String other = newClaimedTask();
    newClaimedTask(); // local work: no channel
    inTx(tx -> {
      tx.tasks().saveHandle(WORKER, accepted, ProviderHandle.NONE.withIntent("suno-main").withOutcome(new SubmitOutcome.Accepted("a")), T0);
      tx.tasks().saveHandle(WORKER, intent, ProviderHandle.NONE.withIntent("suno-main"), T0);
      tx.tasks().saveHandle(WORKER, notSent, ProviderHandle.NONE.withIntent("suno-main").withOutcome(new SubmitOutcome.NotSent("refused")), T0);
      tx.tasks().saveHandle(WORKER, finished, ProviderHandle.NONE.withIntent("suno-main").withOutcome(new SubmitOutcome.Accepted("b")), T0);
      tx.tasks().saveHandle(WORKER, other, ProviderHandle.NONE.withIntent("kling-main").withOutcome(new SubmitOutcome.Unknown("timeout")), T0);
    });
    apply(Transition.succeeded(finished, WORKER, json("a", "b")), T0.plusSeconds(1));

    assertThat(tx((Tx tx) -> tx.tasks().upstreamLoadByChannel())).isEqualTo(java.util.Map.of("suno-main", 2L, "kling-main", 1L));
  }

  // ---- saveHandle ---------------------------------------------------------------------------

  @Test
  void save_handle_writes_the_providers_state_for_the_lease_holder_only() {
    String id = newClaimedTask();
    ProviderHandle intent = ProviderHandle.NONE.withIntent("kling-main");

    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(OTHER_WORKER, id, intent, T0.plusSeconds(1)))).isFalse();
    assertThat(find(id).handle()).isEqualTo(ProviderHandle.NONE);

    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(WORKER, id, intent, T0.plusSeconds(1)))).isTrue();
    ProviderHandle accepted = intent.withOutcome(new SubmitOutcome.Accepted("up-9")).withState(json("polls", "1"));
    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(WORKER, id, accepted, T0.plusSeconds(2)))).isTrue();

    Task task = find(id);
    assertThat(task.handle()).isEqualTo(new ProviderHandle("kling-main", "up-9", SubmitState.ACCEPTED, json("polls", "1")));
    assertThat(task.updatedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void save_handle_refuses_a_parked_or_finished_task() {
    String parked = newParkedTask(T0.plusSeconds(60));
    String done = newClaimedTask();
    apply(Transition.succeeded(done, WORKER, json("a", "b")), T0.plusSeconds(1));

    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(WORKER, parked, ProviderHandle.NONE.withIntent("c"), T0))).isFalse();
    assertThat(tx((Tx tx) -> tx.tasks().saveHandle(WORKER, done, ProviderHandle.NONE.withIntent("c"), T0))).isFalse();
  }

  // ---- expiredLeases / apply: Rescued --------------------------------------------------------

  @Test
  void expired_leases_lists_tasks_whose_lease_passed_paged_by_id() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      newQueuedTask(account, T0);
    }
    claim(WORKER, T0, 5).forEach(t -> ids.add(t.id()));
    Collections.sort(ids);
    Instant afterExpiry = T0.plus(LEASE).plusMillis(1);

    assertThat(tx((Tx tx) -> tx.tasks().expiredLeases(T0.plus(LEASE), "", 10))).as("live up to lease_until").isEmpty();
    List<Task> first = tx((Tx tx) -> tx.tasks().expiredLeases(afterExpiry, "", 3));
    List<Task> rest = tx((Tx tx) -> tx.tasks().expiredLeases(afterExpiry, first.get(2).id(), 3));

    assertThat(first).extracting(Task::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(rest).extracting(Task::id).containsExactlyElementsOf(ids.subList(3, 5));
  }

  @Test
  void rescued_parks_the_task_due_at_once_counting_one_more_attempt() {
    String id = newClaimedTask();
    apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("lyrics", "la")), T0.plusSeconds(1));
    Instant now = T0.plus(LEASE).plusSeconds(1);

    assertThat(apply(Transition.rescued(id, WORKER, false), now)).isTrue();

    Task task = find(id);
    assertThat(task.isParked()).isTrue();
    assertThat(task.stage()).isEqualTo(Stage.TEXT);
    assertThat(task.nextRunAt()).isEqualTo(now);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(wake(OTHER_WORKER, now, 10)).extracting(Task::id).containsExactly(id);
  }

  @Test
  void rescued_turns_an_intent_without_outcome_into_unknown() {
    String id = newClaimedTask();
    inTx(tx -> tx.tasks().saveHandle(WORKER, id, ProviderHandle.NONE.withIntent("suno-main"), T0.plusSeconds(1)));

    apply(Transition.rescued(id, WORKER, false), T0.plus(LEASE).plusSeconds(1));

    assertThat(find(id).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    assertThat(find(id).handle().channel()).isEqualTo("suno-main");
  }

  @Test
  void rescued_keeps_an_accepted_submit_unless_asked_to_reconcile() {
    String resumed = newClaimedTask();
    String reconciled = newClaimedTask();
    ProviderHandle accepted = ProviderHandle.NONE.withIntent("c").withOutcome(new SubmitOutcome.Accepted("up-1"));
    inTx(tx -> tx.tasks().saveHandle(WORKER, resumed, accepted, T0));
    inTx(tx -> tx.tasks().saveHandle(WORKER, reconciled, accepted, T0));
    Instant now = T0.plus(LEASE).plusSeconds(1);

    apply(Transition.rescued(resumed, WORKER, false), now);
    apply(Transition.rescued(reconciled, WORKER, true), now);

    assertThat(find(resumed).handle().submitState()).isEqualTo(SubmitState.ACCEPTED);
    assertThat(find(reconciled).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    assertThat(find(reconciled).handle().upstreamId()).isEqualTo("up-1");
  }

  @Test
  void rescued_loses_while_the_lease_is_live_or_held_by_someone_else() {
    String id = newClaimedTask();

    assertThat(apply(Transition.rescued(id, WORKER, false), T0.plus(LEASE))).as("live up to lease_until").isFalse();
    assertThat(apply(Transition.rescued(id, OTHER_WORKER, false), T0.plus(LEASE).plusSeconds(1))).isFalse();
    inTx(tx -> tx.tasks().renewLease(WORKER, id, T0.plusSeconds(90)));
    assertThat(apply(Transition.rescued(id, WORKER, false), T0.plus(LEASE).plusSeconds(1))).as("renewed in time").isFalse();
    assertThat(find(id).leaseOwner()).isEqualTo(WORKER);
    assertThat(find(id).attempts()).isEqualTo(1);
  }

  // ---- apply: StageReached ------------------------------------------------------------------

  @Test
  void stage_reached_moves_the_stage_and_stores_the_result() {
    String id = newClaimedTask();
    Instant now = T0.plusSeconds(3);

    assertThat(apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("lyrics", "la la")), now)).isTrue();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.stage()).isEqualTo(Stage.TEXT);
    assertThat(task.result()).isEqualTo(json("lyrics", "la la"));
    assertThat(task.updatedAt()).isEqualTo(now);
    assertThat(task.leaseOwner()).isEqualTo(WORKER);
  }

  @Test
  void stage_reached_loses_when_the_stage_already_moved() {
    String id = newClaimedTask();
    apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("lyrics", "one")), T0.plusSeconds(1));

    assertThat(apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.FIRST, json("lyrics", "two")), T0.plusSeconds(2)))
        .isFalse();

    Task task = find(id);
    assertThat(task.stage()).isEqualTo(Stage.TEXT);
    assertThat(task.result()).isEqualTo(json("lyrics", "one"));
    assertThat(task.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void stage_reached_loses_when_the_lease_was_taken_by_another_worker() {
    String id = newTaskRescuedAndWokenByOtherWorker();

    assertThat(apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("a", "b")), T0.plusSeconds(40)))
        .isFalse();
    assertThat(find(id).stage()).isEqualTo(Stage.NONE);
  }

  @Test
  void stage_reached_loses_when_the_task_is_not_running() {
    Task task = newQueuedTask(account, T0);

    assertThat(apply(Transition.stageReached(task.id(), WORKER, Stage.NONE, Stage.TEXT, json("a", "b")), T0)).isFalse();
    assertThat(find(task.id())).isEqualTo(task);
  }

  // ---- apply: Succeeded ---------------------------------------------------------------------

  @Test
  void succeeded_finishes_the_task_and_clears_the_lease() {
    String id = newClaimedTask();
    Instant now = T0.plusSeconds(5);

    assertThat(apply(Transition.succeeded(id, WORKER, json("clips", "two")), now)).isTrue();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.stage()).isEqualTo(Stage.COMPLETE);
    assertThat(task.result()).isEqualTo(json("clips", "two"));
    assertThat(task.finishedAt()).isEqualTo(now);
    assertThat(task.updatedAt()).isEqualTo(now);
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseUntil()).isNull();
  }

  @Test
  void succeeded_loses_when_lease_was_taken_by_another_worker() {
    String id = newTaskRescuedAndWokenByOtherWorker();

    assertThat(apply(Transition.succeeded(id, WORKER, json("clips", "two")), T0.plusSeconds(40))).isFalse();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.leaseOwner()).isEqualTo(OTHER_WORKER);
    assertThat(task.result()).isNull();
  }

  @Test
  void succeeded_loses_when_the_task_was_canceled() {
    String id = newClaimedTask();
    apply(Transition.canceled(id), T0.plusSeconds(1));

    assertThat(apply(Transition.succeeded(id, WORKER, json("clips", "two")), T0.plusSeconds(2))).isFalse();
    assertThat(find(id).status()).isEqualTo(TaskStatus.CANCELED);
  }

  // ---- apply: Failed ------------------------------------------------------------------------

  @Test
  void failed_by_worker_records_code_and_message_and_clears_the_lease() {
    String id = newClaimedTask();
    Instant now = T0.plusSeconds(7);

    assertThat(apply(Transition.failedByWorker(id, WORKER, FailureCode.DOWNLOAD_FAILED, "upload url 404"), now)).isTrue();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.errorCode()).isEqualTo("DOWNLOAD_FAILED");
    assertThat(task.errorMessage()).isEqualTo("upload url 404");
    assertThat(task.finishedAt()).isEqualTo(now);
    assertThat(task.updatedAt()).isEqualTo(now);
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseUntil()).isNull();
  }

  @Test
  void failed_by_worker_loses_when_the_lease_belongs_to_another_worker() {
    String id = newTaskRescuedAndWokenByOtherWorker();

    assertThat(apply(Transition.failedByWorker(id, WORKER, FailureCode.INTERNAL, "boom"), T0.plusSeconds(40))).isFalse();
    assertThat(find(id).status()).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void failed_by_worker_loses_on_a_queued_task_nobody_holds() {
    Task task = newQueuedTask(account, T0);

    assertThat(apply(Transition.failedByWorker(task.id(), WORKER, FailureCode.INTERNAL, "boom"), T0)).isFalse();
    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void failed_without_owner_fails_queued_and_running_tasks() {
    Task queued = newQueuedTask(account, T0.plusSeconds(60));
    String running = newClaimedTask();
    Instant now = T0.plusSeconds(2);

    assertThat(apply(Transition.failed(queued.id(), FailureCode.SENSITIVE_CONTENT, "blocked", "moderation"), now)).isTrue();
    assertThat(apply(Transition.failed(running, FailureCode.TIMEOUT, "gave up", "reaper"), now)).isTrue();

    assertThat(find(queued.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(find(queued.id()).errorCode()).isEqualTo("SENSITIVE_CONTENT");
    Task task = find(running);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.errorCode()).isEqualTo("TIMEOUT");
    assertThat(task.finishedAt()).isEqualTo(now);
    assertThat(task.leaseOwner()).isNull();
  }

  @Test
  void failed_loses_on_a_finished_task() {
    String id = newClaimedTask();
    apply(Transition.succeeded(id, WORKER, json("clips", "one")), T0.plusSeconds(1));

    assertThat(apply(Transition.failed(id, FailureCode.INTERNAL, "late", "reaper"), T0.plusSeconds(2))).isFalse();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.errorCode()).isNull();
    assertThat(task.finishedAt()).isEqualTo(T0.plusSeconds(1));
  }

  // ---- apply: Canceled ----------------------------------------------------------------------

  @Test
  void canceled_cancels_queued_and_running_tasks() {
    Task queued = newQueuedTask(account, T0.plusSeconds(60));
    String running = newClaimedTask();
    Instant now = T0.plusSeconds(4);

    assertThat(apply(Transition.canceled(queued.id()), now)).isTrue();
    assertThat(apply(Transition.canceled(running), now)).isTrue();

    for (String id : List.of(queued.id(), running)) {
      Task task = find(id);
      assertThat(task.status()).isEqualTo(TaskStatus.CANCELED);
      assertThat(task.finishedAt()).isEqualTo(now);
      assertThat(task.updatedAt()).isEqualTo(now);
      assertThat(task.leaseOwner()).isNull();
      assertThat(task.leaseUntil()).isNull();
    }
  }

  @Test
  void canceled_loses_on_a_finished_task() {
    Task task = newQueuedTask(account, T0);
    apply(Transition.failed(task.id(), FailureCode.INVALID_INPUT, "bad", "test"), T0.plusSeconds(1));

    assertThat(apply(Transition.canceled(task.id()), T0.plusSeconds(2))).isFalse();
    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(find(task.id()).updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void apply_loses_for_an_unknown_task() {
    assertThat(apply(Transition.canceled(TaskIds.newId()), T0)).isFalse();
  }

  // ---- apply: RetryLater --------------------------------------------------------------------

  @Test
  void retry_later_requeues_with_the_error_and_releases_the_lease() {
    String id = newClaimedTask();
    apply(Transition.stageReached(id, WORKER, Stage.NONE, Stage.TEXT, json("lyrics", "la")), T0.plusSeconds(1));
    Instant now = T0.plusSeconds(2);
    Instant retryAt = T0.plusSeconds(60);

    assertThat(apply(Transition.retryLater(id, WORKER, retryAt, "java.io.IOException: reset"), now)).isTrue();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.stage()).as("a resumed run picks up where it was").isEqualTo(Stage.TEXT);
    assertThat(task.nextRunAt()).isEqualTo(retryAt);
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseUntil()).isNull();
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.updatedAt()).isEqualTo(now);
    assertThat(lastError(id)).isEqualTo("java.io.IOException: reset");
    assertThat(claim(OTHER_WORKER, retryAt.minusMillis(1), 10)).isEmpty();
    assertThat(claim(OTHER_WORKER, retryAt, 10)).extracting(Task::attempts).containsExactly(2);
  }

  @Test
  void retry_later_loses_when_the_lease_was_taken_by_another_worker() {
    String id = newTaskRescuedAndWokenByOtherWorker();

    assertThat(apply(Transition.retryLater(id, WORKER, T0.plusSeconds(90), "boom"), T0.plusSeconds(40))).isFalse();

    Task task = find(id);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.leaseOwner()).isEqualTo(OTHER_WORKER);
    assertThat(lastError(id)).isNull();
  }

  // ---- nextDueAt / nextLeaseExpiry ----------------------------------------------------------

  @Test
  void next_due_at_is_empty_without_unleased_work() {
    Task task = newQueuedTask(account, T0);
    apply(Transition.canceled(task.id()), T0);
    newClaimedTask();

    assertThat(tx((Tx tx) -> tx.tasks().nextDueAt(List.of("local")))).isEmpty();
  }

  @Test
  void next_due_at_is_the_earliest_next_run_of_queued_or_parked_work_of_the_providers() {
    newQueuedTask(account, T0.plusSeconds(100));
    inTx(tx -> tx.tasks().insert(withProvider(queuedTask(account, T0.plusSeconds(5)), "suno-relay")));

    assertThat(tx((Tx tx) -> tx.tasks().nextDueAt(List.of("local")))).contains(T0.plusSeconds(100));
    assertThat(tx((Tx tx) -> tx.tasks().nextDueAt(List.of("local", "suno-relay")))).contains(T0.plusSeconds(5));

    newParkedTask(T0.plusSeconds(50));
    assertThat(tx((Tx tx) -> tx.tasks().nextDueAt(List.of("local")))).contains(T0.plusSeconds(50));
  }

  @Test
  void next_lease_expiry_is_the_earliest_lease_until() {
    assertThat(tx((Tx tx) -> tx.tasks().nextLeaseExpiry())).isEmpty();
    String running = newClaimedTask(); // lease until T0 + 30 s

    assertThat(tx((Tx tx) -> tx.tasks().nextLeaseExpiry())).contains(T0.plus(LEASE));
    apply(Transition.succeeded(running, WORKER, json("a", "b")), T0.plusSeconds(1));
    assertThat(tx((Tx tx) -> tx.tasks().nextLeaseExpiry())).isEmpty();
  }

  // ---- list ----------------------------------------------------------------------------------

  @Test
  void list_pages_an_accounts_tasks_newest_first() {
    Account other = newAccount("other");
    List<Task> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(createdAt(queuedTask(account, T0), T0.plusSeconds(i / 2))); // two share each second
      inTx(tx -> tx.tasks().insert(createdAt(queuedTask(other, T0), T0.plusSeconds(1))));
    }
    inTx(tx -> mine.forEach(tx.tasks()::insert));
    List<Task> newestFirst =
        mine.stream().sorted(java.util.Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed()).toList();

    List<Task> page1 = list(new TaskQuery(account.id(), null, null, null, null, null, 2));
    List<Task> page2 = list(new TaskQuery(account.id(), null, null, null, null, cursorOf(page1), 2));
    List<Task> page3 = list(new TaskQuery(account.id(), null, null, null, null, cursorOf(page2), 2));

    assertThat(page1).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(page2).containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(page3).containsExactlyElementsOf(newestFirst.subList(4, 5));
  }

  @Test
  void list_filters_by_status_kind_and_creation_time() {
    Task early = newQueuedTask(account, T0);
    Task lyrics = createdAt(withSpec(queuedTask(account, T0), TestSpecs.lyrics("rain")), T0.plusSeconds(10));
    Task late = createdAt(queuedTask(account, T0), T0.plusSeconds(20));
    inTx(tx -> tx.tasks().insert(lyrics));
    inTx(tx -> tx.tasks().insert(late));
    apply(Transition.canceled(late.id()), T0.plusSeconds(21));

    assertThat(list(new TaskQuery(account.id(), Set.of(TaskStatus.CANCELED), null, null, null, null, 10)))
        .extracting(Task::id).containsExactly(late.id());
    assertThat(list(new TaskQuery(account.id(), Set.of(TaskStatus.QUEUED, TaskStatus.RUNNING), null, null, null, null, 10)))
        .extracting(Task::id).containsExactly(lyrics.id(), early.id());
    assertThat(list(new TaskQuery(account.id(), null, TaskKind.LYRICS, null, null, null, 10)))
        .extracting(Task::id).containsExactly(lyrics.id());
    assertThat(list(new TaskQuery(account.id(), null, null, T0.plusSeconds(10), T0.plusSeconds(20), null, 10)))
        .as("from inclusive, to exclusive").extracting(Task::id).containsExactly(lyrics.id());
  }

  // ---- retention ----------------------------------------------------------------------------

  @Test
  void finished_tasks_are_listed_for_asset_purge_until_marked() {
    Task old = newQueuedTask(account, T0);
    Task recent = newQueuedTask(account, T0);
    newQueuedTask(account, T0); // not finished: never listed
    apply(Transition.canceled(old.id()), T0.plusSeconds(1));
    apply(Transition.canceled(recent.id()), T0.plusSeconds(100));

    assertThat(tx((Tx tx) -> tx.tasks().finishedWithAssetsBefore(T0.plusSeconds(50), 10))).extracting(Task::id)
        .containsExactly(old.id());

    inTx(tx -> tx.tasks().markAssetsPurged(old.id(), T0.plusSeconds(60)));

    assertThat(tx((Tx tx) -> tx.tasks().finishedWithAssetsBefore(T0.plusSeconds(50), 10))).isEmpty();
    assertThat(tx((Tx tx) -> tx.tasks().finishedWithAssetsBefore(T0.plusSeconds(500), 10))).extracting(Task::id)
        .containsExactly(recent.id());
  }

  @Test
  void owned_version_moves_with_each_transition_and_with_a_payload_purge() {
    Account other = newAccount("other");
    String id = newClaimedTask();
    TaskVersion running = tx((Tx tx) -> tx.tasks().findOwnedVersion(account.id(), id)).orElseThrow();
    assertThat(running.id()).isEqualTo(id);
    assertThat(running.route()).isEqualTo(find(id).route());
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running.payloadPurgedAt()).isNull();
    assertThat(tx((Tx tx) -> tx.tasks().findOwnedVersion(other.id(), id))).isEmpty();
    assertThat(tx((Tx tx) -> tx.tasks().findOwnedVersion(account.id(), TaskIds.newId()))).isEmpty();

    apply(Transition.succeeded(id, WORKER, json("clips", "x")), T0.plusSeconds(1));
    TaskVersion succeeded = tx((Tx tx) -> tx.tasks().findOwnedVersion(account.id(), id)).orElseThrow();
    assertThat(succeeded.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(succeeded.updatedAt()).isEqualTo(find(id).updatedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(succeeded).isNotEqualTo(running);

    inTx(tx -> tx.tasks().purgePayloads(T0.plusSeconds(50), T0.plusSeconds(60)));
    TaskVersion purged = tx((Tx tx) -> tx.tasks().findOwnedVersion(account.id(), id)).orElseThrow();
    assertThat(purged.payloadPurgedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(purged.updatedAt()).isEqualTo(succeeded.updatedAt());
    assertThat(purged).isNotEqualTo(succeeded);
  }

  @Test
  void purge_payloads_clears_old_finished_tasks_once() {
    String old = newClaimedTask();
    apply(Transition.succeeded(old, WORKER, json("clips", "x")), T0.plusSeconds(1));
    Task running = newQueuedTask(account, T0);

    assertThat(tx((Tx tx) -> tx.tasks().purgePayloads(T0.plusSeconds(50), T0.plusSeconds(60)))).isEqualTo(1);
    assertThat(tx((Tx tx) -> tx.tasks().purgePayloads(T0.plusSeconds(50), T0.plusSeconds(61)))).isZero();

    Task purged = find(old);
    assertThat(purged.spec()).isEqualTo(new PurgedSpec(TaskKind.SONG));
    assertThat(purged.originalPayload()).isNull();
    assertThat(purged.result()).isNull();
    assertThat(purged.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(find(running.id()).spec()).isEqualTo(running.spec());
  }

  // ---- helpers ------------------------------------------------------------------------------

  List<Task> claim(String owner, Instant now, int limit) {
    return tx(tx -> tx.tasks().claimDue(owner, "local", now, now.plus(LEASE), limit));
  }

  List<Task> wake(String owner, Instant now, int limit) {
    return tx(tx -> tx.tasks().claimWakeUps(owner, "local", now, now.plus(LEASE), limit));
  }

  /** A task WORKER claimed at T0 and parked until {@code nextRunAt}. */
  String newParkedTask(Instant nextRunAt) {
    String id = newClaimedTask();
    assertThat(apply(Transition.parked(id, WORKER, nextRunAt, "test"), T0)).isTrue();
    return id;
  }

  boolean apply(Transition transition, Instant now) {
    return tx(tx -> tx.tasks().apply(transition, now));
  }

  Task find(String id) {
    Optional<Task> task = tx(tx -> tx.tasks().find(id));
    assertThat(task).as("task " + id).isPresent();
    return task.get();
  }

  /** A task claimed by WORKER at T0, its lease until T0 + 30 s. */
  String newClaimedTask() {
    Task task = newQueuedTask(account, T0);
    List<Task> claimed = claim(WORKER, T0, 1);
    assertThat(claimed).extracting(Task::id).containsExactly(task.id());
    return task.id();
  }

  /** A task WORKER claimed at T0, whose lease expired, which was rescued and then woken by OTHER_WORKER. */
  String newTaskRescuedAndWokenByOtherWorker() {
    String id = newClaimedTask();
    Instant afterExpiry = T0.plus(LEASE).plusSeconds(1);
    assertThat(apply(Transition.rescued(id, WORKER, false), afterExpiry)).isTrue();
    assertThat(wake(OTHER_WORKER, afterExpiry, 1)).extracting(Task::id).containsExactly(id);
    return id;
  }

  /** {@code last_error} is not part of {@link Task}; read it directly. */
  String lastError(String id) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT last_error FROM task WHERE id = :id").bind("id", id).mapTo(String.class).one());
  }

  List<Task> list(TaskQuery query) {
    return tx((Tx tx) -> tx.tasks().list(query));
  }

  static TaskQuery.Cursor cursorOf(List<Task> page) {
    Task last = page.get(page.size() - 1);
    return new TaskQuery.Cursor(last.createdAt(), last.id());
  }

  // ---- one-per-source output claims ---------------------------------------------------------

  @Test
  void an_output_claim_admits_one_task_per_source_and_account_until_that_task_fails_or_is_canceled() {
    Account other = newAccount("other-claims");
    String source = TaskIds.newId();
    OutputClaim wavA = new OutputClaim(TaskKind.WAV, source, "clip-a");
    OutputClaim cover = new OutputClaim(TaskKind.COVER_ART, source, null);
    Task first = insertQueued(account);
    Task second = insertQueued(account);
    Task third = insertQueued(account);
    Task elsewhere = insertQueued(other);

    assertThat(claim(account, wavA, first)).isEmpty();
    assertThat(claim(account, wavA, second)).contains(first.id());
    assertThat(claim(account, new OutputClaim(TaskKind.WAV, source, "clip-b"), second)).isEmpty();
    assertThat(claim(other, wavA, elsewhere)).isEmpty();
    assertThat(claim(account, cover, third)).isEmpty();
    assertThat(claim(account, cover, first)).contains(third.id());

    // failing gives the WAV back; canceling gives the cover set back
    assertThat(apply(Transition.failed(first.id(), FailureCode.INTERNAL, "boom", "test"), T0)).isTrue();
    Task retry = insertQueued(account);
    assertThat(claim(account, wavA, retry)).isEmpty();
    assertThat(apply(Transition.canceled(third.id()), T0)).isTrue();
    Task coverRetry = insertQueued(account);
    assertThat(claim(account, cover, coverRetry)).isEmpty();
    assertThat(claim(account, wavA, coverRetry)).contains(retry.id());
  }

  @Test
  void of_simultaneous_creates_claiming_one_output_exactly_one_commits() throws Exception {
    OutputClaim wav = new OutputClaim(TaskKind.WAV, TaskIds.newId(), "clip-a");
    int creates = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<String>>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < creates; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  Task task = queuedTask(account, T0);
                  try {
                    return tx(
                        (Tx tx) -> {
                          tx.tasks().insert(task);
                          Optional<String> holder = tx.tasks().claimOutput(account.id(), wav, task.id());
                          if (holder.isPresent()) {
                            throw new HeldBy(holder.get()); // rolls the task row back, as a refused create does
                          }
                          return Optional.<String>empty();
                        });
                  } catch (HeldBy refused) {
                    return Optional.of(refused.holder);
                  }
                }));
      }
      start.countDown();
    }
    List<Optional<String>> results = new ArrayList<>();
    for (Future<Optional<String>> outcome : outcomes) {
      results.add(outcome.get());
    }
    assertThat(results).filteredOn(Optional::isEmpty).hasSize(1);
    List<String> holders = results.stream().flatMap(Optional::stream).distinct().toList();
    assertThat(holders).hasSize(1);
    // the refused creates left no task behind: only the holder exists
    assertThat(list(new TaskQuery(account.id(), null, null, null, null, null, 100))).extracting(Task::id).containsExactly(holders.get(0));
  }

  private static final class HeldBy extends RuntimeException {
    final String holder;

    HeldBy(String holder) {
      super(holder, null, false, false);
      this.holder = holder;
    }
  }

  private Task insertQueued(Account owner) {
    Task task = queuedTask(owner, T0);
    inTx(tx -> tx.tasks().insert(task));
    return task;
  }

  private Optional<String> claim(Account owner, OutputClaim claim, Task task) {
    return tx((Tx tx) -> tx.tasks().claimOutput(owner.id(), claim, task.id()));
  }

  static Task createdAt(Task t, Instant createdAt) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), t.provider(), t.status(), t.stage(), t.spec(),
        t.originalPayload(), t.result(), t.errorCode(), t.errorMessage(), t.handle(), t.leaseOwner(), t.leaseUntil(),
        t.attempts(), t.nextRunAt(), createdAt, createdAt, t.finishedAt());
  }

  static Task withSpec(Task t, TaskSpec spec) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), t.provider(), t.status(), t.stage(), spec,
        t.originalPayload(), t.result(), t.errorCode(), t.errorMessage(), t.handle(), t.leaseOwner(), t.leaseUntil(),
        t.attempts(), t.nextRunAt(), t.createdAt(), t.updatedAt(), t.finishedAt());
  }

  static Task withProvider(Task t, String provider) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), provider, t.status(), t.stage(), t.spec(),
        t.originalPayload(), t.result(), t.errorCode(), t.errorMessage(), t.handle(), t.leaseOwner(), t.leaseUntil(),
        t.attempts(), t.nextRunAt(), t.createdAt(), t.updatedAt(), t.finishedAt());
  }

  static Task withStatus(Task t, TaskStatus status, Instant finishedAt) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), t.provider(), status, t.stage(), t.spec(),
        t.originalPayload(), t.result(), t.errorCode(), t.errorMessage(), t.handle(), t.leaseOwner(), t.leaseUntil(),
        t.attempts(), t.nextRunAt(), t.createdAt(), t.updatedAt(), finishedAt);
  }

  static Task withLease(Task t, String owner, Instant until) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), t.provider(), t.status(), t.stage(), t.spec(),
        t.originalPayload(), t.result(), t.errorCode(), t.errorMessage(), t.handle(), owner, until,
        t.attempts(), t.nextRunAt(), t.createdAt(), t.updatedAt(), t.finishedAt());
  }
}
