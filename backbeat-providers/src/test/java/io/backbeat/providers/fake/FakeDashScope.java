package io.backbeat.providers.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A DashScope upstream written from the documented contract: bearer auth; video tasks created at
 * {@code /api/v1/services/aigc/video-generation/video-synthesis} only with {@code X-DashScope-Async:
 * enable} (403 "does not support synchronous calls" without it), read at {@code /api/v1/tasks/{id}}
 * ({@code PENDING → RUNNING → SUCCEEDED | FAILED}, {@code UNKNOWN} for ids it never made), listed at
 * {@code /api/v1/tasks/} by time window and model; images answered synchronously at
 * {@code .../multimodal-generation/generation} (403 with the async header). Flat error bodies
 * {@code {request_id, code, message}}. DashScope takes no client reference, so the tests find our
 * task in a request by the marker its prompt carries ({@code markerOf}).
 */
public final class FakeDashScope extends FakeUpstream {
  private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final String apiKey;
  private final Function<String, String> markerOf;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<Create> creates = new CopyOnWriteArrayList<>();

  /** A create request as it arrived: its route and whether it carried {@code X-DashScope-Async: enable}. */
  public record Create(String path, boolean async) {}

  private final class Job {
    final String id = UUID.randomUUID().toString();
    final String taskId;
    final String model;
    final Instant createdAt = clock.instant();
    final Duration doneAfter = jobSeconds(15 + nextInt(40));
    final Duration runningAfter = jobSeconds(3);
    final boolean fails = chance(faults.failJob());
    String file;

    Job(String taskId, String model) {
      this.taskId = taskId;
      this.model = model;
    }

    String status() {
      Duration age = Duration.between(createdAt, clock.instant());
      if (ended(age, doneAfter)) {
        jobEnded(taskId, !fails);
        return fails ? "FAILED" : "SUCCEEDED";
      }
      return age.compareTo(runningAfter) >= 0 ? "RUNNING" : "PENDING";
    }
  }

  /** @param markerOf our task id for a prompt (the tests put a marker in every prompt), or null */
  public FakeDashScope(InstantSource clock, long seed, Faults faults, String apiKey, Function<String, String> markerOf) throws IOException {
    super(clock, seed, faults);
    this.apiKey = apiKey;
    this.markerOf = markerOf;
  }

  /** Jobs created from now on live {@code unit} per second of their normal timeline (running at 3, done at 15–54). */
  public FakeDashScope timeUnit(Duration unit) {
    jobUnit(unit);
    return this;
  }

  /** Every create request so far, in order of arrival. */
  public List<Create> creates() {
    return List.copyOf(creates);
  }

  @Override
  protected String tooManyBody() {
    return "{\"request_id\":\"r\",\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded, please try again later.\"}";
  }

  @Override
  protected String unavailableBody() {
    return "{\"request_id\":\"r\",\"code\":\"ModelUnavailable\",\"message\":\"Model is unavailable, please try again later.\"}";
  }

  @Override
  protected String serverErrorBody() {
    return "{\"request_id\":\"r\",\"code\":\"InternalError\",\"message\":\"An internal error has occured, please try again later or contact service support.\"}";
  }

