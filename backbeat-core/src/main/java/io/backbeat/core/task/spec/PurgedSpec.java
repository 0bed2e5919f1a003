package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;

/** The spec of a finished task whose payloads retention has cleared: only its kind is left. */
public record PurgedSpec(TaskKind purgedKind) implements TaskSpec {
  public PurgedSpec {
    requireNonNull(purgedKind, "purgedKind is null");
  }

  @Override
  public TaskKind kind() {
    return purgedKind;
  }
}
