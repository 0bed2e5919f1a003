package io.backbeat.server.dialect.kling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.core.webhook.Callback;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.Json;
import java.util.List;
import java.util.Locale;

/**
 * Renders a task as Kling's query {@code data} (§5.2, §6–§8) and its callbacks (§5.3), from the
 * canonical results only: IMAGE {@code {"images":[key…],"width","height"}}, VIDEO
 * {@code {"video":key,"duration","width","height","fps","cover"}}; a relayed result may lack every
 * field but the asset keys (its upstream did not tell), and renders the same.
 */
final class KlingTasks {
  private final AssetUrls assetUrls;

  KlingTasks(AssetUrls assetUrls) {
    this.assetUrls = assetUrls;
  }

  /** {@code submitted → processing → succeed | failed}; a canceled task is {@code failed}. */
  static String status(Task task) {
    return switch (task.status()) {
      case QUEUED -> "submitted";
      case RUNNING -> "processing";
      case SUCCEEDED -> "succeed";
      case FAILED, CANCELED -> "failed";
    };
  }

  /** The create answer's {@code data}. */
  ObjectNode accepted(Task task, String externalTaskId) {
    ObjectNode data = Json.object();
    data.put("task_id", task.id());
    data.put("task_status", status(task));
    data.putObject("task_info").put("external_task_id", externalTaskId == null ? "" : externalTaskId);
    data.put("created_at", task.createdAt().toEpochMilli());
    data.put("updated_at", task.updatedAt().toEpochMilli());
    return data;
  }

  /** The query answer's {@code data}; also the callback body. */
  ObjectNode data(Task task, String externalTaskId) {
    ObjectNode data = Json.object();
    data.put("task_id", task.id());
    data.put("task_status", status(task));
    data.put("task_status_msg", statusMessage(task));
    data.putObject("task_info").put("external_task_id", externalTaskId == null ? "" : externalTaskId);
    data.set("task_result", result(task));
    data.putObject("watermark_info").put("enabled", watermark(task));
    data.put("created_at", task.createdAt().toEpochMilli());
    data.put("updated_at", task.updatedAt().toEpochMilli());
    return data;
  }

  /** One callback per visible status change: processing (a stage reached), succeed, failed. */
  List<Callback> callbacks(Task task, Transition transition) {
    boolean terminal = task.status().isTerminal();
    if (!terminal && !(transition instanceof Transition.StageReached)) {
      return List.of();
    }
    // rendered inside the transition's transaction: the reference comes from the stored request
    String external = task.originalPayload() == null ? null : task.originalPayload().path("external_task_id").asText(null);
    return List.of(new Callback("kling.task." + status(task), Json.write(data(task, external))));
  }

  private static String statusMessage(Task task) {
    if (task.status() == TaskStatus.FAILED) {
      return task.errorMessage() == null ? "generation failed" : task.errorMessage();
    }
    if (task.status() == TaskStatus.CANCELED) {
      return "task was canceled";
    }
    return "";
  }

  private ObjectNode result(Task task) {
    ObjectNode result = Json.object();
    boolean done = task.status() == TaskStatus.SUCCEEDED && task.result() != null;
    if (task.kind() == TaskKind.IMAGE) {
      ArrayNode images = Json.MAPPER.createArrayNode();
      if (done) {
        int index = 0;
        for (JsonNode key : task.result().path("images")) {
          images.addObject().put("index", index++).put("url", assetUrls.url(key.asText()));
        }
      }
      if (series(task)) {
        result.put("result_type", "series");
        result.set("series_images", images);
      } else {
        if (task.route().equals(KlingDialect.OMNI_IMAGE)) {
          result.put("result_type", "single");
        }
        result.set("images", images);
      }
    } else {
      ArrayNode videos = result.putArray("videos");
      if (done && task.result().hasNonNull("video")) {
        videos.addObject()
            .put("id", task.id())
            .put("url", assetUrls.url(task.result().path("video").asText()))
            .put("duration", seconds(duration(task)));
      }
    }
    return result;
  }

  /** The made video's length; a relayed result whose upstream did not tell it has the asked one. */
  private static double duration(Task task) {
    JsonNode made = task.result().path("duration");
    return made.isNumber() ? made.asDouble() : ((VideoSpec) task.spec()).durationSeconds();
  }

  private static boolean series(Task task) {
    return task.route().equals(KlingDialect.OMNI_IMAGE)
        && task.originalPayload() != null
        && "series".equals(task.originalPayload().path("result_type").asText());
  }

  private static boolean watermark(Task task) {
    return switch (task.spec()) {
      case ImageSpec image -> image.watermark();
      case VideoSpec video -> video.watermark();
      default -> false;
    };
  }

  /** Kling answers durations as strings of seconds with one decimal ({@code "5.0"}). */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }
}
