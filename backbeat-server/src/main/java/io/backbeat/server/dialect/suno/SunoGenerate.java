package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;

/**
 * {@code POST /suno/generate} (contract-music.md §2.1, §5.2): validates simple, custom and
 * instrumental requests against the model's limits and makes a song spec. The composition and
 * shaping rules here are shared by every Suno route that composes (extend, covers, …).
 */
final class SunoGenerate {
  static final int NEGATIVE_TAGS_MAX = 1000;
  static final int PERSONA_ID_MAX = 128;

  private final SunoDialect dialect;

  SunoGenerate(SunoDialect dialect) {
    this.dialect = dialect;
  }

  ParsedTask parse(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    SongSpec spec = validate(body, null);
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(
        new SongSpec(spec.model(), spec.composition(), spec.maxLengthSeconds(), callbackUrl), dialect.originalPayload(body));
  }

  /** Returns the song spec (with {@code callbackUrl}), or throws 400 (missing/invalid) or 413 (too long). */
  static SongSpec validate(ObjectNode body, String callbackUrl) {
    boolean customMode = Fields.requiredBoolean(body, "customMode");
    boolean instrumental = Fields.requiredBoolean(body, "instrumental");
    SunoModel model = model(body);
    return new SongSpec(model.name(), composition(body, model, customMode, instrumental), (int) model.maxLength.toSeconds(), callbackUrl);
  }

  /** {@code model}, required, spelled exactly. */
  static SunoModel model(ObjectNode body) {
    String modelName = Fields.optionalString(body, "model");
    if (modelName == null) {
      throw BackbeatException.invalid("model is required: one of V4, V4_5, V4_5PLUS, V4_5ALL, V5");
    }
    return SunoModel.parse(modelName);
  }

  /**
   * What to compose, from {@code prompt}, {@code style}, {@code title} and the shaping fields: in
   * custom mode the caller's title, style and lyrics (required with vocals); otherwise the idea.
   */
  static Composition composition(ObjectNode body, SunoModel model, boolean customMode, boolean instrumental) {
    if (customMode) {
      String style = Fields.requiredString(body, "style");
      limit("style", style, model.styleMax, model);
      String title = Fields.requiredString(body, "title");
      limit("title", title, model.titleMax, model);
      String lyrics = null;
      String prompt = Fields.optionalString(body, "prompt");
      if (!instrumental) {
        if (prompt == null || prompt.isBlank()) {
          throw BackbeatException.invalid("prompt is required in custom mode with vocals: it holds the lyrics to sing");
        }
        limit("prompt", prompt, model.customPromptMax, model);
        lyrics = prompt.strip();
      } else if (prompt != null && !prompt.isBlank()) {
        limit("prompt", prompt, model.customPromptMax, model); // not sung, but still held to the limit
      }
      return new Composition(null, lyrics, title.strip(), style.strip(), instrumental, shaping(body, true));
    }
    String prompt = Fields.requiredString(body, "prompt");
    if (prompt.length() > SunoModel.SIMPLE_PROMPT_MAX) {
      throw BackbeatException.tooLong(
          "prompt is too long: " + prompt.length() + " characters; at most " + SunoModel.SIMPLE_PROMPT_MAX + " in simple mode (customMode=false)");
    }
    // style and title belong to custom mode; simple mode derives them from the prompt
    return new Composition(prompt.strip(), null, null, null, instrumental, shaping(body, false));
  }

  /** The optional shaping fields; {@code personaId} is only honoured in custom mode, as upstream. */
  static Shaping shaping(ObjectNode body, boolean customMode) {
    String negativeTags = Fields.optionalString(body, "negativeTags");
    if (negativeTags != null && negativeTags.length() > NEGATIVE_TAGS_MAX) {
      throw BackbeatException.tooLong("negativeTags is too long: at most " + NEGATIVE_TAGS_MAX + " characters");
    }
    VocalGender gender = null;
    String vocalGender = Fields.optionalString(body, "vocalGender");
    if (vocalGender != null && !vocalGender.isEmpty()) {
      gender =
          switch (vocalGender) {
            case "m" -> VocalGender.MALE;
            case "f" -> VocalGender.FEMALE;
            default -> throw BackbeatException.invalid("vocalGender must be 'm' or 'f'");
          };
    }
    Double styleWeight = weight(body, "styleWeight");
    Double weirdness = weight(body, "weirdnessConstraint");
    Double audioWeight = weight(body, "audioWeight");
    String personaId = Fields.optionalString(body, "personaId");
    if (personaId != null && personaId.length() > PERSONA_ID_MAX) {
      throw BackbeatException.invalid("personaId must be at most " + PERSONA_ID_MAX + " characters");
    }
    return new Shaping(
        negativeTags == null || negativeTags.isBlank() ? null : negativeTags.strip(),
        gender,
        styleWeight,
        weirdness,
        audioWeight,
        customMode && personaId != null && !personaId.isBlank() ? personaId.strip() : null);
  }

  private static Double weight(ObjectNode body, String field) {
    Double value = Fields.optionalNumber(body, field, 0, 1);
    if (value != null && Math.abs(value * 100 - Math.rint(value * 100)) > 1e-6) {
      throw BackbeatException.invalid(field + " must be a multiple of 0.01");
    }
    return value;
  }

  static void limit(String field, String value, int max, SunoModel model) {
    if (value.length() > max) {
      throw BackbeatException.tooLong(
          field + " is too long: " + value.length() + " characters; model " + model.name() + " allows at most " + max);
    }
  }
}
