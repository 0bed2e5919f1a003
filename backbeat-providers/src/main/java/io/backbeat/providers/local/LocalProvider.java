package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.RescueDecision;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.Set;

/**
 * The built-in studio: runs tasks offline with the local engine, each in one step. Each kind has its
 * own job class; this class only routes. Every job is deterministic per task (its seed comes from
 * the task id), so a task rescued after a crash is simply rendered again and produces the same
 * outputs under the same asset keys.
 */
public final class LocalProvider implements Provider {
  public static final String NAME = "local";

  private final Map<TaskKind, LocalJob> jobs;
  private final int slots;

  /** @param slots renders at once on one node: rendering is CPU-bound, so about the core count */
  public LocalProvider(Map<TaskKind, LocalJob> jobs, int slots) {
    this.jobs = Map.copyOf(requireNonNull(jobs, "jobs is null"));
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1");
    }
    this.slots = slots;
  }

  public LocalProvider(Map<TaskKind, LocalJob> jobs) {
    this(jobs, Math.max(2, Runtime.getRuntime().availableProcessors()));
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
  public int defaultSlots() {
    return slots;
  }

  @Override
  public Step step(Task task, TaskContext context) throws Exception {
    LocalJob job = jobs.get(task.kind());
    if (job == null) {
      throw new UnsupportedOperationException("the local provider does not run " + task.kind() + " tasks");
    }
    return job.run(task, context);
  }

  /** Local renders are deterministic: running one again from the start is safe. */
  @Override
  public RescueDecision onLeaseLost(Task task) {
    return RescueDecision.resume();
  }

  /** The seed of a task's outputs: stable across re-runs of the same task. */
  public static long seedOf(Task task) {
    return Long.parseUnsignedLong(task.id().substring(0, 16), 16);
  }
}
