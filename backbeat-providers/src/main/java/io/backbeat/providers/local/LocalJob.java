package io.backbeat.providers.local;

import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;

/** The local engine's work for one task kind. */
@FunctionalInterface
public interface LocalJob {
  void run(Task task, TaskContext context) throws Exception;
}
