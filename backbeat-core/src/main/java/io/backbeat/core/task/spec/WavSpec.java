package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Optional;

/** A PCM WAV of one clip. */
public record WavSpec(ClipRef source, String callbackUrl) implements TaskSpec {
  public WavSpec {
    requireNonNull(source, "source is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.WAV;
  }

  /** One WAV per clip. */
  @Override
  public Optional<OutputClaim> outputClaim() {
    return Optional.of(new OutputClaim(kind(), source.taskId(), source.clipId()));
  }
}
