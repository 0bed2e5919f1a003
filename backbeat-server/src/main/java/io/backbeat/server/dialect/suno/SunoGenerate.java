package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.javalin.http.Context;

/**
 * {@code POST /suno/generate} (contract-music.md §2.1, §5.2): validates simple, custom and
 * instrumental requests against the model's limits and queues a SONG task. The normalized request
 * the engine reads: prompt, style, title, customMode, instrumental, model, maxLengthSeconds and the
 * optional shaping fields.
 */
final class SunoGenerate {
  static final int NEGATIVE_TAGS_MAX = 1000;
  static final int PERSONA_ID_MAX = 128;

  private final SunoDialect dialect;

  SunoGenerate(SunoDialect dialect) {
    this.dialect = dialect;
  }

  void create(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    ObjectNode request = validate(body);
    String callbackUrl = dialect.callbackUrl(body);
    dialect.create(
        ctx,
        "/suno/generate",
        new NewTask(Auth.principal(ctx), TaskKind.SONG, SunoDialect.NAME, SunoMusic.ROUTE, request, dialect.originalPayload(body), callbackUrl));
  }

  /** Returns the normalized request, or throws 400 (missing/invalid) or 413 (too long). */
  static ObjectNode validate(ObjectNode body) {
    boolean customMode = Fields.requiredBoolean(body, "customMode");
    boolean instrumental = Fields.requiredBoolean(body, "instrumental");
    String modelName = Fields.optionalString(body, "model");
    if (modelName == null) {
      throw BackbeatException.invalid("model is required: one of V4, V4_5, V4_5PLUS, V4_5ALL, V5");
    }
    SunoModel model = SunoModel.parse(modelName);

    ObjectNode request = Json.object();
    request.put("customMode", customMode);
    request.put("instrumental", instrumental);
    request.put("model", model.name());
    request.put("maxLengthSeconds", model.maxLength.toSeconds());

    if (customMode) {
      String style = Fields.requiredString(body, "style");
      limit("style", style, model.styleMax, model);
      String title = Fields.requiredString(body, "title");
      limit("title", title, model.titleMax, model);
      request.put("style", style.strip());
      request.put("title", title.strip());
      if (!instrumental) {
        String lyrics = Fields.optionalString(body, "prompt");
        if (lyrics == null || lyrics.isBlank()) {
          throw BackbeatException.invalid("prompt is required in custom mode with vocals: it holds the lyrics to sing");
        }
        limit("prompt", lyrics, model.customPromptMax, model);
        request.put("prompt", lyrics.strip());
      } else {
        String prompt = Fields.optionalString(body, "prompt");
        if (prompt != null && !prompt.isBlank()) {
          limit("prompt", prompt, model.customPromptMax, model);
          request.put("prompt", prompt.strip());
        }
      }
    } else {
      String prompt = Fields.requiredString(body, "prompt");
      if (prompt.length() > SunoModel.SIMPLE_PROMPT_MAX) {
        throw BackbeatException.tooLong(
            "prompt is too long: " + prompt.length() + " characters; at most " + SunoModel.SIMPLE_PROMPT_MAX + " in simple mode (customMode=false)");
      }
      request.put("prompt", prompt.strip());
      // style and title belong to custom mode; simple mode derives them from the prompt
    }

    String negativeTags = Fields.optionalString(body, "negativeTags");
    if (negativeTags != null && !negativeTags.isBlank()) {
      if (negativeTags.length() > NEGATIVE_TAGS_MAX) {
        throw BackbeatException.tooLong("negativeTags is too long: at most " + NEGATIVE_TAGS_MAX + " characters");
      }
      request.put("negativeTags", negativeTags.strip());
    }
    String vocalGender = Fields.optionalString(body, "vocalGender");
    if (vocalGender != null && !vocalGender.isEmpty()) {
      if (!vocalGender.equals("m") && !vocalGender.equals("f")) {
        throw BackbeatException.invalid("vocalGender must be 'm' or 'f'");
      }
      request.put("vocalGender", vocalGender);
    }
    for (String weight : new String[] {"styleWeight", "weirdnessConstraint", "audioWeight"}) {
      Double value = Fields.optionalNumber(body, weight, 0, 1);
      if (value != null) {
        if (Math.abs(value * 100 - Math.rint(value * 100)) > 1e-6) {
          throw BackbeatException.invalid(weight + " must be a multiple of 0.01");
        }
        request.put(weight, value);
      }
    }
    String personaId = Fields.optionalString(body, "personaId");
    if (personaId != null && !personaId.isBlank()) {
      if (personaId.length() > PERSONA_ID_MAX) {
        throw BackbeatException.invalid("personaId must be at most " + PERSONA_ID_MAX + " characters");
      }
      if (customMode) {
        request.put("personaId", personaId.strip()); // only honoured in custom mode, as upstream
      }
    }
    return request;
  }

  private static void limit(String field, String value, int max, SunoModel model) {
    if (value.length() > max) {
      throw BackbeatException.tooLong(
          field + " is too long: " + value.length() + " characters; model " + model.name() + " allows at most " + max);
    }
  }
}
