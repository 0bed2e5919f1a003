package io.backbeat.core.task.spec;

import io.backbeat.core.task.TaskKind;
import java.util.Optional;

/** Cover-art images (two styles) for a finished music task. */
public record CoverArtSpec(String sourceTaskId, String callbackUrl) implements TaskSpec {
  public CoverArtSpec {
    Checks.required(sourceTaskId, "sourceTaskId");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.COVER_ART;
  }

  /** One cover set per music task. */
  @Override
  public Optional<OutputClaim> outputClaim() {
    return Optional.of(new OutputClaim(kind(), sourceTaskId, null));
  }
}
