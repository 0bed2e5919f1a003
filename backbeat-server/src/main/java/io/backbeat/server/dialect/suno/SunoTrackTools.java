package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.core.task.spec.TimestampedLyricsSpec;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;

/**
 * The synchronous helpers that answer at once (contract-music.md §2.9, §2.10, §3.7): {@code
 * timestamped-lyrics} (a finished track's words with their times, a waveform, an alignment score)
 * and {@code style-generate} (a rough style hint expanded). Each is a task like any other (listed,
 * idempotent), whose answer is written when it ends; neither has a query route or callbacks.
 */
final class SunoTrackTools {
  static final String LYRICS_FAMILY = "suno.timestamped-lyrics";
  static final String STYLE_FAMILY = "suno.style";
  /** A style hint: as long as a style may be (§5.2). */
  static final int STYLE_HINT_MAX = 1000;

  private final SunoDialect dialect;
  private final SunoSources sources;

  SunoTrackTools(SunoDialect dialect, SunoSources sources) {
    this.dialect = dialect;
    this.sources = sources;
  }

  /** {@code POST /suno/timestamped-lyrics}: required taskId and audioId of a finished track of the caller's. */
  ParsedTask parseTimestampedLyrics(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String taskId = Fields.requiredString(body, "taskId").strip();
    String audioId = Fields.requiredString(body, "audioId").strip();
    SunoSources.Source source = sources.of(Auth.principal(ctx), taskId, audioId);
    return new ParsedTask(new TimestampedLyricsSpec(new ClipRef(source.task().id(), source.audioId())), dialect.originalPayload(body));
  }

  /**
   * {@code data}: {@code alignedWords[]} ({@code word}, {@code success}, {@code startS}, {@code
   * endS}, {@code palign}), {@code waveformData}, {@code hootCer}, {@code isStreamed}. An
   * instrumental track has no words: {@code alignedWords} is empty, the waveform is still there.
   */
  TaskCreation.Response timestampedLyrics(Task task) {
    if (task.status() != TaskStatus.SUCCEEDED) {
      return dialect.failedAnswer(task);
    }
    JsonNode result = task.result();
    ObjectNode data = Json.object();
    ArrayNode words = data.putArray("alignedWords");
    for (JsonNode w : result.path("words")) {
      words.addObject()
          .put("word", w.path("word").asText())
          .put("success", w.path("success").asBoolean(true))
          .put("startS", w.path("startS").asDouble())
          .put("endS", w.path("endS").asDouble())
          .put("palign", w.path("palign").asInt(0));
    }
    ArrayNode waveform = data.putArray("waveformData");
    result.path("waveform").forEach(v -> waveform.add(v.asDouble()));
    data.put("hootCer", result.path("alignmentScore").asDouble(0));
    data.put("isStreamed", result.path("streamed").asBoolean(false));
    return new TaskCreation.Response(200, dialect.successBody(data));
  }

  /** {@code POST /suno/style-generate}: required {@code content}, the rough hint. */
  ParsedTask parseStyle(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String content = Fields.requiredString(body, "content");
    if (content.length() > STYLE_HINT_MAX) {
      throw BackbeatException.tooLong("content is too long: " + content.length() + " characters; at most " + STYLE_HINT_MAX);
    }
    return new ParsedTask(new StyleBoostSpec(content.strip()), dialect.originalPayload(body));
  }

  /**
   * {@code data}: {@code taskId}, {@code param}, {@code result} (the expanded style), {@code
   * creditsConsumed}, {@code creditsRemaining}, {@code successFlag} ("0" pending, "1" success, "2"
   * failed: its own words, §3.7), {@code errorCode}, {@code errorMessage}, {@code createTime}.
   */
  TaskCreation.Response style(Task task) {
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("param", dialect.param(task));
    boolean ok = task.status() == TaskStatus.SUCCEEDED;
    data.put("result", ok ? task.result().path("style").asText() : "");
    // style boosts are free by default; balances are on GET /v1/account, not known to the dialect
    data.put("creditsConsumed", 0);
    data.putNull("creditsRemaining");
    data.put("successFlag", ok ? "1" : task.status().isTerminal() ? "2" : "0");
    dialect.putError(data, task);
    data.put("createTime", SunoTime.format(task.createdAt()));
    return new TaskCreation.Response(200, dialect.successBody(data));
  }
}
