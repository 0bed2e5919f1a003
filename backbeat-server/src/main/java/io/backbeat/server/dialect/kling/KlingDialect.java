package io.backbeat.server.dialect.kling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.FinishedAnswers;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.Route;
import io.backbeat.server.http.RouteTable;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Kling surface under {@code /transtreams/kling/v1} (contract-media.md §5–§8): image generation
 * (kling-v2-1), omni image and omni video (kling-v3-omni), text-to-video and image-to-video; each
 * with create, query by {@code task_id} or {@code external_task_id}, and the list form. Answers are
 * the {@code {code, message, request_id, data}} envelope with integer codes; errors carry no
 * {@code data}. Authenticates with the Backbeat API key or Kling's own signed JWT ({@link KlingAuth}).
 */
public final class KlingDialect implements Dialect {
  public static final String NAME = "kling";
  static final String PREFIX = "/transtreams/kling/v1";
  static final String IMAGE_GENERATIONS = "kling.images.generations";
  static final String OMNI_IMAGE = "kling.images.omni-image";
  static final String OMNI_VIDEO = "kling.videos.omni-video";
  static final String TEXT_TO_VIDEO = "kling.videos.text2video";
  static final String IMAGE_TO_VIDEO = "kling.videos.image2video";

  private final TaskService tasks;
  private final TaskQueries queries;
  private final TaskCreation creation;
  private final AccountService accounts;
  private final InstantSource clock;
  private final KlingRequests requests;
  private final KlingTasks render;
  private final List<Route> routes;
  /** Rendered {@code data} of finished tasks, by version (the version names the route). */
  private final FinishedAnswers finished = new FinishedAnswers();

  public KlingDialect(
      TaskService tasks, TaskQueries queries, TaskCreation creation, CallbackUrlCheck callbackUrls, AssetUrls assetUrls, AccountService accounts,
      InstantSource clock) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.creation = requireNonNull(creation, "creation is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.requests = new KlingRequests(callbackUrls);
    this.render = new KlingTasks(assetUrls);
    this.routes = declareRoutes();
  }

  private List<Route> declareRoutes() {
    RouteTable table = new RouteTable(NAME, creation);
    family(table, "/images/generations", TaskKind.IMAGE, IMAGE_GENERATIONS, requests::imageGeneration);
    family(table, "/images/omni-image", TaskKind.IMAGE, OMNI_IMAGE, requests::omniImage);
    family(table, "/videos/omni-video", TaskKind.VIDEO, OMNI_VIDEO, requests::omniVideo);
    family(table, "/videos/text2video", TaskKind.VIDEO, TEXT_TO_VIDEO, requests::textToVideo);
    family(table, "/videos/image2video", TaskKind.VIDEO, IMAGE_TO_VIDEO, requests::imageToVideo);
    return table.routes();
  }

