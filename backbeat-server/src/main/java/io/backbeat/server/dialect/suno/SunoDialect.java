package io.backbeat.server.dialect.suno;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.persona.PersonaService;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.account.Principal;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.FinishedAnswers;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.PayloadScrubber;
import io.backbeat.server.http.RememberedPoll;
import io.backbeat.server.http.TaskCreation;
import io.backbeat.core.task.TaskKind;
import io.backbeat.server.http.Route;
import io.backbeat.server.http.RouteTable;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Suno-compatible AI Music surface: AnyInt's {@code /suno/*} paths and, as aliases of the same
 * routes, sunoapi.org's {@code /api/v1/*} paths (contract-music.md §1–§2), so clients written for
 * either work by changing only their base URL. Every answer is the envelope {@code {"code", "msg", "data"}}.
 */
public final class SunoDialect implements Dialect {
  public static final String NAME = "suno";
  private static final Logger LOG = LoggerFactory.getLogger(SunoDialect.class);

  private final TaskService tasks;
  private final TaskCreation creation;
  private final CallbackUrlCheck callbackUrlCheck;
  private final AssetUrls assetUrls;
  private final SunoLyrics lyrics;
  private final SunoGenerate generate;
  private final SunoMusic music;
  private final SunoUploads uploads;
  private final SunoExtend extend;
  private final SunoTrackTools trackTools;
  private final SunoReplaceSection replaceSection;
  private final SunoPersona persona;
  private final SunoOutputs outputs;
  private final List<Route> routes;

