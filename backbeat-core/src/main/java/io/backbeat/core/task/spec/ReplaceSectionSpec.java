package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Re-composes the window [{@code startSeconds}, {@code endSeconds}) of one of our clips with new
 * words; everything outside the window stays as it was.
 */
public record ReplaceSectionSpec(
    String model, ClipRef source, double startSeconds, double endSeconds, Composition composition, String callbackUrl)
    implements TaskSpec {
  public ReplaceSectionSpec {
    requireNonNull(source, "source is null");
    requireNonNull(composition, "composition is null");
    if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
      throw new IllegalArgumentException("the window must satisfy 0 <= start < end, not " + startSeconds + ".." + endSeconds);
    }
  }

  @Override
  public TaskKind kind() {
    return TaskKind.REPLACE_SECTION;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return composition.texts();
  }
}
