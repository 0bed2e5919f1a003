package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * A new song (two clips).
 *
 * @param maxLengthSeconds the longest clip the model may produce
 */
public record SongSpec(String model, Composition composition, int maxLengthSeconds, String callbackUrl) implements TaskSpec {
  public SongSpec {
    Checks.required(model, "model");
    requireNonNull(composition, "composition is null");
    Checks.positive(maxLengthSeconds, "maxLengthSeconds");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.SONG;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition.texts();
  }
}
