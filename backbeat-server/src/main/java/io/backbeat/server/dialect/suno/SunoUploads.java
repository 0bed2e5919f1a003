package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.AddInstrumentalSpec;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.UploadCoverSpec;
import io.backbeat.core.task.spec.UploadExtendSpec;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The Suno routes that start from uploaded audio (contract-music.md §2.3–§2.6, §5.2): {@code
 * upload-cover}, {@code upload-extend}, {@code add-vocals} and {@code add-instrumental}. Each
 * validates its fields, refuses an {@code uploadUrl} the egress policy can never fetch at once
 * (400), and makes a spec with the model's source-length limit; the download itself is the task's
 * work. All are polled at {@code /suno/query/task}.
 */
final class SunoUploads {
  /** Source audio: at most 8 minutes, 1 minute on V4_5ALL (§2.3, §5.2). */
  static final int MAX_SOURCE_SECONDS = 8 * 60;
  static final int MAX_SOURCE_SECONDS_V4_5ALL = 60;
  static final int UPLOAD_URL_MAX = 2048;
  /** add-vocals titles (§2.5) and add-instrumental titles (§2.6). */
  static final int VOCALS_TITLE_MAX = 100;
  static final int INSTRUMENTAL_TITLE_MAX = 80;
  /** A prompt with a section tag ({@code [Verse]}) or several lines is lyrics to sing, not an idea. */
  private static final Pattern SECTION_TAG = Pattern.compile("\\[[^\\]\\n]{1,40}\\]");

  private final SunoDialect dialect;

  SunoUploads(SunoDialect dialect) {
    this.dialect = dialect;
  }

  /** {@code POST /suno/upload-cover}: required uploadUrl, customMode, instrumental, callBackUrl, model. */
  ParsedTask parseCover(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String sourceUrl = dialect.sourceUrl(body);
    boolean customMode = Fields.requiredBoolean(body, "customMode");
    boolean instrumental = Fields.requiredBoolean(body, "instrumental");
    SunoModel model = SunoGenerate.model(body);
    Composition composition = SunoGenerate.composition(body, model, customMode, instrumental);
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(
        new UploadCoverSpec(model.name(), sourceUrl, maxSourceSeconds(model), composition, callbackUrl), dialect.originalPayload(body));
  }

  /**
   * {@code POST /suno/upload-extend}: required uploadUrl, defaultParamFlag, callBackUrl, model. With
   * {@code defaultParamFlag: true} the continuation is the caller's: {@code style}, {@code title} and
   * {@code continueAt} are required, and {@code prompt} (the lyrics) unless {@code instrumental}.
   * With {@code false} it follows the recording; a {@code prompt} is then sung as its lyrics.
   */
  ParsedTask parseExtend(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String sourceUrl = dialect.sourceUrl(body);
    boolean custom = Fields.requiredBoolean(body, "defaultParamFlag");
    SunoModel model = SunoGenerate.model(body);
    int maxSource = maxSourceSeconds(model);
    Double continueAt = continueAt(body, custom, maxSource);
    Composition composition;
    if (custom) {
      Boolean instrumental = Fields.optionalBoolean(body, "instrumental");
      composition = SunoGenerate.composition(body, model, true, instrumental != null && instrumental);
    } else {
      String prompt = Fields.optionalString(body, "prompt");
      if (prompt != null && !prompt.isBlank()) {
        SunoGenerate.limit("prompt", prompt, model.customPromptMax, model);
        composition = new Composition(null, prompt.strip(), null, null, false, SunoGenerate.shaping(body, true));
      } else {
        composition = null;
      }
    }
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(
        new UploadExtendSpec(model.name(), sourceUrl, maxSource, continueAt, composition, callbackUrl), dialect.originalPayload(body));
  }

