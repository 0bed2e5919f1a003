package io.backbeat.providers.local;

import io.backbeat.core.task.Task;
import java.util.Optional;

/** Reads an earlier task (any account's: the dialect checked ownership at create) for jobs that work on one of our own clips. */
@FunctionalInterface
public interface SourceTasks {
  Optional<Task> find(String taskId);
}
