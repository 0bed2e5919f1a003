package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a reusable voice identity taken from one clip's vocal (answered at once).
 *
 * @param vocalStartSeconds start of the analysed window, or null for the default
 * @param vocalEndSeconds end of the analysed window, or null for the default
 */
public record PersonaSpec(
    ClipRef source, String name, String description, Double vocalStartSeconds, Double vocalEndSeconds, String style)
    implements TaskSpec {
  public PersonaSpec {
    requireNonNull(source, "source is null");
    Checks.required(name, "name");
    Checks.nonNegativeOrNull(vocalStartSeconds, "vocalStartSeconds");
    Checks.nonNegativeOrNull(vocalEndSeconds, "vocalEndSeconds");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.PERSONA;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("name", name).add("description", description).add("style", style).build();
  }

  /** One persona per clip. */
  @Override
  public Optional<OutputClaim> outputClaim() {
    return Optional.of(new OutputClaim(kind(), source.taskId(), source.clipId()));
  }
}
