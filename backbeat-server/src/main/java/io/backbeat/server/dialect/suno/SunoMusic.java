package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.webhook.Callback;
import io.backbeat.server.http.Json;
import java.time.Instant;
import java.util.List;

/**
 * Music tasks: {@code GET /suno/query/task} (contract-music.md §2.17, §3.1) and the staged callbacks
 * text → first → complete, or error (§4.2). Reads the canonical song result:
 * {@code {"title","tags","lyrics","clips":[{"id","title","tags","prompt","duration","audio","image",…}]}}
 * where {@code audio}/{@code image} are asset keys, present once the clip is rendered.
 */
final class SunoMusic {
  static final String FAMILY = "suno.music";

  private final SunoDialect dialect;

  SunoMusic(SunoDialect dialect) {
    this.dialect = dialect;
  }

  ObjectNode answer(Task task) {
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    // the track an extension continues (§2.17); empty for every other kind
    data.put("parentMusicId", task.spec() instanceof io.backbeat.core.task.spec.ExtendSpec extend ? extend.source().clipId() : "");
    data.put("param", dialect.param(task));
    ObjectNode response = data.putObject("response");
    response.put("taskId", task.id());
    response.set("sunoData", items(task, false));
    data.put("status", status(task));
    String operation = operationType(task);
    data.put("type", operation.toUpperCase(java.util.Locale.ROOT));
    data.put("operationType", operation);
    dialect.putError(data, task);
    data.put("createTime", SunoTime.format(task.createdAt()));
    return data;
  }

  List<Callback> callbacks(Task task, Transition transition) {
    String type;
    String msg;
    if (task.status() == TaskStatus.SUCCEEDED) {
      type = "complete";
      msg = "All generated successfully.";
    } else if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED) {
      ObjectNode root = Json.object();
      boolean canceled = task.status() == TaskStatus.CANCELED;
      root.put("code", canceled ? 400 : SunoErrors.failureCode(FailureCode.valueOf(task.errorCode())));
      root.put("msg", canceled ? "Task canceled" : "Audio generation failed: " + task.errorMessage());
      ObjectNode data = root.putObject("data");
      data.put("callbackType", "error").put("task_id", task.id());
      data.putNull("data");
      return List.of(new Callback("error", Json.write(root)));
    } else if (transition instanceof Transition.StageReached reached && reached.to() == Stage.TEXT) {
      type = "text";
      msg = "Text generation completed successfully.";
    } else if (transition instanceof Transition.StageReached reached && reached.to() == Stage.FIRST) {
      type = "first";
      msg = "First track generated successfully.";
    } else {
      return List.of();
    }
    ObjectNode root = Json.object().put("code", 200).put("msg", msg);
    ObjectNode data = root.putObject("data");
    data.put("callbackType", type).put("task_id", task.id());
    data.set("data", items(task, true));
    return List.of(new Callback(type, Json.write(root)));
  }

  /** One item per planned clip; URLs stay empty until that clip is rendered. */
  private ArrayNode items(Task task, boolean snakeCase) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    if (task.result() == null || task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED) {
      return items;
    }
    String modelName = SunoModel.modelNameOf(task.spec().model());
    for (JsonNode clip : task.result().path("clips")) {
      String audio = url(clip.path("audio"));
      String image = url(clip.path("image"));
      ObjectNode item = items.addObject();
      item.put("id", clip.path("id").asText());
      if (snakeCase) {
        item.put("audio_url", audio).put("source_audio_url", audio);
        item.put("stream_audio_url", audio).put("source_stream_audio_url", audio);
        item.put("image_url", image).put("source_image_url", image);
        item.put("prompt", clip.path("prompt").asText());
        item.put("model_name", modelName);
      } else {
        item.put("audioUrl", audio).put("streamAudioUrl", audio).put("imageUrl", image);
        item.put("prompt", clip.path("prompt").asText());
        item.put("modelName", modelName);
      }
      item.put("title", clip.path("title").asText());
      item.put("tags", clip.path("tags").asText());
      item.put("createTime", SunoTime.format(createdAt(clip, task)));
      if (clip.hasNonNull("duration")) {
        item.put("duration", clip.path("duration").asDouble());
      } else {
        item.putNull("duration");
      }
    }
    return items;
  }

  private String url(JsonNode assetKey) {
    return assetKey.isTextual() ? dialect.assetUrls().url(assetKey.asText()) : "";
  }

  private static Instant createdAt(JsonNode clip, Task task) {
    return clip.hasNonNull("createdAt") ? Instant.ofEpochMilli(clip.path("createdAt").asLong()) : task.createdAt();
  }

  /**
   * What made the task (§2.17): {@code generate}, {@code extend}, {@code upload_cover}, {@code
   * upload_extend}, and for the routes upstream lists no word for, the route's own name.
   */
  static String operationType(Task task) {
    return switch (task.kind()) {
      case EXTEND -> "extend";
      case UPLOAD_COVER -> "upload_cover";
      case UPLOAD_EXTEND -> "upload_extend";
      case ADD_VOCALS -> "add_vocals";
      case ADD_INSTRUMENTAL -> "add_instrumental";
      case REPLACE_SECTION -> "replace_section";
      default -> "generate";
    };
  }

  private static String status(Task task) {
    return switch (task.status()) {
      case QUEUED -> "PENDING";
      case RUNNING ->
          switch (task.stage()) {
            case NONE -> "PENDING";
            case TEXT -> "TEXT_SUCCESS";
            case FIRST, COMPLETE -> "FIRST_SUCCESS";
          };
      case SUCCEEDED -> "SUCCESS";
      case CANCELED -> "GENERATE_AUDIO_FAILED";
      case FAILED ->
          FailureCode.SENSITIVE_CONTENT.name().equals(task.errorCode()) ? "SENSITIVE_WORD_ERROR" : "GENERATE_AUDIO_FAILED";
    };
  }
}
