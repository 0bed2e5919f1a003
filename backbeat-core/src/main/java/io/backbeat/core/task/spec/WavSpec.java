package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;

/** A PCM WAV of one clip. */
public record WavSpec(ClipRef source, String callbackUrl) implements TaskSpec {
  public WavSpec {
    requireNonNull(source, "source is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.WAV;
  }
}
