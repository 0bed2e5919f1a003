package io.backbeat.server.dialect.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /dashscope/v1/services/aigc/video-generation/video-synthesis} (contract-media.md §2):
 * text-to-video ({@code parameters.size}), image-to-video ({@code input.img_url},
 * {@code parameters.resolution}) and a soundtrack ({@code input.audio_url}) for the wan models.
 * Asynchronous only: without {@code X-DashScope-Async: enable} it is refused, as upstream does.
 */
final class DashScopeVideos {
  static final String FAMILY = "dashscope.video";
  static final int PROMPT_MAX_NEW = 1500;
  static final int PROMPT_MAX_OLD = 800;
  static final int NEGATIVE_PROMPT_MAX = 500;

  private final DashScopeDialect dialect;

  DashScopeVideos(DashScopeDialect dialect) {
    this.dialect = dialect;
  }

  ParsedTask parse(Context ctx) {
    if (!DashScopeDialect.asyncRequested(ctx)) {
      throw DashScopeErrors.specific(
          ctx, BackbeatError.UNSUPPORTED, 403, "AccessDenied",
          "current user api does not support synchronous calls; send the header X-DashScope-Async: enable");
    }
    ObjectNode body = Json.parseObject(ctx.body());
    DashScopeModels.VideoModel model = model(ctx, body);
    ObjectNode input = DashScopeDialect.input(ctx, body);
    ObjectNode parameters = DashScopeDialect.object(body, "parameters");

    String prompt = Fields.optionalString(input, "prompt");
    if (prompt != null && prompt.isBlank()) {
      prompt = null;
    }
    if (prompt == null && !model.imageToVideo()) {
      throw BackbeatException.invalid("input.prompt is required for text-to-video (" + model.name() + ")");
    }
    int promptMax = model.name().startsWith("wan2.2") || model.name().startsWith("wanx") ? PROMPT_MAX_OLD : PROMPT_MAX_NEW;
    if (prompt != null && prompt.length() > promptMax) {
      prompt = prompt.substring(0, promptMax); // cut, as upstream does
    }
    String negative = Fields.optionalString(input, "negative_prompt");
    if (negative != null && negative.length() > NEGATIVE_PROMPT_MAX) {
      throw BackbeatException.tooLong("input.negative_prompt must be at most " + NEGATIVE_PROMPT_MAX + " characters, not " + negative.length());
    }
    if (negative != null && negative.isBlank()) {
      negative = null;
    }

    String imageUrl = Fields.optionalString(input, "img_url");
    if (model.imageToVideo() && (imageUrl == null || imageUrl.isBlank())) {
      throw BackbeatException.invalid("input.img_url is required for image-to-video (" + model.name() + "): the first frame's URL");
    }
    if (!model.imageToVideo() && imageUrl != null) {
      throw BackbeatException.invalid("input.img_url: " + model.name() + " is a text-to-video model; use an i2v model such as wan2.5-i2v-preview");
    }
    String firstFrame = imageUrl == null ? null : dialect.sourceUrl("input.img_url", imageUrl);

    String audioUrl = Fields.optionalString(input, "audio_url");
    if (audioUrl != null && !audioUrl.isBlank()) {
      if (!model.takesAudio()) {
        throw BackbeatException.invalid("input.audio_url: " + model.name() + " takes no audio; wan2.5 and wan2.6 models do");
      }
      audioUrl = dialect.sourceUrl("input.audio_url", audioUrl);
    } else {
      audioUrl = null;
    }

    int[] size = model.imageToVideo() ? resolution(model, parameters) : size(model, parameters);
    if (model.imageToVideo() && parameters.has("size")) {
      throw BackbeatException.invalid("parameters.size is for text-to-video; image-to-video takes parameters.resolution (such as 720P)");
    }
    if (!model.imageToVideo() && parameters.has("resolution")) {
      throw BackbeatException.invalid("parameters.resolution is for image-to-video; text-to-video takes parameters.size (such as 1280*720)");
    }
    int duration = duration(model, parameters);
    Long seed = DashScopeDialect.optionalSeed(parameters);
    Boolean promptExtend = Fields.optionalBoolean(parameters, "prompt_extend");
    Boolean watermark = Fields.optionalBoolean(parameters, "watermark");
    VideoSpec spec =
        new VideoSpec(
            model.name(), prompt, negative, size[0], size[1], duration, model.fps(), firstFrame, null, audioUrl, List.of(), seed,
            promptExtend == null || promptExtend, watermark != null && watermark, null);
    return new ParsedTask(spec, dialect.originalPayload(body));
  }

