package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.account.Principal;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.service.TaskService;
import java.util.List;
import java.util.Set;

/**
 * The prerequisites of the Suno routes that work on one of the caller's clips (extend,
 * replace-section, timestamped lyrics, persona; contract-music.md §2.2, §2.7, §2.9, §2.12): the
 * source task exists and is the caller's (another account's is simply absent: 404), it is a music
 * task, it has finished, and the {@code audioId} is one of its tracks.
 */
final class SunoSources {
  /** The kinds whose results are tracks (sunoData) another route can work on. */
  static final Set<TaskKind> MUSIC =
      Set.of(TaskKind.SONG, TaskKind.EXTEND, TaskKind.UPLOAD_COVER, TaskKind.UPLOAD_EXTEND, TaskKind.ADD_VOCALS, TaskKind.ADD_INSTRUMENTAL,
          TaskKind.REPLACE_SECTION);
  /** How far back {@link #byAudioId} looks: the caller's newest tasks, in pages. */
  private static final int PAGE = 500;
  private static final int MAX_PAGES = 20;

  /** A finished music task of the caller's and one of its tracks ({@code clips[]} of its result). */
  record Source(Task task, JsonNode clip) {
    String audioId() {
      return clip.path("id").asText();
    }

    /** The track's length in seconds, or NaN when unknown. */
    double durationSeconds() {
      return clip.path("duration").isNumber() ? clip.path("duration").asDouble() : Double.NaN;
    }

    boolean sung() {
      return !clip.path("prompt").asText("").isBlank();
    }
  }

  private final TaskService tasks;

  SunoSources(TaskService tasks) {
    this.tasks = tasks;
  }

  /** {@code taskId} + {@code audioId}, as replace-section, timestamped lyrics and persona give them. */
  Source of(Principal caller, String taskId, String audioId) {
    Task task = tasks.find(caller.accountId(), taskId).orElseThrow(() -> BackbeatException.notFound("no music task with taskId '" + taskId + "'"));
    return finishedTrack(task, audioId);
  }

  /**
   * {@code audioId} alone, as extend gives it: the caller's task that has that track, among the
   * newest {@value #MAX_PAGES} × {@value #PAGE} tasks (track ids are per task, so no other account's
   * track is ever found).
   */
  Source byAudioId(Principal caller, String audioId) {
    TaskQuery.Cursor after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      List<Task> batch = tasks.list(new TaskQuery(caller.accountId(), Set.of(), null, null, null, after, PAGE));
      for (Task task : batch) {
        if (MUSIC.contains(task.kind()) && clip(task, audioId) != null) {
          return finishedTrack(task, audioId);
        }
      }
      if (batch.size() < PAGE) {
        break;
      }
      Task last = batch.get(batch.size() - 1);
      after = new TaskQuery.Cursor(last.createdAt(), last.id());
    }
    throw BackbeatException.notFound("no track with audioId '" + audioId + "' among your music tasks");
  }

  private static Source finishedTrack(Task task, String audioId) {
    if (!MUSIC.contains(task.kind())) {
      throw BackbeatException.invalid("task '" + task.id() + "' is not a music task (it is " + task.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (task.status() != TaskStatus.SUCCEEDED) {
      throw BackbeatException.invalid(
          "task '" + task.id() + "' has not finished successfully (it is " + task.status().dbValue() + "); use its tracks once its status is SUCCESS");
    }
    JsonNode clip = clip(task, audioId);
    if (clip == null) {
      throw BackbeatException.notFound("task '" + task.id() + "' has no track with audioId '" + audioId + "'");
    }
    return new Source(task, clip);
  }

  /** The track's entry in the task's result; before the task finished, any planned track with that id. */
  private static JsonNode clip(Task task, String audioId) {
    if (task.result() == null) {
      return null;
    }
    for (JsonNode clip : task.result().path("clips")) {
      if (audioId.equals(clip.path("id").asText())) {
        return clip;
      }
    }
    return null;
  }
}
