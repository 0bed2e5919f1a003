package io.backbeat.core.queue;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.billing.Settlement;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.RescueDecision;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.service.TaskService;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescues tasks whose worker stopped renewing its lease (the node died or hung): pages them by id
 * and hands each to its provider's {@link Provider#onLeaseLost decision} — resume, reconcile or
 * fail — never silently re-running it from the start. A task rescued too often fails with TIMEOUT,
 * so a task that crashes its node every time cannot loop forever.
 */
public final class LeaseReaper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);
  private static final int PAGE = 100;

  private final TaskService taskService;
  private final Transactor transactor;
  private final Map<String, Provider> providers;
  private final InstantSource clock;
  private final DispatcherConfig config;

  public LeaseReaper(
      TaskService taskService, Transactor transactor, List<Provider> providers, InstantSource clock, DispatcherConfig config) {
    this.taskService = requireNonNull(taskService, "taskService is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(Provider::name, Function.identity()));
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** Rescues every task whose lease has expired; returns how long the loop may sleep. */
  public Duration runOnce() {
    Instant now = clock.instant();
    String after = "";
    while (true) {
      String from = after;
      List<Task> expired = transactor.inTransaction(tx -> tx.tasks().expiredLeases(now, from, PAGE));
      for (Task task : expired) {
        rescue(task, now);
      }
      if (expired.size() < PAGE) {
        break;
      }
      after = expired.get(expired.size() - 1).id();
    }
    Optional<Instant> next = transactor.inTransaction(tx -> tx.tasks().nextLeaseExpiry());
    Duration untilNext = next.map(at -> Duration.between(now, at).plusMillis(1)).orElse(config.lease());
    return untilNext.isNegative() ? Duration.ZERO : untilNext;
  }

  private void rescue(Task task, Instant now) {
    RescueDecision decision = decide(task);
    Transition transition =
        switch (decision) {
          case RescueDecision.Resume r -> Transition.rescued(task.id(), task.leaseOwner(), false);
          case RescueDecision.Reconcile r -> Transition.rescued(task.id(), task.leaseOwner(), true);
          // only while the dead worker still holds it: a worker that came back and finished wins
          case RescueDecision.Fail f ->
              new Transition.Failed(task.id(), task.leaseOwner(), f.code(), f.message(), "rescued: " + f.message(), settlementOf(task));
        };
    if (taskService.advance(transition)) {
      LOG.warn("Task {}: lease of {} expired at {}; {}", task.id(), task.leaseOwner(), task.leaseUntil(), transition.reason());
    }
  }

  /** A task given up on keeps its hold when an upstream has (or may have) its job and bills it. */
  static Settlement settlementOf(Task task) {
    return task.handle().submitState().upstreamMayHaveIt() ? Settlement.CHARGE : Settlement.REFUND;
  }

  /** The provider decides, unless the task has used up its attempts or nobody here knows its provider. */
  RescueDecision decide(Task task) {
    if (task.attempts() >= config.maxAttempts()) {
      return RescueDecision.fail(FailureCode.TIMEOUT, "gave up after " + task.attempts() + " attempts (its worker stopped responding)");
    }
    Provider provider = providers.get(task.provider());
    if (provider == null) {
      return RescueDecision.resume(); // a node that has it will pick it up
    }
    try {
      return requireNonNull(provider.onLeaseLost(task), "onLeaseLost returned null");
    } catch (RuntimeException e) {
      LOG.error("Task {}: provider {} failed to decide its rescue; resuming", task.id(), task.provider(), e);
      return RescueDecision.resume();
    }
  }
}
