package io.backbeat.providers.local;

import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;

/** The local engine's work for one task kind: all of it in one step. */
@FunctionalInterface
public interface LocalJob {
  /**
   * Renders the task's outputs and returns the final step.
   *
   * @throws UnsupportedOperationException if the task's spec is not of the kind this job makes
   */
  Step run(Task task, TaskContext context) throws Exception;
}
