package io.backbeat.providers.kling;

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
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Kling ({@code /v1/...}): image generation and Omni image, Omni video, text- and image-to-video.
 * Answers are {@code {code, message, request_id, data}} with an integer {@code code} (0 = success).
 * Every create carries {@code external_task_id} = our task id, which Kling keeps unique per account:
 * a submit whose answer was lost is looked up by it, and a second create with it cannot make a
 * second job. A failed task is refunded unless Kling reports units deducted for it.
 */
public final class KlingRelayClient implements UpstreamClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OMNI_IMAGE = Set.of("kling-v3-omni", "kling-image-o1");
  private static final Set<String> OMNI_VIDEO = Set.of("kling-v3-omni", "kling-video-o1");
  private static final List<String> RATIOS = List.of("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9");
  /** Codes that refuse the request itself. */
  private static final Set<Integer> REJECTIONS = Set.of(1200, 1201, 1300, 1301);
  /** Codes that say the job does not exist. */
  private static final Set<Integer> NOT_FOUND = Set.of(1202, 1203);

  private final EgressHttpClient http;
  private final InstantSource clock;

  /** @param http bound to the channel: API root as base URL, {@link KlingJwt} as its bearer, its rate limit */
  public KlingRelayClient(EgressHttpClient http, InstantSource clock) {
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public boolean supports(TaskSpec spec) {
    String model = spec.model() == null ? "" : spec.model().toLowerCase(Locale.ROOT);
    return (spec instanceof ImageSpec || spec instanceof VideoSpec) && model.startsWith("kling");
  }

  /** The route a spec is created on and read back from. */
  static String route(TaskSpec spec) {
    String model = spec.model().toLowerCase(Locale.ROOT);
    return switch (spec) {
      case ImageSpec s -> OMNI_IMAGE.contains(model) ? "/images/omni-image" : "/images/generations";
      case VideoSpec s ->
          OMNI_VIDEO.contains(model) ? "/videos/omni-video" : s.firstFrameUrl() != null ? "/videos/image2video" : "/videos/text2video";
      default -> throw new UnsupportedOperationException("Kling makes no " + spec.kind());
    };
  }

  @Override
  public Submission submit(RelayJob job) {
    ObjectNode body = body(job);
    return UpstreamCalls.submit(() -> http.postJson(route(job.spec()), body), clock.instant(), this::interpretCreate);
  }

  static ObjectNode body(RelayJob job) {
    ObjectNode body = JSON.createObjectNode();
    String route = route(job.spec());
    switch (job.spec()) {
      case ImageSpec s -> {
        body.put("model_name", s.model()).put("prompt", s.prompt());
        if (route.endsWith("omni-image")) {
          ArrayNode images = body.putArray("image_list");
          s.referenceImageUrls().forEach(url -> images.addObject().put("image", url));
          if (images.isEmpty()) body.remove("image_list");
        } else {
          if (s.negativePrompt() != null) body.put("negative_prompt", s.negativePrompt());
          if (!s.referenceImageUrls().isEmpty()) body.put("image", s.referenceImageUrls().get(0));
        }
        body.put("n", s.count()).put("aspect_ratio", aspectRatio(s.width(), s.height()));
        body.putObject("watermark_info").put("enabled", s.watermark());
      }
      case VideoSpec s -> {
        body.put("model_name", s.model());
        if (s.prompt() != null) body.put("prompt", s.prompt());
        if (route.endsWith("omni-video")) {
          ArrayNode images = body.putArray("image_list");
          if (s.firstFrameUrl() != null) images.addObject().put("image_url", s.firstFrameUrl()).put("type", "first_frame");
          if (s.lastFrameUrl() != null) images.addObject().put("image_url", s.lastFrameUrl()).put("type", "end_frame");
          s.referenceImageUrls().forEach(url -> images.addObject().put("image_url", url));
          if (images.isEmpty()) body.remove("image_list");
          body.put("sound", s.audioUrl() != null ? "on" : "off");
        } else {
          if (s.negativePrompt() != null) body.put("negative_prompt", s.negativePrompt());
          if (s.firstFrameUrl() != null) body.put("image", s.firstFrameUrl());
          if (s.lastFrameUrl() != null) body.put("image_tail", s.lastFrameUrl());
        }
        if (s.firstFrameUrl() == null) body.put("aspect_ratio", aspectRatio(s.width(), s.height()));
        body.put("duration", Long.toString(Math.max(1, Math.round(s.durationSeconds()))));
        body.putObject("watermark_info").put("enabled", s.watermark());
      }
      default -> throw new UnsupportedOperationException("Kling makes no " + job.spec().kind());
    }
    if (job.callbackUrl() != null && job.channel().callbacks()) {
      body.put("callback_url", job.callbackUrl());
    }
    body.put("external_task_id", job.taskId());
    return body;
  }

  /** The supported ratio nearest to {@code width:height}. */
  static String aspectRatio(int width, int height) {
    double wanted = Math.log((double) width / height);
    String best = RATIOS.get(0);
    double distance = Double.MAX_VALUE;
    for (String ratio : RATIOS) {
      String[] parts = ratio.split(":");
      double d = Math.abs(Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])) - wanted);
      if (d < distance) {
        distance = d;
        best = ratio;
      }
    }
    return best;
  }

  private Submission interpretCreate(JsonResponse response) {
    JsonNode body = response.body();
    if (!body.isObject() || !body.has("code")) {
      return response.isSuccessful()
          ? new Submission.Unknown("the upstream answered HTTP " + response.status() + " with a body that is not a Kling envelope")
          : new Submission.Refused("the upstream answered HTTP " + response.status(), null);
    }
    int code = body.path("code").asInt();
    String message = body.path("message").asText("");
    if (code == 0) {
      String taskId = UpstreamCalls.text(body.path("data"), "task_id");
      return taskId == null ? new Submission.Unknown("the upstream answered success without a task id") : new Submission.Accepted(taskId);
    }
    String why = "the upstream answered code " + code + (message.isBlank() ? "" : ": " + message);
    if (message.toLowerCase(Locale.ROOT).contains("external_task_id")) {
      // our reference is taken: an earlier submit of this very task got through; find it
      return new Submission.Unknown(why);
    }
    if (REJECTIONS.contains(code)) {
      return new Submission.Rejected(code == 1301 || code == 1300 ? FailureCode.SENSITIVE_CONTENT : FailureCode.INVALID_INPUT, why);
    }
    if (code == 5000 || code == 5002) {
      return new Submission.Unknown(why); // an internal error or timeout after it took the request
    }
    return new Submission.Refused(why, response.retryAfter(clock.instant()).orElse(null)); // auth, account, rate, concurrency, maintenance
  }

  @Override
  public Progress poll(RelayJob job, String upstreamId) {
    String path = route(job.spec()) + "/" + URLEncoder.encode(upstreamId, StandardCharsets.UTF_8);
    return UpstreamCalls.poll(() -> http.getJson(path), clock.instant(), response -> interpretTask(response, upstreamId));
  }

  private static Progress interpretTask(JsonResponse response, String id) {
    JsonNode body = response.body();
    int code = body.path("code").asInt(-1);
    if (response.status() == 404 || NOT_FOUND.contains(code)) {
      return new Progress.Missing("the upstream has no task " + id, Settlement.CHARGE);
    }
    if (code != 0 || !body.path("data").isObject()) {
      return new Progress.Unreachable("the upstream answered HTTP " + response.status() + " code " + code, null);
    }
    JsonNode data = body.path("data");
    String status = data.path("task_status").asText("");
    return switch (status) {
      case "succeed" -> {
        ObjectNode result = JSON.createObjectNode();
        Draft draft = new Draft(result);
        JsonNode taskResult = data.path("task_result");
        if (taskResult.path("videos").isArray() && !taskResult.path("videos").isEmpty()) {
          JsonNode video = taskResult.path("videos").get(0);
          draft.asset(UpstreamCalls.text(video, "url"), "video", "mp4", result, "video");
          try {
            result.put("duration", Double.parseDouble(video.path("duration").asText("")));
          } catch (NumberFormatException e) {
            // Kling sends durations as strings; an odd one is left out
          }
        } else {
          ArrayNode images = result.putArray("images");
          int i = 0;
          for (String list : List.of("images", "series_images")) {
            for (JsonNode image : taskResult.path(list)) {
              draft.asset(UpstreamCalls.text(image, "url"), "image-" + i++, "png", images);
            }
          }
        }
        yield draft.assets().isEmpty() ? new Progress.Working(Stage.NONE, null) : new Progress.Done(draft);
      }
      case "failed" -> {
        String message = data.path("task_status_msg").asText("failed upstream");
        boolean blocked = message.toLowerCase(Locale.ROOT).contains("risk") || message.toLowerCase(Locale.ROOT).contains("sensitive");
        yield new Progress.Failed(
            blocked ? FailureCode.SENSITIVE_CONTENT : FailureCode.GENERATION_FAILED, "failed upstream: " + message, chargeOf(data));
      }
      default -> new Progress.Working(Stage.NONE, null); // submitted, processing, or a new word
    };
  }

  /** Kling reports what it deducted for a task; anything above zero was billed. */
  private static Settlement chargeOf(JsonNode data) {
    try {
      return Double.parseDouble(data.path("final_unit_deduction").asText("0")) > 0 ? Settlement.CHARGE : Settlement.REFUND;
    } catch (NumberFormatException e) {
      return Settlement.REFUND;
    }
  }

  /** By our reference: Kling reads a task by its id or its {@code external_task_id} in the same path. */
  @Override
  public Lookup reconcile(RelayJob job, Reconciling reconciling) {
    String path = route(job.spec()) + "/" + URLEncoder.encode(job.taskId(), StandardCharsets.UTF_8);
    UpstreamCalls.Result result = UpstreamCalls.read(() -> http.getJson(path));
    if (!result.answered()) {
      return new Lookup.Undecided("the lookup failed: " + result.failure());
    }
    JsonResponse response = result.response();
    JsonNode body = response.body();
    int code = body.path("code").asInt(-1);
    if (code == 0) {
      String id = UpstreamCalls.text(body.path("data"), "task_id");
      String external = UpstreamCalls.text(body.path("data").path("task_info"), "external_task_id");
      if (id != null && (external == null || external.equals(job.taskId()))) {
        return new Lookup.Found(id);
      }
      return new Lookup.Undecided("the upstream answered without the task's id");
    }
    if (response.status() == 404 || NOT_FOUND.contains(code)) {
      return reconciling.graceOver(job.intentAt())
          ? new Lookup.Absent("the upstream has no task with our reference " + job.taskId())
          : new Lookup.Undecided("the upstream shows no task with our reference yet");
    }
    return new Lookup.Undecided("the lookup answered HTTP " + response.status() + " code " + code);
  }

  @Override
  public Optional<String> upstreamIdOf(JsonNode body) {
    String id = UpstreamCalls.text(body, "task_id");
    if (id == null) {
      id = UpstreamCalls.text(body.path("data"), "task_id");
    }
    return Optional.ofNullable(id);
  }

  /** The image task list (free): codes 1000–1004 mean the JWT was refused. */
  @Override
  public Probe probe() {
    long started = System.nanoTime();
    UpstreamCalls.Result result = UpstreamCalls.read(() -> http.getJson("/images/generations?pageNum=1&pageSize=1"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (!result.answered()) {
      return new Probe(false, null, 0, millis, result.failure());
    }
    JsonResponse response = result.response();
    int code = response.body().path("code").asInt(-1);
    if (response.status() == 401 || (code >= 1000 && code <= 1004)) {
      return new Probe(true, false, response.status(), millis, "the upstream refused the access/secret key (code " + code + ")");
    }
    return new Probe(true, code == 0 ? Boolean.TRUE : null, response.status(), millis, "answered code " + code);
  }
}
