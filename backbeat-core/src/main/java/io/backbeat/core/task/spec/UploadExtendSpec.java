package io.backbeat.core.task.spec;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Appends a continuation to an uploaded recording, in its tempo and key.
 *
 * @param continueAtSeconds where the continuation starts, or null for the recording's end
 * @param composition what the continuation sings and sounds like, or null to follow the recording
 */
public record UploadExtendSpec(
    String model, String sourceUrl, int maxSourceSeconds, Double continueAtSeconds, Composition composition, String callbackUrl)
    implements TaskSpec {
  public UploadExtendSpec {
    Checks.required(model, "model");
    Checks.required(sourceUrl, "sourceUrl");
    Checks.positive(maxSourceSeconds, "maxSourceSeconds");
    Checks.nonNegativeOrNull(continueAtSeconds, "continueAtSeconds");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.UPLOAD_EXTEND;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition == null ? Map.of() : composition.texts();
  }
}
