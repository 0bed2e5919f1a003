package io.backbeat.server.dialect.dashscope;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.PayloadScrubber;
import io.backbeat.server.http.Route;
import io.backbeat.server.http.RouteTable;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The DashScope surface under {@code /dashscope/v1} (contract-media.md §1–§4), the upstream's
 * {@code /api/v1} paths: the synchronous qwen-image route, the asynchronous wan video route and the
 * task routes. Errors are DashScope's flat {@code {"request_id","code","message"}} with its HTTP
 * statuses, and no answer ever carries a top-level {@code data} key (the task list's {@code data}
 * array is upstream's own). Unknown request fields are ignored, as upstream does.
 */
public final class DashScopeDialect implements Dialect {
  public static final String NAME = "dashscope";
  public static final String PREFIX = "/dashscope/v1";
  /** The header upstream requires on asynchronous routes and refuses on synchronous ones. */
  static final String ASYNC_HEADER = "X-DashScope-Async";
  /** How long the synchronous image route waits for its task. */
  static final Duration IMAGE_WAIT = Duration.ofSeconds(180);

  private final TaskService tasks;
  private final TaskCreation creation;
  private final CallbackUrlCheck sourceUrls;
  private final AssetUrls assetUrls;
  private final TaskQueries queries;
  private final InstantSource clock;
  private final DashScopeImages images = new DashScopeImages(this);
  private final DashScopeVideos videos = new DashScopeVideos(this);
  private final DashScopeTasks taskRoutes = new DashScopeTasks(this);
  private final List<Route> routes;

  /**
   * @param sourceUrls checks the URLs tasks will fetch (first frames, audio, reference images)
   *     against the egress policy when the task is created
   */
  public DashScopeDialect(
      TaskService tasks, TaskCreation creation, CallbackUrlCheck sourceUrls, AssetUrls assetUrls, TaskQueries queries, InstantSource clock) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.creation = requireNonNull(creation, "creation is null");
    this.sourceUrls = requireNonNull(sourceUrls, "sourceUrls is null");
    this.assetUrls = requireNonNull(assetUrls, "assetUrls is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.routes = declareRoutes();
  }

  private List<Route> declareRoutes() {
    RouteTable table = new RouteTable(NAME, creation);
    table.post(PREFIX + "/services/aigc/multimodal-generation/generation")
        .createsTaskAndWaits(TaskKind.IMAGE, DashScopeImages.FAMILY, IMAGE_WAIT, images::parse, images::answer);
    table.post(PREFIX + "/services/aigc/video-generation/video-synthesis")
        .createsTask(TaskKind.VIDEO, DashScopeVideos.FAMILY, videos::parse, DashScopeVideos::accepted);
    table.get(PREFIX + "/tasks/{task_id}").queriesTasks(DashScopeVideos.FAMILY, taskRoutes::query);
    table.get(PREFIX + "/tasks").alias(PREFIX + "/tasks/").handles("list DashScope tasks of a 24-hour window", taskRoutes::list);
    table.post(PREFIX + "/tasks/{task_id}/cancel").handles("cancel a PENDING DashScope task", taskRoutes::cancel);
    return table.routes();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/dashscope/");
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    DashScopeErrors.Code code = DashScopeErrors.of(ctx, error.error());
    ObjectNode body = Json.object().put("request_id", requestId()).put("code", code.code()).put("message", error.getMessage());
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  /** DashScope has no callbacks: clients poll {@code /tasks/{task_id}}. */
  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.empty();
  }

  TaskService tasks() {
    return tasks;
  }

  TaskCreation creation() {
    return creation;
  }

  AssetUrls assetUrls() {
    return assetUrls;
  }

  TaskQueries queries() {
    return queries;
  }

  InstantSource clock() {
    return clock;
  }

  DashScopeImages images() {
    return images;
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }

  /** Whether the request asked for asynchronous processing ({@code X-DashScope-Async: enable}). */
  static boolean asyncRequested(Context ctx) {
    String value = ctx.header(ASYNC_HEADER);
    return value != null && value.strip().equalsIgnoreCase("enable");
  }

  /** A URL the task will fetch: http(s), within the egress policy; data: URLs are not taken. */
  String sourceUrl(String field, String url) {
    String stripped = url.strip();
    if (stripped.regionMatches(true, 0, "data:", 0, 5)) {
      throw BackbeatException.invalid(field + ": data: URLs are not accepted here; give an http(s) URL of the file");
    }
    if (stripped.length() > 2048) {
      throw BackbeatException.invalid(field + " must be at most 2048 characters");
    }
    return sourceUrls.check(field, stripped);
  }

  /** The body as received, kept for support, with anything credential-like removed. */
  ObjectNode originalPayload(ObjectNode body) {
    return PayloadScrubber.scrub(body);
  }

  /** {@code body.input}, required: without it upstream answers {@code BadRequest.EmptyInput}. */
  static ObjectNode input(Context ctx, ObjectNode body) {
    JsonNode node = body.get("input");
    if (node == null || node.isNull()) {
      throw DashScopeErrors.specific(
          ctx, BackbeatError.INVALID_PARAMETER, 400, "BadRequest.EmptyInput", "Required input parameter missing from request: input is required");
    }
    return object(body, "input");
  }

  /** {@code body.field} as an object; absent is an empty object. */
  static ObjectNode object(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Json.object();
    }
    if (!(node instanceof ObjectNode object)) {
      throw BackbeatException.invalid(field + " must be an object");
    }
    return object;
  }

  /** A whole number in [min, max], or {@code fallback} when absent; {@code outOfRange} overrides the message. */
  static int optionalInt(ObjectNode node, String label, String field, int min, int max, int fallback, String outOfRange) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw BackbeatException.invalid(outOfRange != null ? outOfRange : label + " must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  /** {@code parameters.seed} in [0, 2147483647], or null. */
  static Long optionalSeed(ObjectNode parameters) {
    JsonNode seed = parameters.get("seed");
    if (seed == null || seed.isNull()) {
      return null;
    }
    if (!seed.isIntegralNumber() || seed.asLong() < 0 || seed.asLong() > DashScopeImages.SEED_MAX) {
      throw BackbeatException.invalid("parameters.seed must be a whole number from 0 to " + DashScopeImages.SEED_MAX);
    }
    return seed.asLong();
  }

  /** {@code W*H} → {width, height}. */
  static int[] dimensions(String size) {
    int star = size.indexOf('*');
    return new int[] {Integer.parseInt(size.substring(0, star)), Integer.parseInt(size.substring(star + 1))};
  }
}
