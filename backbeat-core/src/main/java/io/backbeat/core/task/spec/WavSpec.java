package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/** A PCM WAV of one clip. */
public record WavSpec(ClipRef source, String callbackUrl) implements TaskSpec {
  public WavSpec {
    requireNonNull(source, "source is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.WAV;
  }

  @Override
  public String model() {
    return null;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Map.of();
  }
}
