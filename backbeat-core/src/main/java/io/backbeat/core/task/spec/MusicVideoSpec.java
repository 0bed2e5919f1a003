package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * A music video of one clip.
 *
 * @param author the artist name shown on the video, or null
 * @param watermark a text drawn at the bottom of every frame (e.g. a domain name), or null
 */
public record MusicVideoSpec(ClipRef source, String author, String watermark, String callbackUrl) implements TaskSpec {
  public MusicVideoSpec {
    requireNonNull(source, "source is null");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.MP4;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("author", author).add("watermark", watermark).build();
  }
}
