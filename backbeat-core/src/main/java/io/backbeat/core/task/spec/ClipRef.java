package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

/** One clip of an earlier music task: the source of extend, WAV, stems, video, persona, … */
public record ClipRef(String taskId, String clipId) {
  public ClipRef {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(clipId, "clipId is null");
  }
}