  public SunoDialect(
      TaskService tasks, TaskCreation creation, CallbackUrlCheck callbackUrlCheck, AssetUrls assetUrls, PersonaService personas) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.creation = requireNonNull(creation, "creation is null");
    this.callbackUrlCheck = requireNonNull(callbackUrlCheck, "callbackUrlCheck is null");
    this.assetUrls = requireNonNull(assetUrls, "assetUrls is null");
    this.lyrics = new SunoLyrics(this);
    this.generate = new SunoGenerate(this);
    this.music = new SunoMusic(this);
    this.uploads = new SunoUploads(this);
    SunoSources sources = new SunoSources(tasks);
    this.extend = new SunoExtend(this, sources);
    this.trackTools = new SunoTrackTools(this, sources);
    this.replaceSection = new SunoReplaceSection(this, sources);
    this.persona = new SunoPersona(this, sources, requireNonNull(personas, "personas is null"));
    this.outputs = new SunoOutputs(this);
    this.routes = declareRoutes();
  }

  /** Every Suno route, once; the sunoapi.org path of each is an alias (contract-music.md §1.2–§1.4). */
  private List<Route> declareRoutes() {
    RouteTable table = new RouteTable(NAME, creation);
    table.post("/suno/generate").alias("/api/v1/generate").createsTask(TaskKind.SONG, SunoMusic.FAMILY, generate::parse, SunoDialect::accepted);
    table.get("/suno/query/task").alias("/api/v1/generate/record-info").queriesTasks(SunoMusic.FAMILY, poll(SunoMusic.FAMILY, music::answer));
    table.post("/suno/generate-lyrics").alias("/api/v1/lyrics").createsTask(TaskKind.LYRICS, SunoLyrics.FAMILY, lyrics::parse, SunoDialect::accepted);
    table.get("/suno/query/lyrics").alias("/api/v1/lyrics/record-info").queriesTasks(SunoLyrics.FAMILY, poll(SunoLyrics.FAMILY, lyrics::answer));
    table.post("/suno/upload-cover").alias("/api/v1/generate/upload-cover")
        .createsTask(TaskKind.UPLOAD_COVER, SunoMusic.FAMILY, uploads::parseCover, SunoDialect::accepted);
    table.post("/suno/upload-extend").alias("/api/v1/generate/upload-extend")
        .createsTask(TaskKind.UPLOAD_EXTEND, SunoMusic.FAMILY, uploads::parseExtend, SunoDialect::accepted);
    table.post("/suno/add-vocals").alias("/api/v1/generate/add-vocals")
        .createsTask(TaskKind.ADD_VOCALS, SunoMusic.FAMILY, uploads::parseVocals, SunoDialect::accepted);
    table.post("/suno/add-instrumental").alias("/api/v1/generate/add-instrumental")
        .createsTask(TaskKind.ADD_INSTRUMENTAL, SunoMusic.FAMILY, uploads::parseInstrumental, SunoDialect::accepted);
    table.post("/suno/extend").alias("/api/v1/generate/extend").createsTask(TaskKind.EXTEND, SunoMusic.FAMILY, extend::parse, SunoDialect::accepted);
    table.post("/suno/replace-section").alias("/api/v1/generate/replace-section")
        .createsTask(TaskKind.REPLACE_SECTION, SunoMusic.FAMILY, replaceSection::parse, SunoDialect::accepted);
    table.post("/suno/timestamped-lyrics").alias("/api/v1/generate/get-timestamped-lyrics")
        .createsTaskAndWaits(TaskKind.TIMESTAMPED_LYRICS, SunoTrackTools.LYRICS_FAMILY, Duration.ofMinutes(2), trackTools::parseTimestampedLyrics,
            trackTools::timestampedLyrics);
    table.post("/suno/generate-persona").alias("/api/v1/generate/generate-persona")
        .createsTaskAndWaits(TaskKind.PERSONA, SunoPersona.FAMILY, Duration.ofMinutes(1), persona::parse, persona::answer);
    table.post("/suno/style-generate").alias("/api/v1/style/generate")
        .createsTaskAndWaits(TaskKind.STYLE, SunoTrackTools.STYLE_FAMILY, Duration.ofSeconds(30), trackTools::parseStyle, trackTools::style);
    declareOutputRoutes(table);
    return table.routes();
  }

  /** The outputs of a finished music task, each polled at its own query route (§2.11–§2.22). */
  private void declareOutputRoutes(RouteTable table) {
    table.post("/suno/wav-generate").alias("/api/v1/wav/generate")
        .createsTask(TaskKind.WAV, SunoOutputs.WAV_FAMILY, outputs::parseWav, SunoDialect::accepted);
    table.get("/suno/query/wav").alias("/api/v1/wav/record-info").queriesTasks(SunoOutputs.WAV_FAMILY, poll(SunoOutputs.WAV_FAMILY, outputs::answerWav));
    table.post("/suno/vocal-removal").alias("/api/v1/vocal-removal/generate")
        .createsTask(TaskKind.STEMS, SunoOutputs.STEMS_FAMILY, outputs::parseVocalRemoval, SunoDialect::accepted);
    // AnyInt's own route; upstream has no path for it (§2.14)
    table.post("/suno/split-stem").createsTask(TaskKind.STEMS, SunoOutputs.STEMS_FAMILY, outputs::parseSplitStem, SunoDialect::accepted);
    table.get("/suno/query/vocal-removal").alias("/api/v1/vocal-removal/record-info")
        .queriesTasks(SunoOutputs.STEMS_FAMILY, poll(SunoOutputs.STEMS_FAMILY, outputs::answerStems));
    table.post("/suno/mp4-generate").alias("/api/v1/mp4/generate")
        .createsTask(TaskKind.MP4, SunoOutputs.MP4_FAMILY, outputs::parseMp4, SunoDialect::accepted);
    table.get("/suno/query/mp4").alias("/api/v1/mp4/record-info").queriesTasks(SunoOutputs.MP4_FAMILY, poll(SunoOutputs.MP4_FAMILY, outputs::answerMp4));
    table.post("/suno/generate-cover").alias("/api/v1/suno/cover/generate")
        .createsTask(TaskKind.COVER_ART, SunoOutputs.COVER_FAMILY, outputs::parseCover, SunoDialect::accepted);
    table.get("/suno/query/cover").alias("/api/v1/suno/cover/record-info").queriesTasks(SunoOutputs.COVER_FAMILY, poll(SunoOutputs.COVER_FAMILY, outputs::answerCover));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/suno/", "/api/v1/");
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    SunoErrors.Code code = SunoErrors.of(error.error());
    ObjectNode body = Json.object().put("code", code.code()).put("msg", error.getMessage());
    String existing = ctx.attribute(SunoOutputs.EXISTING_TASK);
    if (existing != null) {
      body.putObject("data").put("taskId", existing); // generate-cover's "already generated" names the cover task (§2.11)
    } else {
      body.putNull("data");
    }
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.of(
        (task, transition) ->
            switch (task.route()) {
              case SunoLyrics.FAMILY -> lyrics.callbacks(task, transition);
              case SunoMusic.FAMILY -> music.callbacks(task, transition);
              case SunoOutputs.WAV_FAMILY, SunoOutputs.STEMS_FAMILY, SunoOutputs.MP4_FAMILY, SunoOutputs.COVER_FAMILY ->
                  outputs.callbacks(task, transition);
              default -> {
                // a route added without its callbacks: say so loudly, but never break the task's transition
                LOG.error("Suno renders no callbacks for query family {} (task {}); none sent", task.route(), task.id());
                yield List.of();
              }
            });
  }

  TaskService tasks() {
    return tasks;
  }

  AssetUrls assetUrls() {
    return assetUrls;
  }

  /** Reads and checks {@code callBackUrl} (required by every async Suno route). */
  String callbackUrl(ObjectNode body) {
    String url = Fields.requiredString(body, "callBackUrl");
    if (url.length() > 2048) {
      throw BackbeatException.invalid("callBackUrl must be at most 2048 characters");
    }
    return callbackUrlCheck.check("callBackUrl", url.strip());
  }

  /**
   * Reads and checks {@code uploadUrl}: an http(s) URL the egress policy could fetch (no credentials
   * in it, not resolving to a private address). Whether it serves usable audio is the task's to find out.
   */
  String sourceUrl(ObjectNode body) {
    String url = Fields.requiredString(body, "uploadUrl");
    if (url.length() > SunoUploads.UPLOAD_URL_MAX) {
      throw BackbeatException.invalid("uploadUrl must be at most " + SunoUploads.UPLOAD_URL_MAX + " characters");
    }
    return callbackUrlCheck.check("uploadUrl", url.strip());
  }

  /** The body as received, kept for support, with anything credential-like removed. */
  ObjectNode originalPayload(ObjectNode body) {
    return PayloadScrubber.scrub(body);
  }

  /** Suno's {@code param}: the request's parameters as a JSON string, without the callback URL. */
  String param(Task task) {
    ObjectNode param = task.originalPayload() != null ? task.originalPayload().deepCopy() : Json.object();
    param.remove("callBackUrl");
    return Json.write(param);
  }

  /** Every async Suno create answers {@code {code:200,msg:"success",data:{taskId}}}. */
  static String accepted(Task task) {
    return Json.write(envelope(Json.object().put("taskId", task.id())));
  }

  private static ObjectNode envelope(ObjectNode data) {
    ObjectNode body = Json.object().put("code", 200).put("msg", "success");
    body.set("data", data);
    return body;
  }

  /** The success envelope around {@code data}, as JSON text. */
  String successBody(ObjectNode data) {
    return Json.write(envelope(data));
  }

  /**
   * The answer of a synchronous route whose task failed or was canceled: the error envelope with
   * the task's Suno code ({@code 501} generation failures answer HTTP 500: 501 means "not implemented").
   */
  TaskCreation.Response failedAnswer(Task task) {
    int code =
        task.status() == TaskStatus.FAILED ? SunoErrors.failureCode(FailureCode.valueOf(task.errorCode())) : 400;
    String msg = task.status() == TaskStatus.FAILED ? task.errorMessage() : "task " + task.id() + " was " + task.status().dbValue();
    return errorAnswer(code, msg);
  }

  /** {@code {"code", "msg", "data": null}} with the HTTP status mirroring the code (500 for 501). */
  TaskCreation.Response errorAnswer(int code, String msg) {
    ObjectNode body = Json.object().put("code", code).put("msg", msg);
    body.putNull("data");
    return new TaskCreation.Response(code == 501 ? 500 : code, Json.write(body));
  }

  /**
   * A query route of {@code family}: the caller's task as {@code data} renders it in the success
   * envelope, or a 404 that says where to look instead. A finished task whose version has not moved
   * is answered from {@link FinishedAnswers} without reading its row's JSON.
   */
  RememberedPoll poll(String family, Function<Task, ObjectNode> data) {
    FinishedAnswers finished = new FinishedAnswers();
    return new RememberedPoll() {
      @Override
      public void handle(Context ctx) {
        String taskId = ctx.queryParam("taskId");
        if (taskId == null || taskId.isBlank()) {
          throw BackbeatException.invalid("taskId is required as a query parameter: " + ctx.path() + "?taskId=<taskId>");
        }
        String id = taskId.strip();
        Principal principal = Auth.principal(ctx);
        creation.checkPoll(principal, id);
        TaskVersion version = tasks.findVersion(principal.accountId(), id).orElseThrow(() -> noSuchTask(id));
        if (!version.route().equals(family)) {
          throw BackbeatException.notFound("task '" + version.id() + "' is not polled at " + ctx.path());
        }
        byte[] body = finished.find(version);
        if (body == null) {
          // read after the version: the answer is never older than the version it is filed under
          Task task = tasks.find(principal.accountId(), id).orElseThrow(() -> noSuchTask(id));
          body = successBody(data.apply(task)).getBytes(StandardCharsets.UTF_8);
          finished.remember(version, body);
        }
        ctx.status(200).contentType("application/json").result(body);
      }

      @Override
      public byte[] remembered(Principal principal, String taskId) {
        // the same version read as handle(): the caller's own task of this family, unchanged since rendered
        return tasks.findVersion(principal.accountId(), taskId)
            .filter(version -> version.route().equals(family))
            .map(finished::find)
            .orElse(null);
      }
    };
  }

  private static BackbeatException noSuchTask(String id) {
    return BackbeatException.notFound("no task with taskId '" + id + "'");
  }

  /** {@code errorCode}/{@code errorMessage}: null unless the task failed or was canceled. */
  void putError(ObjectNode data, Task task) {
    if (task.status() == TaskStatus.FAILED) {
      data.put("errorCode", SunoErrors.failureCode(FailureCode.valueOf(task.errorCode())));
      data.put("errorMessage", task.errorMessage());
    } else if (task.status() == TaskStatus.CANCELED) {
      data.put("errorCode", 400);
      data.put("errorMessage", "task was canceled");
    } else {
      data.putNull("errorCode");
      data.putNull("errorMessage");
    }
  }
}