  private static DashScopeModels.VideoModel model(Context ctx, ObjectNode body) {
    String name = Fields.optionalString(body, "model");
    if (name == null || name.isBlank()) {
      throw DashScopeErrors.specific(ctx, BackbeatError.INVALID_PARAMETER, 400, "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
    }
    return DashScopeModels.video(name.strip())
        .orElseThrow(() -> DashScopeErrors.specific(
            ctx, BackbeatError.NOT_FOUND, 404, "ModelNotFound",
            "Model not exist: " + name.strip() + " is not a video model of this route; use one of " + DashScopeModels.videoModelNames()));
  }

  /** Text-to-video: a concrete {@code W*H} of one of the model's tiers. */
  private static int[] size(DashScopeModels.VideoModel model, ObjectNode parameters) {
    String size = Fields.optionalString(parameters, "size");
    if (size == null) {
      return DashScopeDialect.dimensions(model.defaultSize());
    }
    String normalised = size.strip();
    String tier = DashScopeModels.tierOf(normalised);
    if (tier == null) {
      throw BackbeatException.invalid(
          "parameters.size must be a concrete width*height such as 1280*720 (not a tier or a ratio); '" + size + "' is none of "
              + allowedSizes(model));
    }
    if (!model.tiers().contains(tier)) {
      throw BackbeatException.invalid(
          "parameters.size " + normalised + " is " + tier + ", which " + model.name() + " does not make; use one of " + allowedSizes(model));
    }
    return DashScopeDialect.dimensions(normalised);
  }

  private static List<String> allowedSizes(DashScopeModels.VideoModel model) {
    return model.tiers().stream().flatMap(tier -> DashScopeModels.TIER_SIZES.get(tier).stream()).toList();
  }

  /**
   * Image-to-video: a tier. Upstream follows the input image's aspect; the size asked of the studio
   * is the tier's landscape one, which the local studio fits the image into.
   */
  private static int[] resolution(DashScopeModels.VideoModel model, ObjectNode parameters) {
    String resolution = Fields.optionalString(parameters, "resolution");
    String tier = resolution == null ? model.defaultSize() : resolution.strip().toUpperCase(java.util.Locale.ROOT);
    if (!model.tiers().contains(tier)) {
      throw BackbeatException.invalid("parameters.resolution " + resolution + " is not one of " + model.name() + "'s: " + model.tiers());
    }
    return DashScopeDialect.dimensions(DashScopeModels.TIER_SIZES.get(tier).get(0));
  }

  private static int duration(DashScopeModels.VideoModel model, ObjectNode parameters) {
    JsonNode node = parameters.get("duration");
    if (node == null || node.isNull()) {
      return model.durations().contains(5) ? 5 : model.durations().get(0);
    }
    if (!node.isIntegralNumber() || !model.durations().contains(node.asInt())) {
      throw BackbeatException.invalid("parameters.duration must be one of " + model.durations() + " (seconds) for " + model.name() + ", not " + node);
    }
    return node.asInt();
  }

  /** The create answer: {@code output.task_id} and {@code task_status} PENDING. */
  static String accepted(Task task) {
    ObjectNode body = Json.object();
    body.putObject("output").put("task_status", "PENDING").put("task_id", task.id());
    body.put("request_id", DashScopeDialect.requestId());
    return Json.write(body);
  }
}
