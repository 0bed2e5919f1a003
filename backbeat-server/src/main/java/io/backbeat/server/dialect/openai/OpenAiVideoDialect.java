package io.backbeat.server.dialect.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.account.Principal;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.FinishedAnswers;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.server.http.PayloadScrubber;
import io.backbeat.server.http.Route;
import io.backbeat.server.http.RouteTable;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAI-style video routes AnyInt recommends beside Kling's own ({@code /openai/v1/videos}):
 * create, retrieve, and download the content, on the same VIDEO tasks every other route makes (a
 * Kling or DashScope video is readable here too). Ids are {@code video_<task id>}; errors are
 * OpenAI's {@code {"error":{"message","type","code"}}}.
 */
public final class OpenAiVideoDialect implements Dialect {
  public static final String NAME = "openai";
  static final String FAMILY = "openai.videos";
  static final String ID_PREFIX = "video_";
  static final int PROMPT_MAX = 4000;

  /** Per model: the sizes it makes and its lengths in seconds. */
  private record Model(Set<String> sizes, Set<Integer> seconds, int defaultSeconds) {}

  private static final Set<String> KLING_SIZES = Set.of("1280x720", "720x1280", "720x720", "1920x1080", "1080x1920", "1080x1080");
  private static final Set<Integer> KLING_SECONDS = Set.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  private static final Map<String, Model> MODELS =
      Map.of(
          "sora-2", new Model(Set.of("720x1280", "1280x720"), Set.of(4, 8, 12), 4),
          "sora-2-pro", new Model(Set.of("720x1280", "1280x720", "1024x1792", "1792x1024"), Set.of(4, 8, 12), 4),
          "kling-3.0", new Model(KLING_SIZES, KLING_SECONDS, 5),
          "kling-v3-omni", new Model(KLING_SIZES, KLING_SECONDS, 5));
  static final int FPS = 24;

  private final TaskService tasks;
  private final TaskQueries queries;
  private final TaskCreation creation;
  private final CallbackUrlCheck urls;
  private final AssetStore assets;
  private final List<Route> routes;
  private final FinishedAnswers finished = new FinishedAnswers();

