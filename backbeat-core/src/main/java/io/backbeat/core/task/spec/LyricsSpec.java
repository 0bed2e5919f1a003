package io.backbeat.core.task.spec;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/** Lyrics written from an idea (several titled, sectioned variants). */
public record LyricsSpec(String prompt, String callbackUrl) implements TaskSpec {
  public LyricsSpec {
    Checks.required(prompt, "prompt");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.LYRICS;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("prompt", prompt).build();
  }
}
