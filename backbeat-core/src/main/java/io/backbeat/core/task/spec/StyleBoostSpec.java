package io.backbeat.core.task.spec;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/** Expands a rough style hint ("pop, mysterious") into richer style text (answered at once). */
public record StyleBoostSpec(String hint) implements TaskSpec {
  public StyleBoostSpec {
    Checks.required(hint, "hint");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.STYLE;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("style", hint).build();
  }
}
