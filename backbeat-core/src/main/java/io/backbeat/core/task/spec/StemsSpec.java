package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;

/** Separated parts of one clip: vocal and instrumental, or every stem. */
public record StemsSpec(ClipRef source, Separation separation, String callbackUrl) implements TaskSpec {
  public enum Separation {
    /** The vocal and everything else. */
    VOCAL_AND_INSTRUMENTAL,
    /** Vocals, backing vocals, drums, bass, guitar, keyboard, strings, brass, woodwinds, percussion, synth, fx. */
    ALL_STEMS
  }

  public StemsSpec {
    requireNonNull(source, "source is null");
    requireNonNull(separation, "separation is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.STEMS;
  }
}