  /**
   * {@code POST /suno/add-vocals}: required uploadUrl, callBackUrl, prompt, title, negativeTags,
   * style; {@code model} is V4_5PLUS (the default) or V5. A prompt that reads as lyrics (a section
   * tag, or several lines) is sung as written; otherwise it is the idea lyrics are written from.
   */
  ParsedTask parseVocals(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String sourceUrl = dialect.sourceUrl(body);
    SunoModel model = overdubModel(body, "add-vocals");
    String prompt = Fields.requiredString(body, "prompt");
    SunoGenerate.limit("prompt", prompt, model.customPromptMax, model);
    String title = Fields.requiredString(body, "title");
    SunoGenerate.limit("title", title, VOCALS_TITLE_MAX, model);
    String style = Fields.requiredString(body, "style");
    SunoGenerate.limit("style", style, model.styleMax, model);
    Shaping shaping = shaping(body);
    boolean lyrics = SECTION_TAG.matcher(prompt).find() || prompt.strip().lines().filter(l -> !l.isBlank()).count() >= 2;
    Composition composition =
        lyrics
            ? new Composition(null, prompt.strip(), title.strip(), style.strip(), false, shaping)
            : new Composition(prompt.strip(), null, title.strip(), style.strip(), false, shaping);
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(
        new AddVocalsSpec(model.name(), sourceUrl, MAX_SOURCE_SECONDS, composition, callbackUrl), dialect.originalPayload(body));
  }

  /**
   * {@code POST /suno/add-instrumental}: required uploadUrl, title, negativeTags, tags (the
   * accompaniment's style), callBackUrl; {@code model} is V4_5PLUS (the default) or V5.
   */
  ParsedTask parseInstrumental(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String sourceUrl = dialect.sourceUrl(body);
    SunoModel model = overdubModel(body, "add-instrumental");
    String title = Fields.requiredString(body, "title");
    SunoGenerate.limit("title", title, INSTRUMENTAL_TITLE_MAX, model);
    String tags = Fields.requiredString(body, "tags");
    SunoGenerate.limit("tags", tags, model.styleMax, model);
    Composition composition = new Composition(null, null, title.strip(), tags.strip(), true, shaping(body));
    String callbackUrl = dialect.callbackUrl(body);
    return new ParsedTask(
        new AddInstrumentalSpec(model.name(), sourceUrl, MAX_SOURCE_SECONDS, composition, callbackUrl), dialect.originalPayload(body));
  }

  static int maxSourceSeconds(SunoModel model) {
    return model == SunoModel.V4_5ALL ? MAX_SOURCE_SECONDS_V4_5ALL : MAX_SOURCE_SECONDS;
  }

  /** {@code continueAt}: required with custom parameters, {@code 0 < continueAt <} the longest source. */
  private static Double continueAt(ObjectNode body, boolean required, int maxSource) {
    JsonNode node = body.get("continueAt");
    if (node == null || node.isNull()) {
      if (required) {
        throw BackbeatException.invalid("continueAt is required when defaultParamFlag is true: the second to continue from");
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
    if (value >= maxSource) {
      throw BackbeatException.invalid("continueAt must be less than the uploaded audio's length, which is at most " + maxSource + " seconds for this model");
    }
    return value;
  }

  /** {@code model}: optional, V4_5PLUS (default) or V5 (§2.5, §2.6). */
  private static SunoModel overdubModel(ObjectNode body, String route) {
    String name = Fields.optionalString(body, "model");
    if (name == null || name.isEmpty()) {
      return SunoModel.V4_5PLUS;
    }
    if (name.equals(SunoModel.V4_5PLUS.name()) || name.equals(SunoModel.V5.name())) {
      return SunoModel.parse(name);
    }
    throw BackbeatException.invalid("model must be V4_5PLUS or V5 for " + route + " (spelled exactly), not '" + name + "'");
  }

  /**
   * The shaping fields of the overdub routes: {@code negativeTags} is required (it may be empty:
   * nothing to leave out), the rest optional; no persona.
   */
  private static Shaping shaping(ObjectNode body) {
    JsonNode negative = body.get("negativeTags");
    if (negative == null || negative.isNull()) {
      throw BackbeatException.invalid("negativeTags is required (an empty string when nothing is to be left out)");
    }
    Shaping shaping = SunoGenerate.shaping(body, false);
    return new Shaping(shaping.excludedStyles(), shaping.vocalGender(), shaping.styleWeight(), shaping.weirdness(), shaping.audioWeight(), null);
  }
}
