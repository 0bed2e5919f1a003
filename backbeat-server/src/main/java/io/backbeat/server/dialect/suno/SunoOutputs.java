package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.CoverArtSpec;
import io.backbeat.core.task.spec.MusicVideoSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.core.task.spec.WavSpec;
import io.backbeat.core.webhook.Callback;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of a finished music task (contract-music.md §2.11, §2.13–§2.16, §2.19–§2.22, §3.3–§3.6,
 * §4.4–§4.7): {@code wav-generate}, {@code vocal-removal}/{@code split-stem}, {@code mp4-generate} and
 * {@code generate-cover}, each with its own query family, status vocabulary and callback shape.
 *
 * <p>Every create checks its source at once, so a request that can never work costs nothing: the
 * music task exists and is the caller's (else 404), is a music task that finished (else 400), and
 * the {@code audioId} is one of its tracks (else 404). One WAV per track (409 while one is queued,
 * running or done) and one cover set per music task (400 with the existing {@code taskId} in
 * {@code data}, as upstream documents).
 *
 * <p>Canonical results read here: WAV {@code {"wav":key}}; stems {@code {"origin":key,"stems":{name:key}}}
 * with the contract's stem names in snake case; video {@code {"video":key}}; cover art {@code {"images":[key,key]}}.
 */
final class SunoOutputs {
  static final String WAV_FAMILY = "suno.wav";
  static final String STEMS_FAMILY = "suno.stems";
  static final String MP4_FAMILY = "suno.mp4";
  static final String COVER_FAMILY = "suno.cover";
  /** The ctx attribute carrying the existing cover task's id into the error body (§2.11). */
  static final String EXISTING_TASK = "suno.existingTaskId";
  static final int MP4_TEXT_MAX = 50;

  /** Stem names of {@code split_stem} (§2.13), in the order of the query's {@code response} (§2.19). */
  static final List<String> SPLIT_STEMS =
      List.of("vocals", "backing_vocals", "drums", "bass", "guitar", "keyboard", "percussion", "strings", "synth", "fx", "brass", "woodwinds");

  private static final Set<TaskKind> MUSIC_KINDS =
      EnumSet.of(
          TaskKind.SONG, TaskKind.EXTEND, TaskKind.UPLOAD_COVER, TaskKind.UPLOAD_EXTEND, TaskKind.ADD_VOCALS, TaskKind.ADD_INSTRUMENTAL,
          TaskKind.REPLACE_SECTION);
  private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  private final SunoDialect dialect;

  SunoOutputs(SunoDialect dialect) {
    this.dialect = dialect;
  }

  // ---- creates ------------------------------------------------------------------------------

  /** {@code POST /suno/wav-generate}: taskId, audioId, callBackUrl (§2.15). */
  ParsedTask parseWav(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    ClipRef source = clip(ctx, body);
    String callbackUrl = dialect.callbackUrl(body);
    // the store refuses a second WAV of the track in the create's transaction (no race)
    return new ParsedTask(new WavSpec(source, callbackUrl), dialect.originalPayload(body))
        .whenClaimed(
            existing ->
                new BackbeatException(
                    io.backbeat.core.error.BackbeatError.ALREADY_EXISTS,
                    "WAV record already exists for track " + source.clipId() + ": task " + existing + " (poll it at /suno/query/wav)"));
  }

  /** {@code POST /suno/vocal-removal}: taskId, audioId, type (separate_vocal, default, or split_stem), callBackUrl (§2.13). */
  ParsedTask parseVocalRemoval(Context ctx) {
    return parseStems(ctx, false);
  }

  /** {@code POST /suno/split-stem}: vocal removal with {@code type} split_stem (§2.14). */
  ParsedTask parseSplitStem(Context ctx) {
    return parseStems(ctx, true);
  }

