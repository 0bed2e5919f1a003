package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;

/** The sung words of one clip with their times, and a waveform of its audio (answered at once). */
public record TimestampedLyricsSpec(ClipRef source) implements TaskSpec {
  public TimestampedLyricsSpec {
    requireNonNull(source, "source is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.TIMESTAMPED_LYRICS;
  }
}
