package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Builds an accompaniment for uploaded vocals, from their tempo and pitch centre.
 *
 * @param sourceUrl where the recording is fetched from (through the egress guard)
 * @param maxSourceSeconds the longest recording accepted
 */
public record AddInstrumentalSpec(String model, String sourceUrl, int maxSourceSeconds, Composition composition, String callbackUrl) implements TaskSpec {
  public AddInstrumentalSpec {
    Checks.required(model, "model");
    Checks.required(sourceUrl, "sourceUrl");
    Checks.positive(maxSourceSeconds, "maxSourceSeconds");
    requireNonNull(composition, "composition is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.ADD_INSTRUMENTAL;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition.texts();
  }
}