  private ParsedTask parseStems(Context ctx, boolean splitOnly) {
    ObjectNode body = Json.parseObject(ctx.body());
    String type = Fields.optionalString(body, "type");
    StemsSpec.Separation separation;
    if (type == null || type.isEmpty()) {
      separation = splitOnly ? StemsSpec.Separation.ALL_STEMS : StemsSpec.Separation.VOCAL_AND_INSTRUMENTAL;
    } else if (type.equals("split_stem")) {
      separation = StemsSpec.Separation.ALL_STEMS;
    } else if (type.equals("separate_vocal") && !splitOnly) {
      separation = StemsSpec.Separation.VOCAL_AND_INSTRUMENTAL;
    } else {
      throw BackbeatException.invalid(
          splitOnly
              ? "type must be split_stem (or absent) on split-stem, not '" + type + "'; use vocal-removal for separate_vocal"
              : "type must be separate_vocal or split_stem, not '" + type + "'");
    }
    ClipRef source = clip(ctx, body);
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(new StemsSpec(source, separation, callbackUrl), dialect.originalPayload(body));
  }

  /** {@code POST /suno/mp4-generate}: taskId, audioId, callBackUrl, author and domainName (≤ 50 each) (§2.16). */
  ParsedTask parseMp4(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String author = shortText(body, "author");
    String domainName = shortText(body, "domainName");
    ClipRef source = clip(ctx, body);
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(new MusicVideoSpec(source, author, domainName, callbackUrl), dialect.originalPayload(body));
  }

  /** {@code POST /suno/generate-cover}: taskId, callBackUrl; one cover set per music task (§2.11). */
  ParsedTask parseCover(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    Task source = finishedMusic(ctx, body);
    String callbackUrl = dialect.callbackUrl(body);
    // the store refuses a second cover set in the create's transaction; upstream answers 400 + its taskId
    return new ParsedTask(new CoverArtSpec(source.id(), callbackUrl), dialect.originalPayload(body))
        .whenClaimed(
            existing -> {
              ctx.attribute(EXISTING_TASK, existing);
              return BackbeatException.invalid("cover already generated for this task: its taskId is " + existing + " (poll it at /suno/query/cover)");
            });
  }

