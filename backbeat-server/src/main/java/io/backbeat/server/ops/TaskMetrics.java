package io.backbeat.server.ops;

import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts task state changes by status and stage for {@code /metrics}. */
public final class TaskMetrics implements TaskListener {
  private final MeterRegistry registry;

  public TaskMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(TaskEvent event) {
    registry.counter("backbeat_task_events", "status", event.status().dbValue(), "stage", event.stage().dbValue()).increment();
  }
}
