package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code POST /suno/extend} (contract-music.md §2.2): continues one of the caller's finished tracks.
 * Required: {@code defaultParamFlag}, {@code audioId}, {@code model}, {@code callBackUrl}. With
 * {@code defaultParamFlag: true} the continuation is the caller's ({@code prompt} = lyrics, {@code
 * style}, {@code title}, {@code continueAt} required; {@code instrumental: true} makes the prompt
 * optional); with {@code false} it inherits the source's parameters and {@code continueAt} defaults
 * to the track's end. The track must exist among the caller's tasks (404), its task must have
 * finished (400), the model must be the source's (400) and {@code 0 < continueAt <} its length (400).
 */
final class SunoExtend {
  private final SunoDialect dialect;
  private final SunoSources sources;

  SunoExtend(SunoDialect dialect, SunoSources sources) {
    this.dialect = dialect;
    this.sources = sources;
  }

  ParsedTask parse(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    boolean custom = Fields.requiredBoolean(body, "defaultParamFlag");
    String audioId = Fields.requiredString(body, "audioId").strip();
    SunoModel model = SunoGenerate.model(body);
    Composition composition = null;
    if (custom) {
      Boolean instrumental = Fields.optionalBoolean(body, "instrumental");
      composition = SunoGenerate.composition(body, model, true, instrumental != null && instrumental);
    }
    Double continueAt = continueAt(body, custom);
    String callbackUrl = dialect.callbackUrl(body);

    SunoSources.Source source = sources.byAudioId(Auth.principal(ctx), audioId);
    String sourceModel = source.task().spec().model();
    if (sourceModel != null && !sourceModel.equals(model.name())) {
      throw BackbeatException.invalid("model must match the source track's model: " + sourceModel + ", not " + model.name());
    }
    double length = source.durationSeconds();
    if (continueAt != null && !Double.isNaN(length) && continueAt >= length) {
      throw BackbeatException.invalid(
          String.format(Locale.ROOT, "continueAt must be less than the source track's length (%.2f s), not %s", length, body.get("continueAt").asText()));
    }
    return new ParsedTask(
        new ExtendSpec(model.name(), new ClipRef(source.task().id(), source.audioId()), continueAt, composition, callbackUrl),
        dialect.originalPayload(body));
  }

  /** {@code continueAt}: required with custom parameters; when given, a number greater than 0. */
  private static Double continueAt(ObjectNode body, boolean required) {
    JsonNode node = body.get("continueAt");
    if (node == null || node.isNull()) {
      if (required) {
        throw BackbeatException.invalid("continueAt is required when defaultParamFlag is true: the second of the source track to continue from");
      }
      return null;
    }
    if (!node.isNumber()) {
      throw BackbeatException.invalid("continueAt must be a number of seconds");
    }
    double value = node.asDouble();
    if (!(value > 0)) {
      throw BackbeatException.invalid("continueAt must be greater than 0");
    }
    return value;
  }
}
