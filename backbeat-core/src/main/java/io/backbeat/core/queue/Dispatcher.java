package io.backbeat.core.queue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.moderation.PolicyTexts;
import io.backbeat.core.provider.Provider;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due tasks with a lease and runs them on virtual threads. Only as many tasks are claimed as
 * there are free slots. A task whose worker died is claimed again once its lease expires (also by
 * this node after a restart); a task that keeps failing ends after {@code maxAttempts}.
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
  private final Map<String, Run> active = new ConcurrentHashMap<>();

  public Dispatcher(
      TaskService taskService,
      Transactor transactor,
      List<Provider> providers,
      AssetStore assets,
      InstantSource clock,
      DispatcherConfig config,
      String owner) {
    this.taskService = requireNonNull(taskService, "taskService is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(Provider::name, Function.identity()));
    this.assets = requireNonNull(assets, "assets is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
    this.owner = requireNonNull(owner, "owner is null");
  }

  /** Claims what is due and starts it; returns how long the loop may sleep before looking again. */
  public Duration runOnce() {
    int free = config.maxWorkers() - active.size();
    if (free <= 0) {
      return Duration.ofSeconds(1);
    }
    Instant now = clock.instant();
    List<TaskEvent> started = new java.util.ArrayList<>();
    List<Task> claimed =
        transactor.inTransaction(
            tx -> {
              List<Task> tasks = tx.tasks().claimDue(owner, now, now.plus(config.lease()), free);
              // the claim is a state change too (queued → running): it goes in the timeline
              for (Task task : tasks) {
                String reason = task.attempts() > 1 ? "claimed again (attempt " + task.attempts() + ")" : "claimed";
                started.add(tx.events().append(new TaskEvent(0, task.id(), task.accountId(), task.status(), task.stage(), reason, now)));
              }
              return tasks;
            });
    started.forEach(taskService::publish);
    for (Task task : claimed) {
      start(task);
    }
    if (claimed.size() == free) {
      return Duration.ZERO;
    }
    // sleep until the next queued task is due (retries), the lease of a dead run expires, or a wake()
    Optional<Instant> next = transactor.inTransaction(tx -> tx.tasks().nextDueAt());
    Duration untilNext = next.map(at -> Duration.between(now, at)).orElse(config.lease());
    return untilNext.isNegative() ? Duration.ZERO : untilNext;
  }

  /** Renews the leases of every running task; marks runs abandoned whose task was taken away. */
  public Duration renewLeases() {
    Instant until = clock.instant().plus(config.lease());
    for (Run run : active.values()) {
      boolean held = transactor.inTransaction(tx -> tx.tasks().renewLease(owner, run.task.id(), until));
      if (!held) {
        LOG.debug("Lease of task {} is no longer ours (canceled or reclaimed); its run will stop", run.task.id());
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

  /** Number of tasks running on this node now. */
  public int activeCount() {
    return active.size();
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
          Transition.failed(
              task.id(), FailureCode.TIMEOUT, "gave up after " + config.maxAttempts() + " attempts", "rescued: too many attempts"));
      return;
    }
    Run run = new Run(task);
    active.put(task.id(), run);
    Thread.ofVirtual().name("task-" + task.id()).start(() -> execute(run));
  }

  private void execute(Run run) {
    Task task = run.task;
    Provider provider = providers.get(task.provider());
    try {
      if (provider == null) {
        run.fail(FailureCode.INTERNAL, "provider '" + task.provider() + "' is not configured on this node");
        return;
      }
      if (task.attempts() > 1) {
        LOG.info("Task {} resumed (attempt {})", task.id(), task.attempts());
      }
      provider.run(task, run);
      if (!run.finished && !run.abandoned) {
        run.fail(FailureCode.INTERNAL, "the provider returned without a result");
      }
    } catch (TaskFailedException e) {
      run.fail(e.code(), e.getMessage());
    } catch (Throwable e) {
      if (run.abandoned || run.finished) {
        LOG.debug("Task {} run ended with {} after being abandoned", task.id(), e.toString());
      } else if (task.attempts() < config.maxAttempts()) {
        Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(task.attempts() - 1, 10));
        LOG.warn("Task {} attempt {} failed; retrying in {}", task.id(), task.attempts(), delay, e);
        taskService.advance(Transition.retryLater(task.id(), owner, clock.instant().plus(delay), e.toString()));
      } else {
        LOG.error("Task {} failed after {} attempts", task.id(), task.attempts(), e);
        run.fail(FailureCode.GENERATION_FAILED, "generation failed after " + task.attempts() + " attempts");
      }
    } finally {
      active.remove(task.id());
    }
  }

  /** One run of one task: the {@link TaskContext} its provider reports through. */
  private final class Run implements TaskContext {
    private final Task task;
    private volatile Stage stage;
    private volatile boolean abandoned;
    private volatile boolean finished;

    Run(Task task) {
      this.task = task;
      this.stage = task.stage();
    }

    @Override
    public AssetStore assets() {
      return assets;
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
    public boolean succeed(ObjectNode result) {
      if (abandoned || finished) {
        return false;
      }
      if (blocked(result)) {
        return false;
      }
      finished = taskService.advance(Transition.succeeded(task.id(), owner, result));
      abandoned = !finished;
      return finished;
    }

    @Override
    public boolean fail(FailureCode code, String message) {
      if (abandoned || finished) {
        return false;
      }
      finished = taskService.advance(Transition.failedByWorker(task.id(), owner, code, message));
      abandoned = !finished;
      return finished;
    }

    @Override
    public boolean isAbandoned() {
      return abandoned;
    }

    /** Outputs pass the content policy before anyone sees them; a violation fails the task (and refunds). */
    private boolean blocked(ObjectNode result) {
      Optional<ContentPolicy.Violation> violation = taskService.contentPolicy().check(PolicyTexts.of(result));
      if (violation.isEmpty()) {
        return false;
      }
      LOG.info("Task {} output blocked by the content policy ({})", task.id(), violation.get().field());
      fail(FailureCode.SENSITIVE_CONTENT, "the generated " + violation.get().field() + " was blocked by the content policy");
      return true;
    }
  }
}
