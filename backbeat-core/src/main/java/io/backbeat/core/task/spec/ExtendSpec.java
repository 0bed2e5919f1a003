package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Continues one of our clips.
 *
 * @param continueAtSeconds where the continuation starts in the source, or null for its end
 * @param composition what the continuation sings and sounds like, or null to inherit the source's
 */
public record ExtendSpec(String model, ClipRef source, Double continueAtSeconds, Composition composition, String callbackUrl)
    implements TaskSpec {
  public ExtendSpec {
    Checks.required(model, "model");
    requireNonNull(source, "source is null");
    Checks.nonNegativeOrNull(continueAtSeconds, "continueAtSeconds");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.EXTEND;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition == null ? Map.of() : composition.texts();
  }
}
