package io.backbeat.core.provider;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.TaskSpec;
import java.util.Set;

/**
 * Does the work of a task: the local studio engine, or an upstream relay. A run is a sequence of
 * {@link #step steps}; steps are at-least-once (a crash re-runs the current one), so a provider is
 * idempotent per step: deterministic asset keys, upstream submits recorded before and after the
 * call ({@link TaskContext#recordIntent}, {@link TaskContext#recordOutcome}).
 */
public interface Provider {

  /** Stable name, stored in {@code task.provider}. */
  String name();

  /** The kinds this provider can run; routing checks this before a task is inserted. */
  Set<TaskKind> kinds();

  /**
   * Whether this provider should run a new task of {@code spec}: the first provider in the
   * composition root's list that answers yes gets it. By default, any task of its kinds; a relay
   * also looks at the model, the channels configured for it, and where a source clip was made.
   */
  default boolean serves(TaskSpec spec) {
    return kinds().contains(spec.kind());
  }

  /**
   * How many steps of this provider may run at once on one node, unless configured otherwise:
   * CPU-bound local work near the core count, I/O-bound relays many more.
   */
  int defaultSlots();

  /**
   * Runs the next step of the task: everything, for local work; submit or poll, for a relay.
   * Intermediate stages go through {@link TaskContext#reachStage}. A thrown
   * {@link TaskFailedException} fails the task for good; any other exception is retried with
   * backoff until the attempts run out.
   *
   * @throws UnsupportedOperationException if this provider does not run the task's kind (the task
   *     fails at once: retrying cannot help)
   */
  Step step(Task task, TaskContext context) throws Exception;

  /** What to do with a task whose lease expired while this provider ran it. */
  default RescueDecision onLeaseLost(Task task) {
    return RescueDecision.resume();
  }
}
