package io.backbeat.providers.dashscope;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.billing.Settlement;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.JsonResponse;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.providers.relay.Draft;
import io.backbeat.providers.relay.Lookup;
import io.backbeat.providers.relay.Probe;
import io.backbeat.providers.relay.Progress;
import io.backbeat.providers.relay.Reconciling;
import io.backbeat.providers.relay.RelayJob;
import io.backbeat.providers.relay.Submission;
import io.backbeat.providers.relay.UpstreamCalls;
import io.backbeat.providers.relay.UpstreamClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alibaba Model Studio (DashScope), {@code /api/v1/...}: wan video tasks (created with {@code
 * X-DashScope-Async: enable}, read at {@code /tasks/{id}}) and qwen-image / wan images (the
 * synchronous multimodal-generation route, which must not carry the async header). Errors are flat
 * {@code {request_id, code, message}} with string codes; a task's own failure arrives with HTTP 200
 * inside {@code output}. DashScope bills only succeeded tasks, so every definitive failure refunds.
 * A lost video submit is found in the account's task list over the submit window (DashScope takes
 * no client reference): the one job of that model created in the window that none of our other
 * tasks owns.
 */
public final class DashScopeRelayClient implements UpstreamClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Slack around the submit window for clock differences between us and the upstream. */
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Pattern FRAME_SIZE = Pattern.compile("(\\d{2,5})\\*(\\d{2,5})");

  private final EgressHttpClient http;
  private final InstantSource clock;
  private final Duration callTimeout;

  /**
   * @param http bound to the channel: API root as base URL, its bearer key and rate limit
   * @param callTimeout of one call: a video submit arrives upstream within it
   */
  public DashScopeRelayClient(EgressHttpClient http, InstantSource clock, Duration callTimeout) {
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
  }

  @Override
  public boolean supports(TaskSpec spec) {
    String model = spec.model() == null ? "" : spec.model().toLowerCase(Locale.ROOT);
    return switch (spec.kind()) {
      case IMAGE -> model.startsWith("qwen-image") || model.startsWith("wan");
      case VIDEO -> model.startsWith("wan");
      default -> false;
    };
  }

  @Override
  public Submission submit(RelayJob job) {
    Instant now = clock.instant();
    return switch (job.spec()) {
      case VideoSpec video ->
          UpstreamCalls.submit(
              () -> http.sendJson(
                  http.newRequest("POST", "/services/aigc/video-generation/video-synthesis")
                      .header("X-DashScope-Async", "enable")
                      .jsonBody(videoBody(video))
                      .build()),
              now,
              this::interpretVideoCreate);
      case ImageSpec image ->
          UpstreamCalls.submit(() -> http.postJson("/services/aigc/multimodal-generation/generation", imageBody(image)), now, this::interpretImage);
      default -> throw new UnsupportedOperationException("DashScope makes no " + job.spec().kind());
    };
  }

  static ObjectNode videoBody(VideoSpec spec) {
    ObjectNode body = JSON.createObjectNode().put("model", spec.model());
    ObjectNode input = body.putObject("input");
    if (spec.prompt() != null) input.put("prompt", spec.prompt());
    if (spec.negativePrompt() != null) input.put("negative_prompt", spec.negativePrompt());
    if (spec.audioUrl() != null) input.put("audio_url", spec.audioUrl());
    ObjectNode parameters = body.putObject("parameters");
    if (spec.firstFrameUrl() != null) {
      // image-to-video: the output follows the image's aspect; the size is a tier
      input.put("img_url", spec.firstFrameUrl());
      int side = Math.min(spec.width(), spec.height());
      parameters.put("resolution", side >= 1080 ? "1080P" : side >= 720 ? "720P" : "480P");
    } else {
      parameters.put("size", spec.width() + "*" + spec.height());
    }
    parameters.put("duration", (int) Math.round(spec.durationSeconds()));
    parameters.put("prompt_extend", spec.promptExtend()).put("watermark", spec.watermark());
    if (spec.seed() != null) parameters.put("seed", spec.seed());
    return body;
  }

  static ObjectNode imageBody(ImageSpec spec) {
    ObjectNode body = JSON.createObjectNode().put("model", spec.model());
    ArrayNode content = body.putObject("input").putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("text", spec.prompt());
    spec.referenceImageUrls().forEach(url -> content.addObject().put("image", url));
    ObjectNode parameters = body.putObject("parameters");
    parameters.put("size", spec.width() + "*" + spec.height());
    if (spec.negativePrompt() != null) parameters.put("negative_prompt", spec.negativePrompt());
    parameters.put("prompt_extend", spec.promptExtend()).put("watermark", spec.watermark()).put("n", spec.count());
    if (spec.seed() != null) parameters.put("seed", spec.seed());
    return body;
  }

  private Submission interpretVideoCreate(JsonResponse response) {
    JsonNode body = response.body();
    if (response.isSuccessful()) {
      String taskId = UpstreamCalls.text(body.path("output"), "task_id");
      return taskId == null ? new Submission.Unknown("the upstream answered HTTP " + response.status() + " without a task id") : new Submission.Accepted(taskId);
    }
    return refusalOrRejection(response);
  }

  private Submission interpretImage(JsonResponse response) {
    JsonNode body = response.body();
    if (response.isSuccessful()) {
      if (!body.path("output").path("choices").isArray()) {
        return new Submission.Unknown("the upstream answered HTTP " + response.status() + " without images");
      }
      String requestId = UpstreamCalls.text(body, "request_id");
      return new Submission.Answered(requestId == null ? "sync" : requestId, body);
    }
    return refusalOrRejection(response);
  }

  /** A 4xx with DashScope's code: a bad request is rejected, a model or account problem refused. */
  private static Submission refusalOrRejection(JsonResponse response) {
    String code = response.body().path("code").asText("");
    String why = "the upstream answered HTTP " + response.status() + " " + code + " " + response.body().path("message").asText("");
    return switch (code) {
      case "DataInspectionFailed", "IPInfringementSuspect" -> new Submission.Rejected(FailureCode.SENSITIVE_CONTENT, why.strip());
      case "InvalidURL", "BadRequest.InputDownloadFailed" -> new Submission.Rejected(FailureCode.DOWNLOAD_FAILED, why.strip());
      case "InvalidParameter", "BadRequest.EmptyInput", "BadRequest.EmptyParameters", "BadRequest.TooLarge", "BadRequest.UnsupportedFileFormat" ->
          new Submission.Rejected(FailureCode.INVALID_INPUT, why.strip());
      default -> new Submission.Refused(why.strip(), null); // Arrearage, ModelNotFound, quota, …: this channel did not take it
    };
  }

  @Override
  public Progress poll(RelayJob job, String upstreamId) {
    String path = "/tasks/" + URLEncoder.encode(upstreamId, StandardCharsets.UTF_8);
    return UpstreamCalls.poll(() -> http.getJson(path), clock.instant(), response -> interpretTask(response));
  }

  private static Progress interpretTask(JsonResponse response) {
    JsonNode output = response.body().path("output");
    if (!response.isSuccessful() || !output.isObject()) {
      return new Progress.Unreachable("the upstream answered HTTP " + response.status() + " without a task", null);
    }
    String status = output.path("task_status").asText("");
    return switch (status) {
      case "SUCCEEDED" -> {
        ObjectNode result = JSON.createObjectNode();
        Draft draft = new Draft(result);
        String video = UpstreamCalls.text(output, "video_url");
        if (video != null) {
          draft.asset(video, "video", "mp4", result, "video");
          JsonNode usage = response.body().path("usage");
          for (String field : List.of("output_video_duration", "video_duration", "duration")) {
            if (usage.path(field).isNumber() && usage.path(field).asDouble() > 0) {
              result.put("duration", usage.path(field).asDouble());
              break;
            }
          }
          putSize(usage, result);
        } else {
          ArrayNode images = result.putArray("images");
          int i = 0;
          for (JsonNode item : output.path("results")) {
            draft.asset(UpstreamCalls.text(item, "url"), "image-" + i++, "png", images);
          }
        }
        yield draft.assets().isEmpty() ? new Progress.Working(Stage.NONE, null) : new Progress.Done(draft);
      }
      case "FAILED" -> {
        String code = output.path("code").asText("");
        FailureCode failure =
            switch (code) {
              case "DataInspectionFailed", "IPInfringementSuspect" -> FailureCode.SENSITIVE_CONTENT;
              case "InvalidParameter" -> FailureCode.INVALID_INPUT;
              case "InvalidURL", "BadRequest.InputDownloadFailed" -> FailureCode.DOWNLOAD_FAILED;
              default -> FailureCode.GENERATION_FAILED;
            };
        yield new Progress.Failed(failure, ("failed upstream: " + code + " " + output.path("message").asText("")).strip(), Settlement.REFUND);
      }
      case "CANCELED" -> new Progress.Failed(FailureCode.GENERATION_FAILED, "canceled upstream", Settlement.REFUND);
      // no such task (or older than a day): DashScope bills only what succeeded
      case "UNKNOWN" -> new Progress.Missing("the upstream does not know the task", Settlement.REFUND);
      default -> new Progress.Working(Stage.NONE, null); // PENDING, RUNNING, SUSPENDED, or a new word
    };
  }

  /**
   * The frame size and rate the upstream reports for a video ({@code size} on wan2.6+, {@code
   * video_ratio} before; both {@code W*H}), so a relayed video renders like a local one; left out
   * when the usage does not tell (older i2v answers carry an empty ratio).
   */
  static void putSize(JsonNode usage, ObjectNode result) {
    for (String field : List.of("size", "video_ratio")) {
      Matcher size = FRAME_SIZE.matcher(usage.path(field).asText(""));
      if (size.matches()) {
        result.put("width", Integer.parseInt(size.group(1))).put("height", Integer.parseInt(size.group(2)));
        break;
      }
    }
    if (usage.path("fps").isNumber() && usage.path("fps").asInt() > 0) {
      result.put("fps", usage.path("fps").asInt());
    }
  }

  @Override
  public Progress interpret(RelayJob job, JsonNode answer) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode images = result.putArray("images");
    Draft draft = new Draft(result);
    int i = 0;
    for (JsonNode choice : answer.path("output").path("choices")) {
      for (JsonNode item : choice.path("message").path("content")) {
        String url = UpstreamCalls.text(item, "image");
        if (url != null) {
          draft.asset(url, "image-" + i++, "png", images);
        }
      }
    }
    if (draft.assets().isEmpty()) {
      return new Progress.Failed(FailureCode.GENERATION_FAILED, "the upstream answered without an image", Settlement.REFUND);
    }
    JsonNode usage = answer.path("usage");
    if (usage.path("width").isNumber()) result.put("width", usage.path("width").asInt());
    if (usage.path("height").isNumber()) result.put("height", usage.path("height").asInt());
    return new Progress.Done(draft);
  }

  @Override
  public Lookup reconcile(RelayJob job, Reconciling reconciling) {
    if (job.spec().kind() == TaskKind.IMAGE) {
      return new Lookup.Unresolvable("the answer to the synchronous image call was lost and cannot be looked up");
    }
    for (String candidate : reconciling.callbackUpstreamIds()) {
      Progress progress = poll(job, candidate);
      if (!(progress instanceof Progress.Missing) && !(progress instanceof Progress.Unreachable)) {
        return new Lookup.Found(candidate);
      }
    }
    Instant from = job.intentAt().minus(SKEW);
    Instant to = job.intentAt().plus(callTimeout).plus(SKEW);
    String path =
        "/tasks/?start_time=" + LIST_TIME.format(from.minus(Duration.ofHours(1)))
            + "&end_time=" + LIST_TIME.format(to.plus(Duration.ofHours(1)))
            + "&model_name=" + URLEncoder.encode(job.spec().model(), StandardCharsets.UTF_8)
            + "&page_no=1&page_size=100";
    UpstreamCalls.Result listed = UpstreamCalls.read(() -> http.getJson(path));
    if (!listed.answered() || !listed.response().isSuccessful() || !listed.response().body().path("data").isArray()) {
      return new Lookup.Undecided("the task list could not be read: " + (listed.answered() ? "HTTP " + listed.response().status() : listed.failure()));
    }
    List<String> candidates = new ArrayList<>();
    for (JsonNode item : listed.response().body().path("data")) {
      String id = UpstreamCalls.text(item, "task_id");
      long created = item.path("gmt_create").asLong(-1);
      if (id == null || created < 0) {
        continue;
      }
      Instant at = Instant.ofEpochMilli(created);
      String model = item.path("model_name").asText(job.spec().model());
      if (!at.isBefore(from) && !at.isAfter(to) && model.equalsIgnoreCase(job.spec().model()) && !reconciling.takenByAnotherTask().test(id)) {
        candidates.add(id);
      }
    }
    if (candidates.size() == 1) {
      return new Lookup.Found(candidates.get(0));
    }
    if (candidates.isEmpty()) {
      return reconciling.graceOver(job.intentAt())
          ? new Lookup.Absent("no " + job.spec().model() + " task in the upstream's list for the submit window")
          : new Lookup.Undecided("no task in the upstream's list yet");
    }
    return new Lookup.Undecided(candidates.size() + " upstream tasks match the submit window; waiting for it to tell them apart");
  }

  /** The task list (free): answers 401 for a bad key. */
  @Override
  public Probe probe() {
    long started = System.nanoTime();
    UpstreamCalls.Result result = UpstreamCalls.read(() -> http.getJson("/tasks/?page_no=1&page_size=1"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (!result.answered()) {
      return new Probe(false, null, 0, millis, result.failure());
    }
    int status = result.response().status();
    if (status == 401 || status == 403) {
      return new Probe(true, false, status, millis, "the upstream refused the API key: " + result.response().body().path("code").asText(""));
    }
    return new Probe(true, status < 300 ? Boolean.TRUE : null, status, millis, "answered HTTP " + status);
  }
}