  private static String shortText(ObjectNode body, String field) {
    String text = Fields.optionalString(body, field);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.strip().length() > MP4_TEXT_MAX) {
      throw BackbeatException.invalid(field + " must be at most " + MP4_TEXT_MAX + " characters, it has " + text.strip().length());
    }
    return text.strip();
  }

  /** taskId + audioId: a track of one of the caller's finished music tasks. */
  private ClipRef clip(Context ctx, ObjectNode body) {
    String audioId = Fields.requiredString(body, "audioId").strip();
    Task source = finishedMusic(ctx, body);
    for (JsonNode clip : source.result().path("clips")) {
      if (audioId.equals(clip.path("id").asText())) {
        return new ClipRef(source.id(), audioId);
      }
    }
    throw BackbeatException.notFound("audioId '" + audioId + "' is not a track of task " + source.id() + " (see its sunoData[].id)");
  }

  /** The caller's music task {@code taskId}, finished with its tracks. */
  private Task finishedMusic(Context ctx, ObjectNode body) {
    String taskId = Fields.requiredString(body, "taskId").strip();
    Task source =
        dialect.tasks().find(Auth.principal(ctx).accountId(), taskId)
            .orElseThrow(() -> BackbeatException.notFound("no music task with taskId '" + taskId + "'"));
    if (!MUSIC_KINDS.contains(source.kind())) {
      throw BackbeatException.invalid("task " + taskId + " is not a music task (it is " + source.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    switch (source.status()) {
      case QUEUED, RUNNING ->
          throw BackbeatException.invalid("music task " + taskId + " has not finished yet; call this after its status is SUCCESS");
      case FAILED, CANCELED ->
          throw BackbeatException.invalid("music task " + taskId + " did not succeed (" + source.status().name().toLowerCase(java.util.Locale.ROOT) + "): it has no tracks");
      case SUCCEEDED -> {}
    }
    if (source.result() == null || !source.result().path("clips").isArray()) {
      throw BackbeatException.invalid("music task " + taskId + " has no tracks any more (its records were purged)");
    }
    return source;
  }

  // ---- queries ------------------------------------------------------------------------------

  /** {@code GET /suno/query/wav} (§2.20, §3.3). */
  ObjectNode answerWav(Task task) {
    WavSpec spec = (WavSpec) task.spec();
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("musicId", spec.source().clipId());
    data.put("callbackUrl", spec.callbackUrl());
    data.put("completeTime", SunoTime.format(task.finishedAt()));
    data.putObject("response").put("audioWavUrl", url(succeeded(task) ? task.result().path("wav") : null));
    data.put("successFlag", flag(task, "GENERATE_WAV_FAILED"));
    data.put("createTime", SunoTime.format(task.createdAt()));
    dialect.putError(data, task);
    return data;
  }

  /** {@code GET /suno/query/vocal-removal} (§2.19, §3.4): times in epoch milliseconds. */
  ObjectNode answerStems(Task task) {
    StemsSpec spec = (StemsSpec) task.spec();
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("musicId", spec.source().clipId());
    data.put("callbackUrl", spec.callbackUrl());
    data.put("audioId", spec.source().clipId());
    if (task.finishedAt() != null) {
      data.put("completeTime", task.finishedAt().toEpochMilli());
    } else {
      data.putNull("completeTime");
    }
    ObjectNode response = data.putObject("response");
    for (Map.Entry<String, String> field : stemUrls(task).entrySet()) {
      response.put(camel(field.getKey()) + "Url", field.getValue());
    }
    data.put("successFlag", flag(task, "GENERATE_AUDIO_FAILED"));
    data.put("createTime", task.createdAt().toEpochMilli());
    dialect.putError(data, task);
    return data;
  }

  /** {@code GET /suno/query/mp4} (§2.21, §3.5). */
  ObjectNode answerMp4(Task task) {
    MusicVideoSpec spec = (MusicVideoSpec) task.spec();
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("musicId", spec.source().clipId());
    data.put("callbackUrl", spec.callbackUrl());
    data.put("audioId", spec.source().clipId());
    data.put("completeTime", SunoTime.format(task.finishedAt()));
    ObjectNode response = data.putObject("response");
    if (succeeded(task)) {
      response.put("videoUrl", url(task.result().path("video")));
    }
    data.put("successFlag", flag(task, "GENERATE_MP4_FAILED"));
    data.put("createTime", SunoTime.format(task.createdAt()));
    dialect.putError(data, task);
    return data;
  }

  /** {@code GET /suno/query/cover} (§2.22, §3.6): integer successFlag, ISO times. */
  ObjectNode answerCover(Task task) {
    CoverArtSpec spec = (CoverArtSpec) task.spec();
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("parentTaskId", spec.sourceTaskId());
    data.put("callbackUrl", spec.callbackUrl());
    data.put("completeTime", iso(task.finishedAt()));
    ObjectNode response = data.putObject("response");
    if (succeeded(task)) {
      response.set("images", images(task));
    } else {
      response.putNull("images");
    }
    data.put("successFlag", coverFlag(task));
    data.put("createTime", iso(task.createdAt()));
    if (succeeded(task)) {
      data.put("errorCode", 200);
      data.putNull("errorMessage");
    } else {
      dialect.putError(data, task);
    }
    return data;
  }

  // ---- callbacks ----------------------------------------------------------------------------

  List<Callback> callbacks(Task task, Transition transition) {
    boolean ok = task.status() == TaskStatus.SUCCEEDED;
    boolean failed = task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED;
    if (!ok && !failed) {
      return List.of(); // these families have one callback, at the end
    }
    ObjectNode root = Json.object();
    root.put("code", ok ? 200 : failureCode(task));
    ObjectNode data = Json.object();
    switch (task.route()) {
      case WAV_FAMILY -> {
        root.put("msg", ok ? "success" : "WAV format conversion failed" + reason(task));
        data.put("audioWavUrl", ok ? url(task.result().path("wav")) : null);
        data.put("task_id", task.id());
      }
      case STEMS_FAMILY -> {
        root.put("msg", ok ? "vocal Removal generated successfully." : "Vocal separation failed" + reason(task));
        data.put("task_id", task.id());
        if (ok) {
          ObjectNode info = data.putObject("vocal_removal_info");
          StemsSpec spec = (StemsSpec) task.spec();
          for (Map.Entry<String, String> field : stemUrls(task).entrySet()) {
            boolean split = spec.separation() == StemsSpec.Separation.ALL_STEMS;
            // each variant carries its own fields only (§4.5)
            if (split ? !field.getKey().equals("instrumental") : Set.of("instrumental", "origin", "vocal").contains(field.getKey())) {
              info.put(field.getKey() + "_url", field.getValue() == null ? "" : field.getValue());
            }
          }
        } else {
          data.putNull("vocal_removal_info");
        }
      }
      case MP4_FAMILY -> {
        root.put("msg", ok ? "MP4 generated successfully." : "Music video generation failed" + reason(task));
        data.put("task_id", task.id());
        data.put("video_url", ok ? url(task.result().path("video")) : null);
      }
      case COVER_FAMILY -> {
        root.put("msg", ok ? "success" : "Cover generation failed" + reason(task));
        data.put("taskId", task.id());
        if (ok) {
          data.set("images", images(task));
        } else {
          data.putNull("images");
        }
      }
      default -> throw new IllegalArgumentException("not an output family: " + task.route());
    }
    root.set("data", data);
    return List.of(new Callback(ok ? "complete" : "error", Json.write(root)));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * The stems response fields by snake-case stem name ({@code origin}, {@code instrumental}, {@code
   * vocal}, then the split stems): URLs of what the task made, null for what it did not. The canonical
   * {@code vocals} stem answers as Suno's {@code vocal} field.
   */
  private Map<String, String> stemUrls(Task task) {
    Map<String, String> urls = new LinkedHashMap<>();
    JsonNode result = succeeded(task) ? task.result() : null;
    JsonNode stems = result == null ? null : result.path("stems");
    urls.put("origin", result == null ? null : url(result.path("origin")));
    urls.put("instrumental", stems == null ? null : url(stems.path("instrumental")));
    urls.put("vocal", stems == null ? null : url(stems.path("vocals")));
    for (String name : SPLIT_STEMS) {
      if (!name.equals("vocals")) {
        urls.put(name, stems == null ? null : url(stems.path(name)));
      }
    }
    return urls;
  }

  private ArrayNode images(Task task) {
    ArrayNode images = Json.MAPPER.createArrayNode();
    for (JsonNode key : task.result().path("images")) {
      images.add(url(key));
    }
    return images;
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** An asset URL, or null for no asset. */
  private String url(JsonNode key) {
    return key != null && key.isTextual() ? dialect.assetUrls().url(key.asText()) : null;
  }

  private static boolean succeeded(Task task) {
    return task.status() == TaskStatus.SUCCEEDED && task.result() != null;
  }

  /** The string successFlag of WAV, stems and MP4 (§3.3–§3.5). */
  private static String flag(Task task, String failed) {
    return switch (task.status()) {
      case QUEUED, RUNNING -> "PENDING";
      case SUCCEEDED -> "SUCCESS";
      case FAILED, CANCELED -> failed;
    };
  }

  /** Cover art's integer successFlag (§3.6): 0 pending, 1 success, 2 generating, 3 failed. */
  private static int coverFlag(Task task) {
    return switch (task.status()) {
      case QUEUED -> 0;
      case RUNNING -> 2;
      case SUCCEEDED -> 1;
      case FAILED, CANCELED -> 3;
    };
  }

  private static int failureCode(Task task) {
    return task.status() == TaskStatus.CANCELED ? 400 : SunoErrors.failureCode(FailureCode.valueOf(task.errorCode()));
  }

  private static String reason(Task task) {
    if (task.status() == TaskStatus.CANCELED) {
      return ": task was canceled";
    }
    return task.errorMessage() == null ? "" : ": " + task.errorMessage();
  }

  private static String iso(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }
}
