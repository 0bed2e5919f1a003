package io.backbeat.core.queue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.billing.Settlement;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.moderation.OutputTexts;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.service.TaskService;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due steps with a lease and runs them. Slots are per provider: a provider's tasks are
 * claimed only while it has free slots, so CPU-bound local renders are capped near the core count
 * while a relay's tasks, parked between polls, hold neither a slot nor a thread. A step that asks
 * to run again later parks its task; waking it is not an attempt. A task that keeps failing ends
 * after {@code maxAttempts}. Expired leases are the {@link LeaseReaper}'s business.
 */
public final class Dispatcher implements TaskListener {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final TaskService taskService;
  private final Transactor transactor;
  private final Map<String, Provider> providers;
  private final AssetStore assets;
  private final InstantSource clock;
  private final DispatcherConfig config;
  private final String owner;
  private final Executor executor;
  private final Map<String, Run> active = new ConcurrentHashMap<>();
  private final List<Runnable> onSlotFreed = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Runs each step on a platform thread of its own. Not a virtual thread: local renders are CPU
   * work that never blocks, and a virtual thread holds its carrier until it blocks, so a render on
   * each of a 2-core machine's two carriers left every HTTP request (virtual threads too) waiting
   * for a carrier until a render ended. The operating system time-slices platform threads.
   */
  public Dispatcher(
      TaskService taskService,
      Transactor transactor,
      List<Provider> providers,
      AssetStore assets,
      InstantSource clock,
      DispatcherConfig config,
      String owner) {
    this(taskService, transactor, providers, assets, clock, config, owner, Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("task-", 0).factory()));
  }

  /** @param executor runs each claimed step; tests pass {@code Runnable::run} to step in the calling thread */
  public Dispatcher(
      TaskService taskService,
      Transactor transactor,
      List<Provider> providers,
      AssetStore assets,
      InstantSource clock,
      DispatcherConfig config,
      String owner,
      Executor executor) {
    this.taskService = requireNonNull(taskService, "taskService is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    Map<String, Provider> byName = new LinkedHashMap<>();
    for (Provider provider : providers) {
      if (byName.put(provider.name(), provider) != null) {
        throw new IllegalArgumentException("two providers are named " + provider.name());
      }
    }
    this.providers = Map.copyOf(byName);
    this.assets = requireNonNull(assets, "assets is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
    this.owner = requireNonNull(owner, "owner is null");
    this.executor = requireNonNull(executor, "executor is null");
  }

  /**
   * Called each time a run has left its slot (wakes the dispatch loop). The terminal event of a run
   * is published before its slot is free, so a claim woken by that event alone can still find every
   * slot taken and sleep its full idle time with tasks queued (5 s gaps in the lifecycle benchmark).
   */
  public void onSlotFreed(Runnable hook) {
    onSlotFreed.add(requireNonNull(hook, "hook is null"));
  }

  /** Claims what is due for every provider with free slots and starts it; returns how long the loop may sleep. */
  public Duration runOnce() {
    Instant now = clock.instant();
    boolean moreMayBeDue = false;
    List<String> withRoom = new ArrayList<>();
    for (Provider provider : providers.values()) {
      int free = slots(provider) - activeCount(provider.name());
      if (free <= 0) {
        continue;
      }
      List<Task> claimed = claim(provider.name(), now, free);
      claimed.forEach(this::start);
      if (claimed.size() == free) {
        moreMayBeDue = true;
      } else {
        withRoom.add(provider.name());
      }
    }
    if (moreMayBeDue) {
      return Duration.ZERO;
    }
    // sleep until the next step of a provider with room falls due (a retry, a poll), or a wake()
    // a read: it only decides how long to sleep, and a wake-up per create must not queue for the write lock
    Optional<Instant> next = withRoom.isEmpty() ? Optional.empty() : transactor.read(tx -> tx.tasks().nextDueAt(withRoom));
    Duration untilNext = next.map(at -> Duration.between(now, at)).orElse(config.lease());
    return untilNext.isNegative() ? Duration.ZERO : untilNext;
  }

  /** Parked tasks whose next step is due first (they are in flight), then queued ones. */
  private List<Task> claim(String provider, Instant now, int free) {
    Instant leaseUntil = now.plus(config.lease());
    List<TaskEvent> started = new ArrayList<>();
    List<Task> claimed =
        transactor.inTransaction(
            tx -> {
              List<Task> tasks = new ArrayList<>(tx.tasks().claimWakeUps(owner, provider, now, leaseUntil, free));
              List<Task> fresh = tx.tasks().claimDue(owner, provider, now, leaseUntil, free - tasks.size());
              // a start from the queue is a state change (queued → running): it goes in the timeline
              for (Task task : fresh) {
                String reason = task.attempts() > 1 ? "claimed again (attempt " + task.attempts() + ")" : "claimed";
                started.add(tx.events().append(new TaskEvent(0, task.id(), task.accountId(), task.status(), task.stage(), reason, now)));
              }
              tasks.addAll(fresh);
              return tasks;
            });
    started.forEach(taskService::publish);
    return claimed;
  }

  private int slots(Provider provider) {
    return config.slots().getOrDefault(provider.name(), provider.defaultSlots());
  }

  /** Renews the leases of every running step; marks runs abandoned whose task was taken away. */
  public Duration renewLeases() {
    Instant until = clock.instant().plus(config.lease());
    for (Run run : active.values()) {
      boolean held = transactor.inTransaction(tx -> tx.tasks().renewLease(owner, run.task.id(), until));
      if (!held) {
        LOG.debug("Lease of task {} is no longer ours (canceled or rescued); its run will stop", run.task.id());
        run.abandoned = true;
      }
    }
    return config.lease().dividedBy(3);
  }

  /**
   * On a graceful stop: tells every run to stop and hands its task back to the queue, due now, so
   * another node (or this one after a restart) resumes it at once instead of after the lease.
   */
  public void releaseAll() {
    Instant now = clock.instant();
    for (Run run : active.values()) {
      run.abandoned = true;
      if (!run.finished) {
        taskService.advance(Transition.retryLater(run.task.id(), owner, now, "node shut down"));
      }
    }
  }

  /** Number of steps running on this node now. */
  public int activeCount() {
    return active.size();
  }

  /** Number of {@code provider}'s steps running on this node now. */
  public int activeCount(String provider) {
    int n = 0;
    for (Run run : active.values()) {
      if (run.task.provider().equals(provider)) {
        n++;
      }
    }
    return n;
  }

  /** A terminal event for a task this node runs (a cancel, say) tells its run to stop. */
  @Override
  public void onEvent(TaskEvent event) {
    if (event.status().isTerminal()) {
      Run run = active.get(event.taskId());
      if (run != null && !run.finished) {
        run.abandoned = true;
      }
    }
  }

  private void start(Task task) {
    if (task.attempts() > config.maxAttempts()) {
      taskService.advance(
          new Transition.Failed(
              task.id(), null, FailureCode.TIMEOUT, "gave up after " + config.maxAttempts() + " attempts", "rescued: too many attempts",
              LeaseReaper.settlementOf(task)));
      return;
    }
    Run run = new Run(task);
    active.put(task.id(), run);
    try {
      executor.execute(() -> execute(run));
    } catch (RuntimeException e) {
      active.remove(task.id());
      throw e;
    }
  }

  private void execute(Run run) {
    Task task = run.task;
    Provider provider = providers.get(task.provider());
    try {
      if (provider == null) {
        run.fail(FailureCode.INTERNAL, "provider '" + task.provider() + "' is not configured on this node");
        return;
      }
      if (task.attempts() > 1 && !task.isParked()) {
        LOG.info("Task {} resumed (attempt {})", task.id(), task.attempts());
      }
      apply(run, provider.step(task, run));
    } catch (TaskFailedException e) {
      run.fail(e.code(), e.getMessage());
    } catch (UnsupportedOperationException e) {
      // a capability the provider does not have: no retry can change that
      LOG.error("Task {}: provider {} cannot run it", task.id(), task.provider(), e);
      run.fail(FailureCode.INTERNAL, "this task cannot be run by provider " + task.provider());
    } catch (Throwable e) {
      if (run.abandoned || run.finished) {
        LOG.debug("Task {} run ended with {} after being abandoned", task.id(), e.toString());
      } else if (task.attempts() < config.maxAttempts()) {
        Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(Math.max(task.attempts() - 1, 0), 10));
        LOG.warn("Task {} attempt {} failed; retrying in {}", task.id(), task.attempts(), delay, e);
        taskService.advance(Transition.retryLater(task.id(), owner, clock.instant().plus(delay), e.toString()));
      } else {
        LOG.error("Task {} failed after {} attempts", task.id(), task.attempts(), e);
        run.fail(FailureCode.GENERATION_FAILED, "generation failed after " + task.attempts() + " attempts", run.settlementIfGivenUp());
      }
    } finally {
      active.remove(task.id());
      slotFreed();
    }
  }

  private void slotFreed() {
    for (Runnable hook : onSlotFreed) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("Slot hook {} threw; ignored", hook, e);
      }
    }
  }

  private void apply(Run run, Step step) {
    switch (step) {
      case null -> run.fail(FailureCode.INTERNAL, "the provider returned no step outcome");
      case Step.Succeed s -> run.succeed(s.result());
      case Step.Fail f -> run.fail(f.code(), f.message(), f.settlement());
      case Step.Again again -> run.park(again);
      case Step.Abandoned a -> {
        if (!run.abandoned && !run.finished) {
          run.fail(FailureCode.INTERNAL, "the provider stopped a run that was still its own");
        }
      }
    }
  }

  /** One step of one task: the {@link TaskContext} its provider reports through. */
  private final class Run implements TaskContext {
    private final Task task;
    private volatile Stage stage;
    private volatile ProviderHandle handle;
    private volatile boolean abandoned;
    private volatile boolean finished;

    Run(Task task) {
      this.task = task;
      this.stage = task.stage();
      this.handle = task.handle();
    }

    @Override
    public AssetStore assets() {
      return assets;
    }

    @Override
    public InstantSource clock() {
      return clock;
    }

    @Override
    public ProviderHandle handle() {
      return handle;
    }

    @Override
    public boolean saveHandle(ProviderHandle next) {
      requireNonNull(next, "handle is null");
      if (abandoned || finished) {
        return false;
      }
      boolean saved = transactor.inTransaction(tx -> tx.tasks().saveHandle(owner, task.id(), next, clock.instant()));
      if (saved) {
        handle = next;
      } else {
        abandoned = true;
      }
      return saved;
    }

    @Override
    public boolean reachStage(Stage next, ObjectNode result) {
      if (abandoned || finished) {
        return false;
      }
      if (blocked(result)) {
        return false;
      }
      if (next.ordinal() <= stage.ordinal()) {
        return true; // already there (a resumed run repeats its early stages)
      }
      boolean ok = taskService.advance(Transition.stageReached(task.id(), owner, stage, next, result));
      if (ok) {
        stage = next;
      } else {
        abandoned = true;
      }
      return ok;
    }

    @Override
    public boolean isAbandoned() {
      return abandoned;
    }

    /** Giving up on a task whose upstream has (or may have) the job keeps the hold: it may bill it. */
    Settlement settlementIfGivenUp() {
      return handle.submitState().upstreamMayHaveIt() ? Settlement.CHARGE : Settlement.REFUND;
    }

    void succeed(ObjectNode result) {
      if (abandoned || finished || blocked(result)) {
        return;
      }
      finished = taskService.advance(Transition.succeeded(task.id(), owner, result));
      abandoned = !finished;
    }

    void fail(FailureCode code, String message) {
      fail(code, message, Settlement.REFUND);
    }

    void fail(FailureCode code, String message, Settlement settlement) {
      if (abandoned || finished) {
        return;
      }
      finished = taskService.advance(Transition.failedByWorker(task.id(), owner, code, message, settlement));
      abandoned = !finished;
    }

    void park(Step.Again again) {
      if (abandoned || finished) {
        return;
      }
      // parked is not finished: the task is still running, only without a worker until `at`
      abandoned = !taskService.advance(Transition.parked(task.id(), owner, again.at(), again.why()));
    }

    /** Outputs pass the content policy before anyone sees them; a violation fails the task (and refunds). */
    private boolean blocked(ObjectNode result) {
      Optional<ContentPolicy.Violation> violation = taskService.contentPolicy().check(OutputTexts.of(result));
      if (violation.isEmpty()) {
        return false;
      }
      LOG.info("Task {} output blocked by the content policy ({})", task.id(), violation.get().field());
      fail(FailureCode.SENSITIVE_CONTENT, "the generated " + violation.get().field() + " was blocked by the content policy");
      return true;
    }
  }
}
