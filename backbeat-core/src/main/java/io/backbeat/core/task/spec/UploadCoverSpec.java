package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Re-arranges an uploaded recording in another style, keeping its tempo, key and form.
 *
 * @param sourceUrl where the recording is fetched from (through the egress guard)
 * @param maxSourceSeconds the longest recording the model accepts
 */
public record UploadCoverSpec(String model, String sourceUrl, int maxSourceSeconds, Composition composition, String callbackUrl)
    implements TaskSpec {
  public UploadCoverSpec {
    Checks.required(model, "model");
    Checks.required(sourceUrl, "sourceUrl");
    Checks.positive(maxSourceSeconds, "maxSourceSeconds");
    requireNonNull(composition, "composition is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.UPLOAD_COVER;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition.texts();
  }
}
