package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.core.webhook.Callback;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /suno/generate-lyrics} and {@code GET /suno/query/lyrics} (contract-music.md §2.8,
 * §2.18, §3.2, §4.3). Canonical result: {@code {"lyrics":[{"title":…,"text":…}, …]}}.
 */
final class SunoLyrics {
  static final String FAMILY = "suno.lyrics";
  static final int MAX_PROMPT_WORDS = 200;
  /** 200 long words fit easily; anything past this is not a lyrics prompt. */
  static final int MAX_PROMPT_CHARS = 3000;

  private static final Pattern WORDS = Pattern.compile("\\s+");

  private final SunoDialect dialect;

  SunoLyrics(SunoDialect dialect) {
    this.dialect = dialect;
  }

  ParsedTask parse(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String prompt = Fields.requiredString(body, "prompt");
    int words = WORDS.split(prompt.strip()).length;
    if (words > MAX_PROMPT_WORDS || prompt.length() > MAX_PROMPT_CHARS) {
      throw BackbeatException.tooLong(
          "prompt too long (exceeds " + MAX_PROMPT_WORDS + " words): it has " + words + " words and " + prompt.length() + " characters");
    }
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(new LyricsSpec(prompt.strip(), callbackUrl), dialect.originalPayload(body));
  }

  ObjectNode answer(Task task) {
    ObjectNode data = Json.object();
    data.put("taskId", task.id());
    data.put("param", dialect.param(task));
    ObjectNode response = data.putObject("response");
    response.put("taskId", task.id());
    response.set("data", items(task));
    data.put("status", status(task));
    data.put("type", "LYRICS");
    dialect.putError(data, task);
    data.put("createTime", SunoTime.format(task.createdAt()));
    return data;
  }

  /** Lyrics tasks have one callback stage: complete (or error). */
  List<Callback> callbacks(Task task, Transition transition) {
    ObjectNode root = Json.object();
    ObjectNode data = Json.object();
    if (task.status() == TaskStatus.SUCCEEDED) {
      root.put("code", 200).put("msg", "All generated successfully.");
      data.put("callbackType", "complete").put("taskId", task.id());
      data.set("data", items(task));
    } else if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED) {
      root.put("code", task.status() == TaskStatus.CANCELED ? 400 : SunoErrors.failureCode(FailureCode.valueOf(task.errorCode())));
      root.put("msg", "Lyrics generation failed" + (task.errorMessage() != null ? ": " + task.errorMessage() : ""));
      data.put("callbackType", "error").put("taskId", task.id());
      data.putNull("data");
    } else {
      return List.of();
    }
    root.set("data", data);
    return List.of(new Callback(data.get("callbackType").asText(), Json.write(root)));
  }

  private static ArrayNode items(Task task) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    if (task.status() != TaskStatus.SUCCEEDED || task.result() == null) {
      return items;
    }
    for (JsonNode lyric : task.result().path("lyrics")) {
      items.addObject()
          .put("text", lyric.path("text").asText())
          .put("title", lyric.path("title").asText())
          .put("status", "complete")
          .put("errorMessage", "");
    }
    return items;
  }

  private static String status(Task task) {
    return switch (task.status()) {
      case QUEUED, RUNNING -> "PENDING";
      case SUCCEEDED -> "SUCCESS";
      case CANCELED -> "GENERATE_LYRICS_FAILED";
      case FAILED ->
          FailureCode.SENSITIVE_CONTENT.name().equals(task.errorCode()) ? "SENSITIVE_WORD_ERROR" : "GENERATE_LYRICS_FAILED";
    };
  }
}
