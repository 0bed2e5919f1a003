package io.backbeat.server.dialect.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Principal;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.FinishedAnswers;
import io.backbeat.server.http.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The task management routes (contract-media.md §3): {@code GET /tasks/{task_id}} in every state's
 * shape, always HTTP 200 ({@code UNKNOWN} for ids that do not exist, are another account's, another
 * dialect's or purged); the batch list {@code GET /tasks}; {@code POST /tasks/{task_id}/cancel} for
 * PENDING tasks.
 */
final class DashScopeTasks {
  static final int PAGE_SIZE_MAX = 100;
  /** How many tasks a list looks through in its (at most 24 h) window. */
  static final int LIST_SCAN_MAX = 5000;
  static final String CANCEL_REFUSED = "Failed to cancel the task, please confirm if the task is in PENDING status.";

  private final DashScopeDialect dialect;

  private final FinishedAnswers finished = new FinishedAnswers();

  DashScopeTasks(DashScopeDialect dialect) {
    this.dialect = dialect;
  }

  void query(Context ctx) {
    String taskId = ctx.pathParam("task_id").strip();
    Principal principal = Auth.principal(ctx);
    dialect.creation().checkPoll(principal, taskId);
    String requestId = DashScopeDialect.requestId();
    // only answers of tasks that passed find()'s filters are remembered, so a hit needs no filtering
    Optional<TaskVersion> version = dialect.tasks().findVersion(principal.accountId(), taskId);
    byte[] rest = version.map(finished::find).orElse(null);
    if (rest == null) {
      // read after the version: the answer is never older than the version it is filed under
      Optional<Task> found = find(principal, taskId);
      ObjectNode body = Json.object();
      if (found.isEmpty()) {
        body.putObject("output").put("task_id", taskId).put("task_status", "UNKNOWN");
      } else {
        render(found.get(), body);
      }
      rest = Json.write(body).getBytes(StandardCharsets.UTF_8);
      if (found.isPresent() && version.isPresent()) {
        finished.remember(version.get(), rest);
      }
    }
    ctx.status(200).contentType("application/json").result(withRequestId(requestId, rest));
  }

  /**
   * {@code {"request_id": …}} followed by the fields of {@code rest} (a rendered object): the request
   * id is new on every answer, the rest of a finished task's answer is not.
   */
  static byte[] withRequestId(String requestId, byte[] rest) {
    byte[] head = ("{\"request_id\":" + Json.write(requestId) + (rest.length > 2 ? "," : "")).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + rest.length - 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(rest, 1, out, head.length, rest.length - 1);
    return out;
  }

  /** The caller's DashScope task, or empty: other accounts' and dialects' tasks do not exist here. */
  private Optional<Task> find(Principal principal, String taskId) {
    return dialect.tasks()
        .find(principal.accountId(), taskId)
        .filter(task -> task.dialect().equals(DashScopeDialect.NAME))
        .filter(task -> task.spec() instanceof ImageSpec || task.spec() instanceof VideoSpec);
  }

  private void render(Task task, ObjectNode body) {
    ObjectNode output = body.putObject("output");
    output.put("task_id", task.id());
    output.put("task_status", status(task.status()));
    output.put("submit_time", DashScopeTime.format(task.createdAt()));
    scheduledAt(task).ifPresent(at -> output.put("scheduled_time", DashScopeTime.format(at)));
    if (task.status().isTerminal() && task.finishedAt() != null) {
      output.put("end_time", DashScopeTime.format(task.finishedAt()));
    }
    if (task.status() == TaskStatus.FAILED) {
      DashScopeErrors.Code code = DashScopeErrors.ofFailure(task.errorCode());
      output.put("code", code.code());
      output.put("message", task.errorMessage() == null ? "the task failed" : task.errorMessage());
    }
    if (task.status() != TaskStatus.SUCCEEDED || task.result() == null) {
      return;
    }
    switch (task.spec()) {
      case VideoSpec spec -> {
        output.put("video_url", dialect.assetUrls().url(task.result().path("video").asText()));
        if (spec.prompt() != null) {
          output.put("orig_prompt", spec.prompt());
        }
        body.set("usage", videoUsage(task, spec));
      }
      case ImageSpec spec -> {
        ArrayNode results = output.putArray("results");
        List<String> urls = dialect.images().urls(task);
        urls.forEach(url -> results.addObject().put("url", url));
        output.putObject("task_metrics").put("TOTAL", urls.size()).put("SUCCEEDED", urls.size()).put("FAILED", 0);
        body.putObject("usage").put("image_count", urls.size());
      }
      default -> {}
    }
  }

  private static ObjectNode videoUsage(Task task, VideoSpec spec) {
    JsonNode result = task.result();
    int width = result.path("width").asInt(spec.width());
    int height = result.path("height").asInt(spec.height());
    int seconds = (int) Math.round(result.path("duration").asDouble(spec.durationSeconds()));
    ObjectNode usage = Json.object();
    boolean newUsage = DashScopeModels.video(spec.model()).map(DashScopeModels.VideoModel::newUsage).orElse(false);
    if (newUsage) {
      usage.put("duration", seconds);
      usage.put("input_video_duration", 0);
      usage.put("output_video_duration", seconds);
      usage.put("SR", Math.min(width, height));
      usage.put("size", width + "*" + height);
      usage.put("video_count", 1);
    } else {
      usage.put("video_count", 1);
      usage.put("video_duration", seconds);
      usage.put("video_ratio", width + "*" + height);
    }
    return usage;
  }

  /** When a worker first took the task: the first RUNNING event of its timeline. */
  private Optional<Instant> scheduledAt(Task task) {
    if (task.status() == TaskStatus.QUEUED) {
      return Optional.empty();
    }
    return dialect.queries().timeline(task.id()).stream()
        .filter(event -> event.status() != TaskStatus.QUEUED)
        .map(TaskEvent::at)
        .findFirst();
  }

  static String status(TaskStatus status) {
    return switch (status) {
      case QUEUED -> "PENDING";
      case RUNNING -> "RUNNING";
      case SUCCEEDED -> "SUCCEEDED";
      case FAILED -> "FAILED";
      case CANCELED -> "CANCELED";
    };
  }

  void cancel(Context ctx) {
    String taskId = ctx.pathParam("task_id").strip();
    Principal principal = Auth.principal(ctx);
    Task task = find(principal, taskId).orElse(null);
    if (task == null || task.status() != TaskStatus.QUEUED) {
      throw DashScopeErrors.specific(ctx, BackbeatError.UNSUPPORTED, 400, "UnsupportedOperation", CANCEL_REFUSED);
    }
    try {
      dialect.tasks().cancel(principal.accountId(), task.id());
    } catch (BackbeatException ended) {
      throw DashScopeErrors.specific(ctx, ended.error(), 400, "UnsupportedOperation", CANCEL_REFUSED);
    }
    ctx.status(200).contentType("application/json").result(Json.write(Json.object().put("request_id", DashScopeDialect.requestId())));
  }

  /** {@code GET /tasks}: the caller's DashScope tasks created in a window of at most 24 hours, newest first. */
  void list(Context ctx) {
    Principal principal = Auth.principal(ctx);
    Instant now = dialect.clock().instant();
    // a task created this very millisecond is in the default window too
    Instant end = time(ctx, "end_time", now.plusSeconds(1));
    Instant start = time(ctx, "start_time", end.minus(Duration.ofHours(24)));
    if (!start.isBefore(end)) {
      throw BackbeatException.invalid("start_time must be before end_time");
    }
    if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
      throw BackbeatException.invalid("start_time to end_time must span at most 24 hours");
    }
    int pageNo = intParam(ctx, "page_no", 1, 1, Integer.MAX_VALUE);
    int pageSize = intParam(ctx, "page_size", 10, 1, PAGE_SIZE_MAX);
    String taskId = blankToNull(ctx.queryParam("task_id"));
    String model = blankToNull(ctx.queryParam("model_name"));
    Set<TaskStatus> statuses = statuses(ctx.queryParam("status"));

    List<Task> matching = new ArrayList<>();
    TaskQuery.Cursor after = null;
    int scanned = 0;
    while (scanned < LIST_SCAN_MAX) {
      List<Task> page = dialect.queries().list(new TaskQuery(principal.accountId(), statuses, null, start, end, after, 500));
      for (Task task : page) {
        if (task.dialect().equals(DashScopeDialect.NAME)
            && (task.spec() instanceof ImageSpec || task.spec() instanceof VideoSpec)
            && (taskId == null || task.id().equals(taskId))
            && (model == null || model.equals(task.spec().model()))) {
          matching.add(task);
        }
      }
      scanned += page.size();
      if (page.size() < 500) {
        break;
      }
      Task last = page.get(page.size() - 1);
      after = new TaskQuery.Cursor(last.createdAt(), last.id());
    }

    ObjectNode body = Json.object().put("request_id", DashScopeDialect.requestId());
    ArrayNode data = body.putArray("data");
    int from = (int) Math.min((long) (pageNo - 1) * pageSize, matching.size());
    for (Task task : matching.subList(from, Math.min(from + pageSize, matching.size()))) {
      ObjectNode item = data.addObject();
      item.put("api_key_id", task.apiKeyId());
      item.put("caller_parent_id", task.accountId());
      item.put("caller_uid", task.accountId());
      item.put("gmt_create", task.createdAt().toEpochMilli());
      scheduledAt(task).ifPresent(at -> item.put("start_time", at.toEpochMilli()));
      if (task.finishedAt() != null) {
        item.put("end_time", task.finishedAt().toEpochMilli());
      }
      item.put("model_name", task.spec().model());
      item.put("region", "local");
      item.put("request_id", task.id());
      item.put("status", status(task.status()));
      item.put("task_id", task.id());
      item.put("user_api_unique_key", task.apiKeyId());
    }
    body.put("total", matching.size());
    body.put("total_page", (matching.size() + pageSize - 1) / pageSize);
    body.put("page_no", pageNo);
    body.put("page_size", pageSize);
    ctx.status(200).contentType("application/json").result(Json.write(body));
  }

  private static Instant time(Context ctx, String name, Instant fallback) {
    String value = blankToNull(ctx.queryParam(name));
    if (value == null) {
      return fallback;
    }
    try {
      return DashScopeTime.FILTER.parse(value.strip(), Instant::from);
    } catch (DateTimeParseException e) {
      throw BackbeatException.invalid(name + " must be YYYYMMDDhhmmss (UTC), such as 20261201083000; not '" + value + "'");
    }
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String value = blankToNull(ctx.queryParam(name));
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < min || parsed > max) {
        throw BackbeatException.invalid(name + " must be between " + min + " and " + max + ", not " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw BackbeatException.invalid(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static Set<TaskStatus> statuses(String status) {
    if (blankToNull(status) == null) {
      return Set.of();
    }
    return switch (status.strip().toUpperCase(Locale.ROOT)) {
      case "PENDING" -> EnumSet.of(TaskStatus.QUEUED);
      case "RUNNING" -> EnumSet.of(TaskStatus.RUNNING);
      case "SUCCEEDED" -> EnumSet.of(TaskStatus.SUCCEEDED);
      case "FAILED" -> EnumSet.of(TaskStatus.FAILED);
      case "CANCELED" -> EnumSet.of(TaskStatus.CANCELED);
      default -> throw BackbeatException.invalid("status must be PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED, not '" + status + "'");
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
