package io.backbeat.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.RescueDecision;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.SubmitOutcome;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import io.backbeat.storage.asset.fs.FsAssetStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher and lease reaper on a real SQLite database, with fake providers and a settable
 * clock. Steps run in the test's own thread ({@code Runnable::run}) unless a test needs otherwise,
 * so every claim and poll happens exactly when {@code runOnce()} is called. (It lives beside the
 * stores because it needs a real one; core itself depends on no database.)
 */
class DispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Executor IN_THIS_THREAD = Runnable::run;

  @TempDir Path dir;
  private Database database;
  private Transactor transactor;
  private AssetStore assets;
  private final SettableClock clock = new SettableClock(T0);
  private Principal principal;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabases.sqlite(dir);
    transactor = database.transactor();
    assets = new FsAssetStore(dir.resolve("assets"));
    AccountService.CreatedKey created = new AccountService(transactor, clock).createAccount("tester", false);
    principal = new Principal(created.account().id(), created.key().id());
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** A provider whose steps the test scripts: each call gets the task and its context. */
  static final class ScriptedProvider implements Provider {
    final String name;
    final int slots;
    BiFunction<Task, TaskContext, Step> step;
    RescueDecision onLeaseLost = RescueDecision.resume();
    final List<Task> leaseLost = new ArrayList<>();
    final AtomicInteger steps = new AtomicInteger();

    ScriptedProvider(String name, int slots, BiFunction<Task, TaskContext, Step> step) {
      this.name = name;
      this.slots = slots;
      this.step = step;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.LYRICS);
    }

    @Override
    public int defaultSlots() {
      return slots;
    }

    @Override
    public Step step(Task task, TaskContext context) {
      steps.incrementAndGet();
      return step.apply(task, context);
    }

    @Override
    public RescueDecision onLeaseLost(Task task) {
      leaseLost.add(task);
      return onLeaseLost;
    }
  }

  private TaskService service(Provider provider) {
    return new TaskService(transactor, clock, List.of(provider), Map.of());
  }

  private Dispatcher dispatcher(TaskService service, Provider provider, String owner, Executor executor) {
    DispatcherConfig config = new DispatcherConfig(Map.of(), LEASE, 3, Duration.ofSeconds(2));
    Dispatcher dispatcher = new Dispatcher(service, transactor, List.of(provider), assets, clock, config, owner, executor);
    service.addListener(dispatcher);
    return dispatcher;
  }

  private LeaseReaper reaper(TaskService service, Provider provider) {
    return new LeaseReaper(service, transactor, List.of(provider), clock, new DispatcherConfig(Map.of(), LEASE, 3, Duration.ofSeconds(2)));
  }

  private Task create(TaskService service) {
    return service.create(new NewTask(principal, "native", "test", new LyricsSpec("a task", null), JSON.createObjectNode()));
  }

  private Task find(String id) {
    return transactor.inTransaction(tx -> tx.tasks().find(id)).orElseThrow();
  }

  private List<String> timeline(String id) {
    return transactor.inTransaction(tx -> tx.events().forTask(id)).stream().map(TaskEvent::reason).toList();
  }

  private static Step done() {
    return Step.succeed(JSON.createObjectNode().put("title", "done"));
  }

  @Test
  void a_step_that_asks_to_run_again_parks_the_task_without_burning_an_attempt() {
    List<Instant> polledAt = new ArrayList<>();
    ScriptedProvider relay =
        new ScriptedProvider("relay", 10, (task, context) -> {
          polledAt.add(context.clock().instant());
          return polledAt.size() < 5 ? Step.again(context.clock().instant().plusSeconds(10), "upstream still working") : done();
        });
    TaskService service = service(relay);
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", IN_THIS_THREAD);
    Task task = create(service);

    dispatcher.runOnce();
    assertThat(find(task.id()).isParked()).isTrue();
    assertThat(find(task.id()).status()).as("a client sees it running").isEqualTo(TaskStatus.RUNNING);
    for (int poll = 1; poll < 5; poll++) {
      dispatcher.runOnce(); // not due yet: nothing happens
      assertThat(polledAt).hasSize(poll);
      clock.advance(Duration.ofSeconds(10));
      dispatcher.runOnce();
    }

    Task after = find(task.id());
    assertThat(after.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(after.attempts()).as("one attempt, however many polls").isEqualTo(1);
    assertThat(polledAt).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(40));
    assertThat(timeline(task.id())).as("parking is not a visible change").containsExactly("created", "claimed", "succeeded");
  }

  @Test
  void ten_thousand_waiting_relay_tasks_hold_no_thread_and_are_each_polled_on_time() {
    int n = 10_000;
    Map<String, List<Instant>> polls = new ConcurrentHashMap<>();
    ScriptedProvider relay =
        new ScriptedProvider("relay", 500, (task, context) -> {
          List<Instant> mine = polls.computeIfAbsent(task.id(), id -> java.util.Collections.synchronizedList(new ArrayList<>()));
          mine.add(context.clock().instant());
          return mine.size() == 1 ? Step.again(T0.plusSeconds(60), "submitted; first poll in a minute") : done();
        });
    TaskService service = service(relay);
    CountingThreads threads = new CountingThreads();
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", threads);
    List<String> ids = new ArrayList<>();
    transactor.useTransaction(tx -> {
      for (int i = 0; i < n; i++) {
        Task task = Task.queued(io.backbeat.core.task.TaskIds.newId(), principal.accountId(), principal.apiKeyId(), "native", "test",
            relay.name(), new LyricsSpec("wait " + i, null), JSON.createObjectNode(), T0);
        tx.tasks().insert(task);
        ids.add(task.id());
      }
    });

    runUntil(dispatcher, () -> parkedCount() == n);
    assertThat(polls).hasSize(n);
    waitUntil(() -> threads.alive() == 0);
    assertThat(dispatcher.activeCount()).as("no run is active").isZero();
    assertThat(threads.alive()).as("waiting tasks hold no thread").isZero();
    assertThat(threads.mostAliveAtOnce()).as("never more steps at once than slots").isLessThanOrEqualTo(500);

    clock.set(T0.plusSeconds(59));
    dispatcher.runOnce();
    assertThat(polls.values()).as("nothing is polled before its time").allSatisfy(p -> assertThat(p).hasSize(1));
    clock.set(T0.plusSeconds(60));
    runUntil(dispatcher, () -> succeededCount() == n);

    for (String id : ids) {
      assertThat(polls.get(id)).as(id).containsExactly(T0, T0.plusSeconds(60));
    }
    waitUntil(() -> threads.alive() == 0);
  }

  @Test
  void an_accepted_submit_whose_answer_timed_out_is_reconciled_and_never_sent_again() {
    FakeUpstream upstream = new FakeUpstream();
    upstream.dropNextAnswer = true; // the upstream accepts the job, then the connection times out
    ScriptedProvider relay = new ScriptedProvider("relay", 10, (task, context) -> relayStep(upstream, task, context));
    TaskService service = service(relay);
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", IN_THIS_THREAD);
    Task task = create(service);

    dispatcher.runOnce(); // submit: accepted upstream, answer lost → unknown
    assertThat(find(task.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(5));
      dispatcher.runOnce();
    }

    Task after = find(task.id());
    assertThat(after.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(upstream.creates).as("exactly one create upstream").hasValue(1);
    assertThat(after.handle().upstreamId()).isEqualTo(upstream.idOf(task.id()));
    assertThat(after.handle().submitState()).isEqualTo(SubmitState.ACCEPTED);
  }

  @Test
  void a_lost_lease_goes_to_the_providers_decision_and_an_intent_in_flight_becomes_unknown() throws Exception {
    FakeUpstream upstream = new FakeUpstream();
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Boolean> lateSave = new java.util.concurrent.atomic.AtomicReference<>();
    ScriptedProvider relay = new ScriptedProvider("relay", 10, null);
    relay.step = (task, context) -> {
      if (context.handle().submitState() == SubmitState.NONE) {
        context.recordIntent("upstream-a");
        upstream.create(task.id());
        frozen.countDown();
        await(release); // the node hangs right after sending: its lease runs out
        lateSave.set(context.recordOutcome(new SubmitOutcome.Accepted(upstream.idOf(task.id()))));
        return Step.abandoned();
      }
      return relayStep(upstream, task, context);
    };
    TaskService service = service(relay);
    Dispatcher hung = dispatcher(service, relay, "node-a", command -> Thread.ofVirtual().start(command));
    Dispatcher healthy = dispatcher(service, relay, "node-b", IN_THIS_THREAD);
    Task task = create(service);

    hung.runOnce();
    assertThat(frozen.await(10, TimeUnit.SECONDS)).isTrue();
    clock.advance(LEASE.plusSeconds(1));
    reaper(service, relay).runOnce();

    assertThat(relay.leaseLost).extracting(Task::id).containsExactly(task.id());
    Task rescued = find(task.id());
    assertThat(rescued.handle().submitState()).as("an intent without outcome may have been sent").isEqualTo(SubmitState.UNKNOWN);
    assertThat(rescued.isParked()).isTrue();
    assertThat(rescued.attempts()).isEqualTo(2);
    assertThat(timeline(task.id())).contains("rescued: the worker's lease expired; resuming");

    for (int i = 0; i < 4; i++) {
      healthy.runOnce();
      clock.advance(Duration.ofSeconds(5));
    }
    release.countDown();
    waitUntil(() -> hung.activeCount() == 0);

    assertThat(lateSave.get()).as("the hung run, back too late, writes nothing").isFalse();
    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(upstream.creates).as("reconciled, not resubmitted").hasValue(1);
  }

  @Test
  void a_provider_may_decide_to_fail_a_task_whose_lease_was_lost() {
    ScriptedProvider relay = new ScriptedProvider("relay", 10, (task, context) -> done());
    relay.onLeaseLost = RescueDecision.fail(FailureCode.GENERATION_FAILED, "the upstream job cannot be recovered");
    TaskService service = service(relay);
    Dispatcher dead = dispatcher(service, relay, "node-a", command -> {}); // claims, then never runs anything
    Task task = create(service);

    dead.runOnce();
    clock.advance(LEASE.plusSeconds(1));
    reaper(service, relay).runOnce();

    Task after = find(task.id());
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.errorCode()).isEqualTo("GENERATION_FAILED");
    assertThat(after.errorMessage()).isEqualTo("the upstream job cannot be recovered");
  }

  @Test
  void a_task_whose_node_keeps_dying_fails_with_timeout_after_its_attempts() {
    ScriptedProvider local = new ScriptedProvider("local", 2, (task, context) -> done());
    TaskService service = service(local);
    Task task = create(service);
    LeaseReaper reaper = reaper(service, local);

    for (int death = 1; death <= 5 && !find(task.id()).status().isTerminal(); death++) {
      dispatcher(service, local, "node-" + death, command -> {}).runOnce(); // claim or wake, then die
      clock.advance(LEASE.plusSeconds(1));
      reaper.runOnce();
    }

    Task after = find(task.id());
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.errorCode()).isEqualTo("TIMEOUT");
    assertThat(after.attempts()).isEqualTo(3);
    assertThat(local.steps).as("it never ran: every node died first").hasValue(0);
  }

  @Test
  void a_provider_that_cannot_run_a_task_fails_it_at_once_instead_of_retrying() {
    ScriptedProvider local = new ScriptedProvider("local", 2, (task, context) -> {
      throw new UnsupportedOperationException("no such capability");
    });
    TaskService service = service(local);
    Dispatcher dispatcher = dispatcher(service, local, "node-a", IN_THIS_THREAD);
    Task task = create(service);

    dispatcher.runOnce();

    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(find(task.id()).errorCode()).isEqualTo("INTERNAL");
    assertThat(local.steps).hasValue(1);
  }

  @Test
  void other_errors_are_retried_with_backoff_until_the_attempts_run_out() {
    ScriptedProvider local = new ScriptedProvider("local", 2, (task, context) -> {
      throw new IllegalStateException("flaky");
    });
    TaskService service = service(local);
    Dispatcher dispatcher = dispatcher(service, local, "node-a", IN_THIS_THREAD);
    Task task = create(service);

    dispatcher.runOnce();
    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(find(task.id()).nextRunAt()).isEqualTo(T0.plusSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    dispatcher.runOnce();
    assertThat(find(task.id()).nextRunAt()).as("doubled").isEqualTo(T0.plusSeconds(2 + 4));
    clock.advance(Duration.ofSeconds(4));
    dispatcher.runOnce();

    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(find(task.id()).errorCode()).isEqualTo("GENERATION_FAILED");
    assertThat(local.steps).hasValue(3);
  }

  @Test
  void a_canceled_task_is_not_parked_or_polled_again() {
    ScriptedProvider relay = new ScriptedProvider("relay", 10, (task, context) -> Step.again(context.clock().instant().plusSeconds(5), "poll"));
    TaskService service = service(relay);
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", IN_THIS_THREAD);
    Task task = create(service);
    dispatcher.runOnce();

    service.cancel(principal.accountId(), task.id());
    clock.advance(Duration.ofSeconds(5));
    dispatcher.runOnce();

    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(relay.steps).hasValue(1);
  }

  @Test
  void slots_are_per_provider_so_a_busy_provider_never_starves_another() {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedProvider local = new ScriptedProvider("local", 1, (task, context) -> {
      await(release);
      return done();
    });
    ScriptedProvider relay = new ScriptedProvider("relay", 5, (task, context) -> done());
    TaskService service = new TaskService(transactor, clock, List.of(local, relay), Map.of());
    DispatcherConfig config = new DispatcherConfig(Map.of(), LEASE, 3, Duration.ofSeconds(2));
    Dispatcher dispatcher =
        new Dispatcher(service, transactor, List.of(local, relay), assets, clock, config, "node-a", command -> Thread.ofVirtual().start(command));
    Task first = create(service);
    Task second = create(service);
    Task relayed = Task.queued(io.backbeat.core.task.TaskIds.newId(), principal.accountId(), principal.apiKeyId(), "native", "test",
        relay.name(), new LyricsSpec("relayed", null), JSON.createObjectNode(), T0);
    transactor.useTransaction(tx -> tx.tasks().insert(relayed));

    dispatcher.runOnce();
    waitUntil(() -> find(relayed.id()).status() == TaskStatus.SUCCEEDED);
    dispatcher.runOnce();

    assertThat(dispatcher.activeCount("local")).as("one local slot").isEqualTo(1);
    assertThat(List.of(find(first.id()).status(), find(second.id()).status()))
        .as("one local task runs, the other waits for the slot")
        .containsExactlyInAnyOrder(TaskStatus.RUNNING, TaskStatus.QUEUED);
    release.countDown();
    waitUntil(() -> dispatcher.activeCount() == 0);
  }

  @Test
  void a_run_that_ends_says_so_once_its_slot_is_free_so_the_next_queued_task_is_claimed_at_once() {
    ScriptedProvider local = new ScriptedProvider("local", 1, (task, context) -> done());
    TaskService service = service(local);
    List<Runnable> steps = new ArrayList<>();
    Dispatcher dispatcher = dispatcher(service, local, "node-a", steps::add);
    List<Integer> activeWhenFreed = new ArrayList<>();
    dispatcher.onSlotFreed(() -> activeWhenFreed.add(dispatcher.activeCount("local")));
    List<Integer> activeAtTerminalEvent = new ArrayList<>();
    service.addListener(event -> {
      if (event.status().isTerminal()) {
        activeAtTerminalEvent.add(dispatcher.activeCount("local"));
      }
    });
    Task first = create(service);
    Task second = create(service);

    dispatcher.runOnce();
    assertThat(steps).as("one slot: one claim").hasSize(1);
    steps.removeFirst().run();

    // created at the same instant: either may be claimed first
    assertThat(List.of(find(first.id()).status(), find(second.id()).status()))
        .containsExactlyInAnyOrder(TaskStatus.SUCCEEDED, TaskStatus.QUEUED);
    assertThat(activeAtTerminalEvent).as("the terminal event comes while the slot is still taken").containsExactly(1);
    assertThat(activeWhenFreed).as("the hook comes once the slot is free").containsExactly(0);
    dispatcher.runOnce();
    assertThat(steps).as("a pass after the hook claims the second task").hasSize(1);
    steps.removeFirst().run();
    assertThat(find(first.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(find(second.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  // ---- money: the provider's verdict decides refund or charge ---------------------------------

  private List<String> ledgerKinds(String taskId) {
    return database.jdbi().withHandle(h ->
        h.createQuery("SELECT kind FROM ledger_entry WHERE task_id = :id ORDER BY id").bind("id", taskId).mapTo(String.class).list());
  }

  private Task createMetered(TaskService service) {
    new io.backbeat.core.billing.CreditService(transactor, clock).topUpOrMeter(principal.accountId(), 100);
    return create(service);
  }

  @Test
  void a_failure_the_upstream_may_have_billed_keeps_the_hold_and_a_free_one_refunds_it() {
    ScriptedProvider relay = new ScriptedProvider("relay", 10, null);
    TaskService service = service(relay);
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", IN_THIS_THREAD);
    relay.step = (task, context) -> Step.failCharged(FailureCode.TIMEOUT, "the upstream never answered; it may have billed the job");
    Task charged = createMetered(service);
    dispatcher.runOnce();
    relay.step = (task, context) -> Step.fail(FailureCode.GENERATION_FAILED, "the upstream failed it and refunded (531)");
    Task refunded = create(service);
    dispatcher.runOnce();

    assertThat(find(charged.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(ledgerKinds(charged.id())).containsExactly("hold", "settle");
    assertThat(timeline(charged.id())).last().asString().contains("charged");
    assertThat(find(refunded.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(ledgerKinds(refunded.id())).containsExactly("hold", "refund");
  }

  @Test
  void canceling_work_an_upstream_accepted_keeps_the_hold_and_canceling_unsent_work_refunds_it() {
    ScriptedProvider relay = new ScriptedProvider("relay", 10, null);
    TaskService service = service(relay);
    Dispatcher dispatcher = dispatcher(service, relay, "node-a", IN_THIS_THREAD);
    relay.step = (task, context) -> {
      context.recordIntent("upstream-a");
      context.recordOutcome(new SubmitOutcome.Accepted("up-1"));
      return Step.again(context.clock().instant().plusSeconds(30), "submitted");
    };
    Task accepted = createMetered(service);
    dispatcher.runOnce();
    relay.step = (task, context) -> {
      context.recordIntent("upstream-a");
      context.recordOutcome(new SubmitOutcome.NotSent("connection refused"));
      return Step.again(context.clock().instant().plusSeconds(30), "no channel took it");
    };
    Task notSent = create(service);
    dispatcher.runOnce();

    service.cancel(principal.accountId(), accepted.id());
    service.cancel(principal.accountId(), notSent.id());

    assertThat(ledgerKinds(accepted.id())).as("the upstream bills what it accepted").containsExactly("hold", "settle");
    assertThat(ledgerKinds(notSent.id())).containsExactly("hold", "refund");
  }

  @Test
  void giving_up_on_a_task_whose_submit_is_unknown_keeps_the_hold() {
    ScriptedProvider relay = new ScriptedProvider("relay", 10, null);
    relay.onLeaseLost = RescueDecision.fail(FailureCode.TIMEOUT, "cannot be recovered");
    TaskService service = service(relay);
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    relay.step = (task, context) -> {
      context.recordIntent("upstream-a");
      frozen.countDown();
      await(release);
      return Step.abandoned();
    };
    Dispatcher hung = dispatcher(service, relay, "node-a", command -> Thread.ofVirtual().start(command));
    Task task = createMetered(service);

    hung.runOnce();
    try {
      assertThat(frozen.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    clock.advance(LEASE.plusSeconds(1));
    reaper(service, relay).runOnce();
    release.countDown();
    waitUntil(() -> hung.activeCount() == 0);

    assertThat(find(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(ledgerKinds(task.id())).as("the submit may have reached the upstream").containsExactly("hold", "settle");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Steps the dispatcher, letting each round's runs finish, until {@code done} holds. */
  private static void runUntil(Dispatcher dispatcher, java.util.function.BooleanSupplier done) {
    for (int round = 0; round < 1_000 && !done.getAsBoolean(); round++) {
      dispatcher.runOnce();
      waitUntil(() -> dispatcher.activeCount() == 0);
    }
    assertThat(done.getAsBoolean()).as("reached within 1,000 rounds").isTrue();
  }

  private int parkedCount() {
    return count("status = 'running' AND lease_owner IS NULL");
  }

  private int succeededCount() {
    return count("status = 'succeeded'");
  }

  private int count(String where) {
    return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM task WHERE " + where).mapTo(Integer.class).one());
  }

  /** The relay pattern a real provider follows: intent, call, outcome; reconcile an unknown; poll. */
  private static Step relayStep(FakeUpstream upstream, Task task, TaskContext context) {
    ProviderHandle handle = context.handle();
    Instant next = context.clock().instant().plusSeconds(5);
    switch (handle.submitState()) {
      case NONE, NOT_SENT -> {
        context.recordIntent("upstream-a");
        try {
          String id = upstream.create(task.id());
          context.recordOutcome(new SubmitOutcome.Accepted(id));
        } catch (FakeUpstream.AnswerLost e) {
          context.recordOutcome(new SubmitOutcome.Unknown("timed out after sending"));
        }
        return Step.again(next, "submitted");
      }
      case INTENT, UNKNOWN -> {
        String id = upstream.findByExternalId(task.id());
        if (id == null) {
          context.recordOutcome(new SubmitOutcome.NotSent("the upstream never saw it"));
        } else {
          context.recordOutcome(new SubmitOutcome.Accepted(id));
        }
        return Step.again(next, "reconciled");
      }
      case ACCEPTED -> {
        return upstream.isDone(handle.upstreamId()) ? done() : Step.again(next, "polled");
      }
    }
    throw new AssertionError("unreachable");
  }

  /** An upstream that finishes a job on its second status query, and can lose the answer to a create. */
  static final class FakeUpstream {
    static final class AnswerLost extends RuntimeException {}

    final AtomicInteger creates = new AtomicInteger();
    final Map<String, String> byExternalId = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    volatile boolean dropNextAnswer;

    String create(String externalId) {
      creates.incrementAndGet();
      String id = "up-" + externalId.substring(0, 8);
      byExternalId.put(externalId, id);
      if (dropNextAnswer) {
        dropNextAnswer = false;
        throw new AnswerLost();
      }
      return id;
    }

    String findByExternalId(String externalId) {
      return byExternalId.get(externalId);
    }

    String idOf(String externalId) {
      return byExternalId.get(externalId);
    }

    boolean isDone(String id) {
      return queries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() >= 2;
    }
  }

  /** Runs each step on its own virtual thread, as production does, counting the threads alive. */
  static final class CountingThreads implements Executor {
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
      most.accumulateAndGet(alive.incrementAndGet(), Math::max);
      Thread.ofVirtual().start(() -> {
        try {
          command.run();
        } finally {
          alive.decrementAndGet();
        }
      });
    }

    int alive() {
      return alive.get();
    }

    int mostAliveAtOnce() {
      return most.get();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // never spin: the steps need the cores
    }
  }
}
