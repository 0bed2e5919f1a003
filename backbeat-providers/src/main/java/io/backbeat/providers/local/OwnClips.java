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

/**
 * One clip of an earlier music task of ours, as a job working on it needs it: the source task, the
 * clip's entry in its result ({@code clips[]}), and its files in the asset store. The dialect checked
 * at create that the source exists, is finished and is the caller's; a job checks again, because the
 * source may have been purged since.
 */
record OwnClips(Task task, JsonNode clip) {

  static OwnClips resolve(SourceTasks tasks, Task consumer, ClipRef ref) throws TaskFailedException {
    Task source =
        tasks.find(ref.taskId())
            .filter(t -> t.accountId().equals(consumer.accountId()))
            .orElseThrow(() -> new TaskFailedException(FailureCode.INVALID_INPUT, "the source task " + ref.taskId() + " no longer exists"));
    if (source.status() != TaskStatus.SUCCEEDED || source.result() == null) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "the source task " + source.id() + " has not succeeded or its results were purged");
    }
    for (JsonNode clip : source.result().path("clips")) {
      if (ref.clipId().equals(clip.path("id").asText())) {
        return new OwnClips(source, clip);
      }
    }
    throw new TaskFailedException(FailureCode.INVALID_INPUT, "task " + source.id() + " has no clip " + ref.clipId());
  }

  /** The asset key of one of the clip's files ({@code audio}, {@code words}, …), or fails the task when it is gone. */
  String assetKey(String field) throws TaskFailedException {
    JsonNode key = clip.path(field);
    if (!key.isTextual() || key.asText().isBlank()) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "clip " + clip.path("id").asText() + " has no " + field + " file");
    }
    return key.asText();
  }

  /** Copies one of the clip's files to {@code target} (streamed: sources may be 8 minutes long). */
  Path copy(AssetStore assets, String field, Path target) throws TaskFailedException, IOException {
    String key = assetKey(field);
    if (assets.find(key).isEmpty()) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "the source clip's " + field + " file was purged");
    }
    try (InputStream in = assets.open(key, 0)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** Copies one of the clip's stems to {@code target}. */
  Path copyStem(AssetStore assets, String stem, Path target) throws TaskFailedException, IOException {
    JsonNode key = clip.path("stems").path(stem);
    if (!key.isTextual() || assets.find(key.asText()).isEmpty()) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "the source clip's " + stem + " stem is gone");
    }
    try (InputStream in = assets.open(key.asText(), 0)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  String text(String field) {
    String value = clip.path(field).asText("");
    return value.isBlank() ? task.result().path(field).asText("") : value;
  }
}