  @Override
  protected void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
    if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"request_id\":\"r\",\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}");
      return;
    }
    boolean async = "enable".equals(exchange.getRequestHeaders().getFirst("X-DashScope-Async"));
    if (path.startsWith("/api/v1/services/")) {
      creates.add(new Create(path, async));
    }
    switch (path) {
      case "/api/v1/services/aigc/video-generation/video-synthesis" -> {
        countCreateRequest();
        if (!async) {
          send(exchange, 403, "{\"request_id\":\"r\",\"code\":\"AccessDenied\",\"message\":\"current user api does not support synchronous calls\"}");
          return;
        }
        createVideo(exchange, parse(body));
      }
      case "/api/v1/services/aigc/multimodal-generation/generation" -> {
        countCreateRequest();
        if (async) {
          send(exchange, 403, "{\"request_id\":\"r\",\"code\":\"AccessDenied\",\"message\":\"current user api does not support asynchronous calls\"}");
          return;
        }
        image(exchange, parse(body));
      }
      case "/api/v1/tasks/" -> list(exchange);
      default -> {
        if (path.startsWith("/api/v1/tasks/")) {
          task(exchange, path.substring("/api/v1/tasks/".length()));
        } else {
          send(exchange, 404, "{\"request_id\":\"r\",\"code\":\"NotFound\",\"message\":\"no such route\"}");
        }
      }
    }
  }

  private void createVideo(HttpExchange exchange, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    if (!model.startsWith("wan")) {
      send(exchange, 400, "{\"request_id\":\"r\",\"code\":\"ModelNotFound\",\"message\":\"Model can not be found.\"}");
      return;
    }
    String prompt = request.path("input").path("prompt").asText("");
    if (prompt.isBlank() && request.path("input").path("img_url").isMissingNode()) {
      send(exchange, 400, "{\"request_id\":\"r\",\"code\":\"InvalidParameter\",\"message\":\"Required parameter(s) missing or invalid, please check the request parameters.\"}");
      return;
    }
    Job job = new Job(markerOf == null ? null : markerOf.apply(prompt), model);
    answer(exchange, () -> {
      jobs.put(job.id, job);
      jobCreated(job.taskId);
    }, () -> "{\"output\":{\"task_status\":\"PENDING\",\"task_id\":\"" + job.id + "\"},\"request_id\":\"" + UUID.randomUUID() + "\"}");
  }

  private void image(HttpExchange exchange, JsonNode request) throws IOException {
    JsonNode content = request.path("input").path("messages").path(0).path("content");
    String prompt = content.path(0).path("text").asText("");
    if (prompt.isBlank()) {
      send(exchange, 400, "{\"request_id\":\"r\",\"code\":\"InvalidParameter\",\"message\":\"Required parameter(s) missing or invalid, please check the request parameters.\"}");
      return;
    }
    String taskId = markerOf == null ? null : markerOf.apply(prompt);
    String name = "img-" + UUID.randomUUID() + ".png";
    answer(exchange, () -> {
      makeFile(name, "image/png");
      jobCreated(taskId);
      jobEnded(taskId, true);
    }, () -> {
      ObjectNode root = JSON.createObjectNode().put("request_id", UUID.randomUUID().toString());
      ObjectNode choice = root.putObject("output").putArray("choices").addObject().put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").putArray("content").addObject().put("image", fileUrl(name));
      root.putObject("usage").put("width", 1328).put("height", 1328).put("image_count", 1);
      return root.toString();
    });
  }

  private void task(HttpExchange exchange, String id) throws IOException {
    Job job = jobs.get(id);
    answer(exchange, () -> {}, () -> {
      ObjectNode root = JSON.createObjectNode().put("request_id", UUID.randomUUID().toString());
      ObjectNode output = root.putObject("output").put("task_id", id);
      if (job == null) {
        output.put("task_status", "UNKNOWN");
        return root.toString();
      }
      String status = job.status();
      output.put("task_status", status).put("submit_time", "2026-12-01 10:00:00.000");
      if (status.equals("SUCCEEDED")) {
        if (job.file == null) {
          job.file = makeFile("video-" + job.id + ".mp4", "video/mp4");
        }
        output.put("video_url", fileUrl(job.file)).put("orig_prompt", "p");
        root.putObject("usage").put("video_count", 1).put("video_duration", 5).put("video_ratio", "1280*720");
      } else if (status.equals("FAILED")) {
        output.put("code", "InternalError.Algo").put("message", "An internal error has occured during execution");
      }
      return root.toString();
    });
  }

  private void list(HttpExchange exchange) throws IOException {
    Instant from = parseTime(query(exchange, "start_time"), clock.instant().minus(Duration.ofHours(24)));
    Instant to = parseTime(query(exchange, "end_time"), clock.instant());
    String model = query(exchange, "model_name");
    ObjectNode root = JSON.createObjectNode().put("request_id", UUID.randomUUID().toString());
    ArrayNode data = root.putArray("data");
    for (Job job : jobs.values()) {
      if (!job.createdAt.isBefore(from) && !job.createdAt.isAfter(to) && (model == null || model.equals(job.model))) {
        data.addObject().put("task_id", job.id).put("model_name", job.model).put("status", job.status())
            .put("gmt_create", job.createdAt.toEpochMilli()).put("region", "cn-beijing").put("request_id", "r");
      }
    }
    root.put("total", data.size()).put("total_page", 1).put("page_no", 1).put("page_size", 100);
    answer(exchange, () -> {}, root::toString);
  }

  private static Instant parseTime(String value, Instant fallback) {
    return value == null ? fallback : LocalDateTime.parse(value, LIST_TIME).toInstant(ZoneOffset.UTC);
  }
}