  /** Create, query one ({@code task_id} or {@code external_task_id} in the path), and list. */
  private void family(RouteTable table, String path, TaskKind kind, String family, RouteTable.Parser parser) {
    table.post(PREFIX + path).createsTask(kind, family, parser, this::accepted);
    table.get(PREFIX + path + "/{task_id}").queriesTasks(family, ctx -> query(ctx, family));
    table.get(PREFIX + path).queriesTasks(family, ctx -> list(ctx, family, kind));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/transtreams/kling/");
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public Handler authentication(Auth auth) {
    return new KlingAuth(auth, accounts, clock);
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    KlingErrors.Code code = KlingErrors.of(error.error());
    Integer authCode = ctx.attribute(KlingAuth.CODE);
    int kling = error.error() == BackbeatError.UNAUTHORIZED && authCode != null ? authCode : code.code();
    String message = error.getMessage();
    if (error.error() == BackbeatError.ALREADY_EXISTS && ctx.method().name().equals("POST")) {
      // the one conflict a Kling create can hit; Kling clients (our relay too) look for the field's name
      message = "external_task_id already exists: " + message;
    }
    ObjectNode body = Json.object().put("code", kling).put("message", message).put("request_id", UUID.randomUUID().toString());
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.of(render::callbacks);
  }

  private String accepted(Task task) {
    String external = task.originalPayload() == null ? null : KlingRequests.externalTaskId(task.originalPayload());
    ObjectNode body = envelope(render.accepted(task, external));
    // the create's request id follows from its task, so an idempotent replay answers the very same bytes
    body.put("request_id", UUID.nameUUIDFromBytes(("create:" + task.id()).getBytes(StandardCharsets.UTF_8)).toString());
    return Json.write(body);
  }

  /**
   * One task by {@code task_id}, else by {@code external_task_id}. A finished task asked for by its
   * id whose version has not moved is answered from {@link #finished} (a fresh request id in front
   * of the {@code data} rendered last time), without reading its row or its reference again.
   */
  private void query(Context ctx, String family) {
    String id = ctx.pathParam("task_id").strip();
    Principal principal = Auth.principal(ctx);
    creation.checkPoll(principal, id);
    // empty for ids that are not task ids (external ones) and for other accounts' tasks
    Optional<TaskVersion> version = tasks.findVersion(principal.accountId(), id);
    if (version.isPresent()) {
      if (!version.get().route().equals(family)) {
        throw notFound(ctx, id);
      }
      byte[] data = finished.find(version.get());
      if (data != null) {
        ctx.status(200).contentType("application/json").result(envelope(data));
        return;
      }
    }
    // read after the version: the answer is never older than the version it is filed under
    Optional<Task> found = version.isPresent() ? tasks.find(principal.accountId(), id) : Optional.empty();
    boolean byId = found.isPresent();
    if (found.isEmpty()) {
      found = tasks.findByReference(principal.accountId(), id);
    }
    Task task = found.filter(t -> t.route().equals(family)).orElseThrow(() -> notFound(ctx, id));
    byte[] data = Json.write(render.data(task, tasks.referenceOf(task.id()).orElse(null))).getBytes(StandardCharsets.UTF_8);
    if (byId) {
      finished.remember(version.get(), data);
    }
    ctx.status(200).contentType("application/json").result(envelope(data));
  }

  private static BackbeatException notFound(Context ctx, String id) {
    return BackbeatException.notFound("no task with task_id or external_task_id '" + id + "' at " + ctx.path());
  }

  /** The success envelope around already rendered {@code data}, with a new request id. */
  static byte[] envelope(byte[] data) {
    byte[] head =
        ("{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"" + UUID.randomUUID() + "\",\"data\":").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + data.length + 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    out[out.length - 1] = '}';
    return out;
  }

  /** {@code ?pageNum=1&pageSize=30}: the family's tasks, newest first; {@code data} is an array. */
  private void list(Context ctx, String family, TaskKind kind) {
    int pageNum = pageParam(ctx, "pageNum", 1, 1000, 1);
    int pageSize = pageParam(ctx, "pageSize", 1, 500, 30);
    Principal principal = Auth.principal(ctx);
    long skip = (long) (pageNum - 1) * pageSize;
    ArrayNode data = Json.MAPPER.createArrayNode();
    TaskQuery.Cursor after = null;
    // tasks are paged by kind in the store; the family (route) is picked out here
    while (data.size() < pageSize) {
      List<Task> page = queries.list(new TaskQuery(principal.accountId(), null, kind, null, null, after, 500));
      for (Task task : page) {
        if (!task.route().equals(family)) {
          continue;
        }
        if (skip > 0) {
          skip--;
        } else if (data.size() < pageSize) {
          data.add(render.data(task, tasks.referenceOf(task.id()).orElse(null)));
        }
      }
      if (page.size() < 500) {
        break;
      }
      Task last = page.getLast();
      after = new TaskQuery.Cursor(last.createdAt(), last.id());
    }
    write(ctx, envelope(data));
  }

  private static int pageParam(Context ctx, String name, int min, int max, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw BackbeatException.invalid(name + " must be an integer between " + min + " and " + max);
  }

  private static ObjectNode envelope(com.fasterxml.jackson.databind.JsonNode data) {
    ObjectNode body = Json.object().put("code", 0).put("message", "SUCCEED").put("request_id", UUID.randomUUID().toString());
    body.set("data", data);
    return body;
  }

  private static void write(Context ctx, ObjectNode body) {
    ctx.status(200).contentType("application/json").result(Json.write(body));
  }
}
