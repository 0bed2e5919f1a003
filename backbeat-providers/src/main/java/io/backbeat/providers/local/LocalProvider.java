package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.Set;

/**
 * The built-in studio: runs tasks offline with the local engine. Each kind has its own job class;
 * this class only routes. Every job is deterministic per task (its seed comes from the task id), so
 * a task re-run after a crash produces the same outputs under the same asset keys.
 */
public final class LocalProvider implements Provider {
  public static final String NAME = "local";

  private final Map<TaskKind, LocalJob> jobs;

  public LocalProvider(Map<TaskKind, LocalJob> jobs) {
    this.jobs = Map.copyOf(requireNonNull(jobs, "jobs is null"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<TaskKind> kinds() {
    return jobs.keySet();
  }

  @Override
  public void run(Task task, TaskContext context) throws Exception {
    LocalJob job = jobs.get(task.kind());
    if (job == null) {
      throw new UnsupportedOperationException("the local provider does not run " + task.kind() + " tasks");
    }
    job.run(task, context);
  }

  /** The seed of a task's outputs: stable across re-runs of the same task. */
  public static long seedOf(Task task) {
    return Long.parseUnsignedLong(task.id().substring(0, 16), 16);
  }
}
