package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One finished clip of a music task, as its job wrote it: {@code {"id","title","tags","duration",
 * "audio","image","words","stems":{part:key},"uploadStem"?}} with asset keys. The route checked the
 * source at create; it is checked again here because a task may run long after (retention purges).
 */
public record SourceClip(Task task, JsonNode clip) {

  /** The clip {@code ref} of a finished task of {@code owner}'s account, or a failure saying what is missing. */
  public static SourceClip resolve(SourceTasks sources, Task owner, ClipRef ref) throws TaskFailedException {
    Task source = finishedSource(sources, owner, ref.taskId());
    for (JsonNode clip : source.result().path("clips")) {
      if (ref.clipId().equals(clip.path("id").asText()) && clip.path("audio").isTextual()) {
        return new SourceClip(source, clip);
      }
    }
    throw new TaskFailedException(FailureCode.INVALID_INPUT, "task " + ref.taskId() + " has no finished track " + ref.clipId());
  }

  /** The finished music task {@code taskId} of {@code owner}'s account. */
  public static Task finishedSource(SourceTasks sources, Task owner, String taskId) throws TaskFailedException {
    Optional<Task> found = sources.find(taskId).filter(t -> t.accountId().equals(owner.accountId()));
    if (found.isEmpty()) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "source task " + taskId + " no longer exists");
    }
    Task source = found.get();
    if (source.status() != TaskStatus.SUCCEEDED || source.result() == null || !source.result().path("clips").isArray()) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "source task " + taskId + " has no finished music (or it was purged)");
    }
    return source;
  }

  public String id() {
    return clip.path("id").asText();
  }

  public String audioKey() {
    return clip.path("audio").asText();
  }

  public String title() {
    String title = clip.path("title").asText("");
    return title.isBlank() ? task.result().path("title").asText("") : title;
  }

  public String tags() {
    String tags = clip.path("tags").asText("");
    return tags.isBlank() ? task.result().path("tags").asText("") : tags;
  }

  public double durationSeconds() {
    return clip.path("duration").asDouble(0);
  }

  /** Asset key of the clip's cover image, or empty. */
  public Optional<String> imageKey() {
    return clip.path("image").isTextual() ? Optional.of(clip.path("image").asText()) : Optional.empty();
  }

  /** Asset key of the clip's word timings ({@code [{"word","startS","endS"}]}), or empty. */
  public Optional<String> wordsKey() {
    return clip.path("words").isTextual() ? Optional.of(clip.path("words").asText()) : Optional.empty();
  }

  /** Part name → asset key of the kept per-part stems (44.1 kHz 16-bit stereo WAVs at their mix level). */
  public Map<String, String> stemKeys() {
    Map<String, String> stems = new LinkedHashMap<>();
    clip.path("stems").fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        stems.put(e.getKey(), e.getValue().asText());
      }
    });
    return stems;
  }

  /** The stem that is an uploaded recording (not rendered by us), or null. */
  public String uploadStem() {
    return clip.path("uploadStem").isTextual() ? clip.path("uploadStem").asText() : null;
  }

  /** Copies asset {@code key} into {@code file}, streamed. */
  public static Path copy(AssetStore assets, String key, Path file) throws IOException {
    try (InputStream in = assets.open(key, 0)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
