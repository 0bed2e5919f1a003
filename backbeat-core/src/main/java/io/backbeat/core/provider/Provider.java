package io.backbeat.core.provider;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import java.util.Set;

/**
 * Does the work of a task: the local studio engine, or an upstream relay. Runs are at-least-once (a
 * crash re-runs a task), so a provider must be idempotent per task: deterministic asset keys,
 * upstream submits recorded before and after the call.
 */
public interface Provider {

  /** Stable name, stored in {@code task.provider}. */
  String name();

  /** The kinds this provider can run; routing checks this before a task is inserted. */
  Set<TaskKind> kinds();

  /**
   * Runs (or resumes) the task, reporting progress through {@code context}. Returning normally
   * without calling {@code succeed} or {@code fail} is a bug and fails the task. A thrown
   * {@link TaskFailedException} fails the task for good; any other exception is retried.
   *
   * @throws UnsupportedOperationException if this provider does not support the task's kind
   */
  void run(Task task, TaskContext context) throws Exception;
}