  public OpenAiVideoDialect(TaskService tasks, TaskQueries queries, TaskCreation creation, CallbackUrlCheck urls, AssetStore assets) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.creation = requireNonNull(creation, "creation is null");
    this.urls = requireNonNull(urls, "urls is null");
    this.assets = requireNonNull(assets, "assets is null");
    RouteTable table = new RouteTable(NAME, creation);
    table.post("/openai/v1/videos").createsTask(TaskKind.VIDEO, FAMILY, this::parse, task -> Json.write(video(task)));
    table.get("/openai/v1/videos").queriesTasks(FAMILY, this::list);
    table.get("/openai/v1/videos/{video_id}").queriesTasks(FAMILY, this::retrieve);
    table.get("/openai/v1/videos/{video_id}/content").handles("downloads a finished video's MP4 (or its thumbnail)", this::content);
    this.routes = table.routes();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/openai/");
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    OpenAiErrors.Code code = OpenAiErrors.of(error.error());
    ObjectNode body = Json.object();
    body.putObject("error").put("message", error.getMessage()).put("type", code.type()).put("code", code.code());
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  /** OpenAI's video API takes no callback URL (it has account-level webhooks); none are rendered. */
  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.empty();
  }

  ParsedTask parse(Context ctx) {
    String type = ctx.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      throw BackbeatException.invalid("send the request as JSON; input_reference is taken as an image URL, file uploads are not supported by this server");
    }
    ObjectNode body = Json.parseObject(ctx.body());
    String modelName = Fields.optionalString(body, "model");
    modelName = modelName == null || modelName.isBlank() ? "sora-2" : modelName.strip();
    Model model = MODELS.get(modelName);
    if (model == null) {
      throw BackbeatException.invalid("model '" + modelName + "' is not a video model here; use one of " + MODELS.keySet().stream().sorted().toList());
    }
    String prompt = Fields.requiredString(body, "prompt");
    if (prompt.length() > PROMPT_MAX) {
      throw BackbeatException.tooLong("prompt must be at most " + PROMPT_MAX + " characters; it has " + prompt.length());
    }
    int seconds = seconds(body.get("seconds"), model);
    String size = Fields.optionalString(body, "size");
    size = size == null || size.isBlank() ? (model.sizes().contains("720x1280") ? "720x1280" : "1280x720") : size.strip();
    if (!model.sizes().contains(size)) {
      throw BackbeatException.invalid("size must be one of " + model.sizes().stream().sorted().toList() + " for " + modelName);
    }
    String[] wh = size.split("x");
    String first = inputReference(body);
    VideoSpec spec =
        new VideoSpec(
            modelName, prompt.strip(), null, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), seconds, FPS, first, null, null, List.of(), null,
            false, false, null);
    return new ParsedTask(spec, PayloadScrubber.scrub(body));
  }

  private static int seconds(JsonNode node, Model model) {
    if (node == null || node.isNull()) {
      return model.defaultSeconds();
    }
    int value;
    if (node.isIntegralNumber()) {
      value = node.asInt();
    } else if (node.isTextual() && node.asText().strip().matches("\\d{1,3}")) {
      value = Integer.parseInt(node.asText().strip());
    } else {
      throw BackbeatException.invalid("seconds must be a whole number of seconds, as a string (\"4\") or an integer");
    }
    if (!model.seconds().contains(value)) {
      throw BackbeatException.invalid("seconds must be one of " + model.seconds().stream().sorted().toList());
    }
    return value;
  }

  /** {@code input_reference}: the first frame, as an image URL (or {@code {"image_url": …}}). */
  private String inputReference(ObjectNode body) {
    JsonNode node = body.get("input_reference");
    if (node == null || node.isNull()) {
      return null;
    }
    String url = node.isTextual() ? node.asText() : node.path("image_url").asText(null);
    if (url == null || url.isBlank() || !url.strip().toLowerCase(Locale.ROOT).matches("https?://.+")) {
      throw BackbeatException.invalid("input_reference must be an http(s) image URL (or {\"image_url\": \"…\"}); file uploads are not supported by this server");
    }
    return urls.check("input_reference", url.strip());
  }

  private void retrieve(Context ctx) {
    String id = ctx.pathParam("video_id").strip();
    Principal principal = Auth.principal(ctx);
    String taskId = taskId(id);
    creation.checkPoll(principal, taskId);
    // only answers of VIDEO tasks that video() found are remembered, so a hit needs no filtering
    Optional<TaskVersion> version = tasks.findVersion(principal.accountId(), taskId);
    byte[] body = version.map(finished::find).orElse(null);
    if (body == null) {
      // read after the version: the answer is never older than the version it is filed under
      byte[] rendered = Json.write(video(video(principal, taskId, id))).getBytes(StandardCharsets.UTF_8);
      version.ifPresent(v -> finished.remember(v, rendered));
      body = rendered;
    }
    ctx.status(200).contentType("application/json").result(body);
  }

  /** {@code ?limit=&after=&order=desc}: the account's videos, newest first, OpenAI's list object. */
  private void list(Context ctx) {
    Principal principal = Auth.principal(ctx);
    int limit = 20;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null && !limitParam.isBlank()) {
      try {
        limit = Integer.parseInt(limitParam.strip());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw BackbeatException.invalid("limit must be an integer between 1 and 100");
      }
    }
    String order = Optional.ofNullable(ctx.queryParam("order")).orElse("desc");
    if (!order.equals("desc")) {
      throw BackbeatException.invalid("order must be desc (newest first); asc is not supported by this server");
    }
    TaskQuery.Cursor cursor = null;
    String after = ctx.queryParam("after");
    if (after != null && !after.isBlank()) {
      String taskId = after.strip().startsWith(ID_PREFIX) ? after.strip().substring(ID_PREFIX.length()) : after.strip();
      Task from = tasks.find(principal.accountId(), taskId)
          .filter(task -> task.kind() == TaskKind.VIDEO)
          .orElseThrow(() -> BackbeatException.invalid("after must be the id of one of your videos"));
      cursor = new TaskQuery.Cursor(from.createdAt(), from.id());
    }
    List<Task> page = queries.list(new TaskQuery(principal.accountId(), null, TaskKind.VIDEO, null, null, cursor, limit + 1));
    ObjectNode body = Json.object().put("object", "list");
    com.fasterxml.jackson.databind.node.ArrayNode data = body.putArray("data");
    page.stream().limit(limit).forEach(task -> data.add(video(task)));
    if (data.isEmpty()) {
      body.putNull("first_id");
      body.putNull("last_id");
    } else {
      body.put("first_id", data.get(0).path("id").asText());
      body.put("last_id", data.get(data.size() - 1).path("id").asText());
    }
    body.put("has_more", page.size() > limit);
    ctx.status(200).contentType("application/json").result(Json.write(body));
  }

  /** {@code ?variant=video} (default) streams the MP4; {@code thumbnail} the poster image. */
  private void content(Context ctx) throws IOException {
    Task task = find(ctx);
    String variant = Optional.ofNullable(ctx.queryParam("variant")).orElse("video");
    String field = switch (variant) {
      case "video" -> "video";
      case "thumbnail" -> "cover";
      case "spritesheet" -> throw new BackbeatException(BackbeatError.UNSUPPORTED, "variant spritesheet is not made by this server; use video or thumbnail");
      default -> throw BackbeatException.invalid("variant must be video, thumbnail or spritesheet");
    };
    if (task.status() != TaskStatus.SUCCEEDED || task.result() == null) {
      throw BackbeatException.notFound("video " + ID_PREFIX + task.id() + " has no content yet (status " + status(task) + ")");
    }
    if (!task.result().hasNonNull(field)) {
      // a video made upstream comes without a poster image when the upstream sends none (Kling, DashScope)
      throw BackbeatException.notFound("video " + ID_PREFIX + task.id() + " has no " + variant + " (its upstream made none); variant=video is there");
    }
    String key = task.result().path(field).asText();
    StoredAsset asset = assets.find(key).orElseThrow(() -> BackbeatException.notFound("the content of video " + ID_PREFIX + task.id() + " has expired"));
    ctx.status(200);
    ctx.contentType(asset.contentType());
    ctx.header("Content-Length", Long.toString(asset.size()));
    ctx.result(assets.open(key, 0));
  }

  /** The caller's VIDEO task, whichever route made it. */
  private Task find(Context ctx) {
    String id = ctx.pathParam("video_id").strip();
    Principal principal = Auth.principal(ctx);
    String taskId = taskId(id);
    creation.checkPoll(principal, taskId);
    return video(principal, taskId, id);
  }

  private static String taskId(String videoId) {
    return videoId.startsWith(ID_PREFIX) ? videoId.substring(ID_PREFIX.length()) : videoId;
  }

  private Task video(Principal principal, String taskId, String videoId) {
    return tasks.find(principal.accountId(), taskId)
        .filter(task -> task.kind() == TaskKind.VIDEO)
        .orElseThrow(() -> BackbeatException.notFound("no video with id '" + videoId + "'"));
  }

  /** OpenAI's video object. */
  static ObjectNode video(Task task) {
    VideoSpec spec = (VideoSpec) task.spec();
    ObjectNode video = Json.object();
    video.put("id", ID_PREFIX + task.id());
    video.put("object", "video");
    video.put("model", spec.model());
    video.put("status", status(task));
    video.put("progress", task.status() == TaskStatus.SUCCEEDED ? 100 : 0);
    video.put("created_at", task.createdAt().getEpochSecond());
    if (task.status().isTerminal() && task.finishedAt() != null) {
      video.put("completed_at", task.finishedAt().getEpochSecond());
    } else {
      video.putNull("completed_at");
    }
    video.putNull("expires_at");
    video.put("prompt", spec.prompt());
    double seconds = task.status() == TaskStatus.SUCCEEDED && task.result() != null && task.result().has("duration")
        ? task.result().path("duration").asDouble()
        : spec.durationSeconds();
    video.put("seconds", Long.toString(Math.round(seconds)));
    video.put("size", spec.width() + "x" + spec.height());
    video.putNull("remixed_from_video_id");
    if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED) {
      ObjectNode error = video.putObject("error");
      error.put("code", task.status() == TaskStatus.CANCELED ? "canceled" : task.errorCode() == null ? "generation_failed" : task.errorCode().toLowerCase(Locale.ROOT));
      error.put("message", task.status() == TaskStatus.CANCELED ? "the video was canceled" : task.errorMessage());
    } else {
      video.putNull("error");
    }
    return video;
  }

  /** OpenAI's states: queued, in_progress, completed, failed. */
  static String status(Task task) {
    return switch (task.status()) {
      case QUEUED -> "queued";
      case RUNNING -> "in_progress";
      case SUCCEEDED -> "completed";
      case FAILED, CANCELED -> "failed";
    };
  }
}
