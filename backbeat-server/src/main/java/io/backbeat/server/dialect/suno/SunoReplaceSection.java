package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code POST /suno/replace-section} (contract-music.md §2.7): re-composes the window {@code
 * infillStartS}–{@code infillEndS} of a finished track of the caller's with new words. Required:
 * {@code taskId}, {@code audioId}, {@code prompt} (the window's lyrics), {@code tags} (its style),
 * {@code title}, {@code infillStartS}, {@code infillEndS}; {@code negativeTags} and {@code
 * callBackUrl} optional. The window is 6–60 s, inside the track, and at most half of it. The
 * source's model is the task's. Polled at {@code /suno/query/task}.
 */
final class SunoReplaceSection {
  static final double MIN_WINDOW = 6;
  static final double MAX_WINDOW = 60;

  private final SunoDialect dialect;
  private final SunoSources sources;

  SunoReplaceSection(SunoDialect dialect, SunoSources sources) {
    this.dialect = dialect;
    this.sources = sources;
  }

  ParsedTask parse(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String taskId = Fields.requiredString(body, "taskId").strip();
    String audioId = Fields.requiredString(body, "audioId").strip();
    String prompt = Fields.requiredString(body, "prompt");
    String tags = Fields.requiredString(body, "tags");
    String title = Fields.requiredString(body, "title");
    double start = seconds(body, "infillStartS");
    double end = seconds(body, "infillEndS");
    if (!(start < end)) {
      throw BackbeatException.invalid("infillStartS must be less than infillEndS");
    }
    double window = end - start;
    if (window < MIN_WINDOW - 1e-9 || window > MAX_WINDOW + 1e-9) {
      throw BackbeatException.invalid(String.format(Locale.ROOT, "infillEndS - infillStartS must be 6 to 60 seconds, not %.2f", window));
    }
    String callbackUrl = body.hasNonNull("callBackUrl") ? dialect.callbackUrl(body) : null;

    SunoSources.Source source = sources.of(Auth.principal(ctx), taskId, audioId);
    SunoModel model = SunoModel.parse(source.task().spec().model());
    SunoGenerate.limit("prompt", prompt, model.customPromptMax, model);
    SunoGenerate.limit("tags", tags, model.styleMax, model);
    SunoGenerate.limit("title", title, model.titleMax, model);
    double length = source.durationSeconds();
    if (!Double.isNaN(length)) {
      if (end > length + 1e-9) {
        throw BackbeatException.invalid(String.format(Locale.ROOT, "infillEndS must not be past the end of the track (%.2f s)", length));
      }
      if (window > length / 2 + 1e-9) {
        throw BackbeatException.invalid(
            String.format(Locale.ROOT, "the replaced section may be at most half of the track (%.2f of %.2f s), not %.2f s", length / 2, length, window));
      }
    }
    Shaping shaping = SunoGenerate.shaping(body, false);
    // an instrumental track gets an instrumental section: the words are kept in the request, not sung
    boolean sung = source.sung();
    Composition composition = new Composition(null, sung ? prompt.strip() : null, title.strip(), tags.strip(), !sung, shaping);
    return new ParsedTask(
        new ReplaceSectionSpec(model.name(), new ClipRef(source.task().id(), source.audioId()), start, end, composition, callbackUrl),
        dialect.originalPayload(body));
  }

  /** A required number of seconds ≥ 0, kept to 2 decimals as upstream. */
  private static double seconds(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw BackbeatException.invalid(field + " is required: seconds into the track");
    }
    if (!node.isNumber()) {
      throw BackbeatException.invalid(field + " must be a number of seconds");
    }
    double value = node.asDouble();
    if (!(value >= 0)) {
      throw BackbeatException.invalid(field + " must not be negative");
    }
    return Math.round(value * 100) / 100.0;
  }
}
