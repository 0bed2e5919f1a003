package io.backbeat.server.dialect.kling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.server.http.PayloadScrubber;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the five Kling create bodies (contract-media.md §6–§8, text2video and image2video) into
 * {@link ImageSpec} / {@link VideoSpec}. Inputs this server cannot honour (Kling account elements,
 * reference videos, generated sound, camera paths) are refused with a 1201 naming the field, never
 * silently dropped.
 */
final class KlingRequests {
  static final int PROMPT_MAX = 2500;
  static final int URL_MAX = 2048;
  static final int EXTERNAL_ID_MAX = 256;
  static final int VIDEO_FPS = 24;

  static final Set<String> IMAGE_MODELS = Set.of("kling-v1", "kling-v1-5", "kling-v2", "kling-v2-new", "kling-v2-1", "kling-v3");
  static final Set<String> OMNI_IMAGE_MODELS = Set.of("kling-image-o1", "kling-v3-omni");
  static final Set<String> OMNI_VIDEO_MODELS = Set.of("kling-video-o1", "kling-v3-omni");
  static final Set<String> VIDEO_MODELS =
      Set.of("kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3");
  static final List<String> IMAGE_ASPECTS = List.of("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9");
  static final List<String> VIDEO_ASPECTS = List.of("16:9", "9:16", "1:1");

  private final CallbackUrlCheck urls;

  KlingRequests(CallbackUrlCheck urls) {
    this.urls = requireNonNull(urls, "urls is null");
  }

  /** {@code POST /images/generations}. */
  ParsedTask imageGeneration(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String model = model(body, IMAGE_MODELS, "kling-v1");
    String prompt = prompt(body, true);
    List<String> references = new ArrayList<>();
    String image = imageUrl(body, "image");
    if (image != null) {
      references.add(image);
    }
    String reference = Fields.optionalString(body, "image_reference");
    if (reference != null && !reference.equals("subject") && !reference.equals("face")) {
      throw BackbeatException.invalid("image_reference must be subject or face");
    }
    if (reference != null && image == null) {
      throw BackbeatException.invalid("image_reference needs an image");
    }
    Fields.optionalNumber(body, "image_fidelity", 0, 1);
    Fields.optionalNumber(body, "human_fidelity", 0, 1);
    refuseNonEmpty(body, "element_list", "Kling account elements are not available on this server");
    String resolution = oneOf(body, "resolution", List.of("1k", "2k"), "1k");
    int n = integer(body, "n", 1, 9, 1);
    int[] size = imageSize(oneOf(body, "aspect_ratio", IMAGE_ASPECTS, "16:9"), resolution);
    ImageSpec spec =
        new ImageSpec(model, prompt, negativePrompt(body), size[0], size[1], n, null, false, watermark(body), references, "png", callbackUrl(body));
    return new ParsedTask(spec, PayloadScrubber.scrub(body), externalTaskId(body));
  }

  /** {@code POST /images/omni-image}. */
  ParsedTask omniImage(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String model = model(body, OMNI_IMAGE_MODELS, "kling-image-o1");
    String prompt = prompt(body, true);
    List<String> references = new ArrayList<>();
    JsonNode list = array(body, "image_list");
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (!(item instanceof ObjectNode entry)) {
        throw BackbeatException.invalid("image_list[" + i + "] must be an object {\"image\": \"<url>\"}");
      }
      String url = imageUrl(entry, "image");
      if (url == null) {
        throw BackbeatException.invalid("image_list[" + i + "].image is required and must not be empty");
      }
      references.add(url);
    }
    if (references.size() > 10) {
      throw BackbeatException.invalid("image_list holds at most 10 images");
    }
    refuseNonEmpty(body, "element_list", "Kling account elements are not available on this server");
    String resolution = oneOf(body, "resolution", List.of("1k", "2k", "4k"), "1k");
    String resultType = oneOf(body, "result_type", List.of("single", "series"), "single");
    int count = resultType.equals("series") ? integer(body, "series_amount", 2, 9, 4) : integer(body, "n", 1, 9, 1);
    List<String> aspects = new ArrayList<>(IMAGE_ASPECTS);
    aspects.add("auto");
    String aspect = oneOf(body, "aspect_ratio", aspects, "auto");
    // "auto" follows the first reference upstream; without its size at hand, square is the neutral frame
    int[] size = imageSize(aspect.equals("auto") ? "1:1" : aspect, resolution);
    ImageSpec spec =
        new ImageSpec(model, prompt, null, size[0], size[1], count, null, false, watermark(body), references, "png", callbackUrl(body));
    return new ParsedTask(spec, PayloadScrubber.scrub(body), externalTaskId(body));
  }

  /** {@code POST /videos/omni-video}. */
  ParsedTask omniVideo(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String model = model(body, OMNI_VIDEO_MODELS, "kling-video-o1");
    refuseNonEmpty(body, "video_list", "reference and base videos are not supported by this server");
    refuseNonEmpty(body, "element_list", "Kling account elements are not available on this server");
    refuseSound(body);
    boolean multiShot = Boolean.TRUE.equals(Fields.optionalBoolean(body, "multi_shot"));
    int duration = duration(body, 3, 15, 5);
    String prompt;
    if (multiShot) {
      prompt = multiShotPrompt(body, duration);
    } else {
      prompt = prompt(body, true);
    }
    String first = null;
    String last = null;
    List<String> references = new ArrayList<>();
    JsonNode list = array(body, "image_list");
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof ObjectNode entry)) {
        throw BackbeatException.invalid("image_list[" + i + "] must be an object {\"image_url\": \"<url>\", \"type\": …}");
      }
      String url = imageUrl(entry, "image_url");
      if (url == null) {
        throw BackbeatException.invalid("image_list[" + i + "].image_url is required and must not be empty");
      }
      String type = Fields.optionalString(entry, "type");
      if (type == null) {
        references.add(url);
      } else if (type.equals("first_frame")) {
        if (first != null) {
          throw BackbeatException.invalid("image_list has more than one first_frame");
        }
        first = url;
      } else if (type.equals("end_frame")) {
        if (last != null) {
          throw BackbeatException.invalid("image_list has more than one end_frame");
        }
        last = url;
      } else {
        throw BackbeatException.invalid("image_list[" + i + "].type must be first_frame or end_frame (or absent for a reference)");
      }
    }
    if (last != null && first == null) {
      throw BackbeatException.invalid("an end_frame needs a first_frame in image_list");
    }
    if (multiShot && (first != null || last != null)) {
      throw BackbeatException.invalid("first and end frames are not supported with multi_shot");
    }
    if (list.size() > 7) {
      throw BackbeatException.invalid("image_list holds at most 7 images");
    }
    String mode = oneOf(body, "mode", List.of("std", "pro"), "pro");
    String aspect = Fields.optionalString(body, "aspect_ratio");
    if (aspect == null && first == null) {
      throw BackbeatException.invalid("aspect_ratio is required without a first_frame (16:9, 9:16 or 1:1)");
    }
    int[] size = videoSize(aspect == null ? "16:9" : oneOf(body, "aspect_ratio", VIDEO_ASPECTS, "16:9"), mode);
    VideoSpec spec =
        new VideoSpec(
            model, prompt, null, size[0], size[1], duration, VIDEO_FPS, first, last, null, references, null, false, watermark(body), callbackUrl(body));
    return new ParsedTask(spec, PayloadScrubber.scrub(body), externalTaskId(body));
  }

  /** {@code POST /videos/text2video}. */
  ParsedTask textToVideo(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String model = model(body, VIDEO_MODELS, "kling-v1");
    String prompt = prompt(body, true);
    commonVideoChecks(body);
    String mode = oneOf(body, "mode", List.of("std", "pro"), "std");
    int[] size = videoSize(oneOf(body, "aspect_ratio", VIDEO_ASPECTS, "16:9"), mode);
    VideoSpec spec =
        new VideoSpec(
            model, prompt, negativePrompt(body), size[0], size[1], videoDuration(body, model), VIDEO_FPS, null, null, null, List.of(), null, false,
            watermark(body), callbackUrl(body));
    return new ParsedTask(spec, PayloadScrubber.scrub(body), externalTaskId(body));
  }

  /** {@code POST /videos/image2video}. */
  ParsedTask imageToVideo(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String model = model(body, VIDEO_MODELS, "kling-v1");
    String image = imageUrl(body, "image");
    String tail = imageUrl(body, "image_tail");
    if (image == null && tail == null) {
      throw BackbeatException.invalid("image is required (the first frame; image_tail may give the last one)");
    }
    if (image == null) {
      throw BackbeatException.invalid("image_tail needs an image (the first frame) on this server");
    }
    refuseNonEmpty(body, "static_mask", "motion brush masks are not supported by this server");
    refuseNonEmpty(body, "dynamic_masks", "motion brush masks are not supported by this server");
    commonVideoChecks(body);
    String mode = oneOf(body, "mode", List.of("std", "pro"), "std");
    // the video takes the frame's own shape upstream; aspect_ratio (AnyInt) picks it here, 16:9 by default
    int[] size = videoSize(oneOf(body, "aspect_ratio", VIDEO_ASPECTS, "16:9"), mode);
    VideoSpec spec =
        new VideoSpec(
            model, prompt(body, false), negativePrompt(body), size[0], size[1], videoDuration(body, model), VIDEO_FPS, image, tail, null, List.of(),
            null, false, watermark(body), callbackUrl(body));
    return new ParsedTask(spec, PayloadScrubber.scrub(body), externalTaskId(body));
  }

  private void commonVideoChecks(ObjectNode body) {
    Fields.optionalNumber(body, "cfg_scale", 0, 1);
    refuseNonEmpty(body, "camera_control", "camera_control is not supported by this server; describe the camera move in the prompt");
    refuseSound(body);
  }

  /** Kling v1–v2.x make 5 or 10 s; kling-v3 3 to 15 s. */
  private static int videoDuration(ObjectNode body, String model) {
    if (model.startsWith("kling-v3")) {
      return duration(body, 3, 15, 5);
    }
    int duration = duration(body, 5, 10, 5);
    if (duration != 5 && duration != 10) {
      throw BackbeatException.invalid("duration must be 5 or 10 for " + model);
    }
    return duration;
  }

  /** {@code duration}: an integer or a string of one (AnyInt takes both; Kling documents a string). */
  static int duration(ObjectNode body, int min, int max, int fallback) {
    JsonNode node = body.get("duration");
    if (node == null || node.isNull()) {
      return fallback;
    }
    return wholeSeconds(node, "duration", min, max);
  }

  private static int wholeSeconds(JsonNode node, String field, int min, int max) {
    long value;
    if (node.isIntegralNumber()) {
      value = node.asLong();
    } else if (node.isTextual() && node.asText().strip().matches("\\d{1,4}")) {
      value = Long.parseLong(node.asText().strip());
    } else {
      throw BackbeatException.invalid(field + " must be a whole number of seconds, as an integer or a string (\"" + min + "\" to \"" + max + "\")");
    }
    if (value < min || value > max) {
      throw BackbeatException.invalid(field + " must be between " + min + " and " + max + " seconds");
    }
    return (int) value;
  }

  /** {@code multi_shot}: the shots' prompts in order, their durations adding up to {@code duration}. */
  private static String multiShotPrompt(ObjectNode body, int duration) {
    String shotType = Fields.optionalString(body, "shot_type");
    if (shotType == null) {
      throw BackbeatException.invalid("shot_type is required with multi_shot (customize or intelligence)");
    }
    if (shotType.equals("intelligence")) {
      return prompt(body, true);
    }
    if (!shotType.equals("customize")) {
      throw BackbeatException.invalid("shot_type must be customize or intelligence");
    }
    JsonNode shots = array(body, "multi_prompt");
    if (shots.isEmpty() || shots.size() > 6) {
      throw BackbeatException.invalid("multi_prompt must hold 1 to 6 shots with shot_type customize");
    }
    StringBuilder prompt = new StringBuilder();
    int total = 0;
    for (int i = 0; i < shots.size(); i++) {
      if (!(shots.get(i) instanceof ObjectNode shot)) {
        throw BackbeatException.invalid("multi_prompt[" + i + "] must be an object {index, prompt, duration}");
      }
      String text = Fields.requiredString(shot, "prompt");
      if (text.length() > 512) {
        throw BackbeatException.tooLong("multi_prompt[" + i + "].prompt must be at most 512 characters");
      }
      JsonNode seconds = shot.get("duration");
      if (seconds == null || seconds.isNull()) {
        throw BackbeatException.invalid("multi_prompt[" + i + "].duration is required");
      }
      total += wholeSeconds(seconds, "multi_prompt[" + i + "].duration", 1, 15);
      prompt.append(prompt.isEmpty() ? "" : " Then: ").append(text.strip());
    }
    if (total != duration) {
      throw BackbeatException.invalid("the multi_prompt durations add up to " + total + " s, but duration is " + duration + " s");
    }
    return prompt.toString();
  }

  /** {@code model_name}, with AnyInt's {@code model} as the same field; must be one this route knows. */
  private static String model(ObjectNode body, Set<String> known, String fallback) {
    String modelName = Fields.optionalString(body, "model_name");
    String model = Fields.optionalString(body, "model");
    if (modelName != null && model != null && !model.isBlank() && !modelName.strip().equals(model.strip())) {
      throw BackbeatException.invalid("model and model_name differ ('" + model + "' and '" + modelName + "'); send model_name");
    }
    String chosen = modelName != null && !modelName.isBlank() ? modelName.strip() : model != null && !model.isBlank() ? model.strip() : fallback;
    if (!known.contains(chosen)) {
      throw BackbeatException.notFound("model_name '" + chosen + "' does not exist on this route; use one of " + known.stream().sorted().toList());
    }
    return chosen;
  }

  private static String prompt(ObjectNode body, boolean required) {
    String prompt = required ? Fields.requiredString(body, "prompt") : Fields.optionalString(body, "prompt");
    if (prompt != null && prompt.length() > PROMPT_MAX) {
      throw BackbeatException.tooLong("prompt must be at most " + PROMPT_MAX + " characters; it has " + prompt.length());
    }
    return prompt == null || prompt.isBlank() ? null : prompt.strip();
  }

  private static String negativePrompt(ObjectNode body) {
    String negative = Fields.optionalString(body, "negative_prompt");
    if (negative != null && negative.length() > PROMPT_MAX) {
      throw BackbeatException.tooLong("negative_prompt must be at most " + PROMPT_MAX + " characters; it has " + negative.length());
    }
    return negative == null || negative.isBlank() ? null : negative.strip();
  }

  /**
   * An image as Kling takes it: an http(s) URL (checked by the egress policy now, fetched by the
   * task), or the image itself as Base64, bare or as a {@code data:} URL (decoded by the task).
   */
  private String imageUrl(ObjectNode body, String field) {
    String value = Fields.optionalString(body, field);
    if (value == null || value.isBlank()) {
      return null;
    }
    String image = value.strip();
    String lower = image.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      if (image.length() > URL_MAX) {
        throw BackbeatException.invalid(field + " must be at most " + URL_MAX + " characters");
      }
      return urls.check(field, image);
    }
    if (lower.startsWith("data:image/") && lower.contains(";base64,") || isBase64(image)) {
      return image;
    }
    throw BackbeatException.invalid(field + " must be an http(s) URL or the Base64 of a jpg/jpeg/png image");
  }

  /** Bare Base64 as Kling's image fields take it (no {@code data:} prefix); shorter than 64 characters is no image. */
  static boolean isBase64(String value) {
    return value.length() >= 64 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r');
  }

  private String callbackUrl(ObjectNode body) {
    String url = Fields.optionalString(body, "callback_url");
    if (url == null || url.isBlank()) {
      return null;
    }
    if (url.length() > URL_MAX) {
      throw BackbeatException.invalid("callback_url must be at most " + URL_MAX + " characters");
    }
    return urls.check("callback_url", url.strip());
  }

  static String externalTaskId(ObjectNode body) {
    String id = Fields.optionalString(body, "external_task_id");
    if (id == null || id.isBlank()) {
      return null;
    }
    if (id.length() > EXTERNAL_ID_MAX) {
      throw BackbeatException.invalid("external_task_id must be at most " + EXTERNAL_ID_MAX + " characters");
    }
    return id.strip();
  }

  private static boolean watermark(ObjectNode body) {
    JsonNode info = body.get("watermark_info");
    if (info == null || info.isNull()) {
      return false;
    }
    if (!(info instanceof ObjectNode object)) {
      throw BackbeatException.invalid("watermark_info must be an object {\"enabled\": true|false}");
    }
    return Boolean.TRUE.equals(Fields.optionalBoolean(object, "enabled"));
  }

  private static void refuseSound(ObjectNode body) {
    String sound = Fields.optionalString(body, "sound");
    if (sound != null && !sound.equals("off") && !sound.equals("on")) {
      throw BackbeatException.invalid("sound must be on or off");
    }
    if ("on".equals(sound) || Boolean.TRUE.equals(Fields.optionalBoolean(body, "generate_audio"))) {
      throw BackbeatException.invalid("generated sound is not supported by this server; send sound off");
    }
  }

  private static void refuseNonEmpty(ObjectNode body, String field, String why) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull() || (node.isContainerNode() && node.isEmpty()) || (node.isTextual() && node.asText().isBlank())) {
      return;
    }
    throw BackbeatException.invalid(field + ": " + why);
  }

  private static JsonNode array(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Json.MAPPER.createArrayNode();
    }
    if (!node.isArray()) {
      throw BackbeatException.invalid(field + " must be an array");
    }
    return node;
  }

  private static String oneOf(ObjectNode body, String field, List<String> allowed, String fallback) {
    String value = Fields.optionalString(body, field);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!allowed.contains(value.strip())) {
      throw BackbeatException.invalid(field + " must be one of " + allowed);
    }
    return value.strip();
  }

  private static int integer(ObjectNode body, String field, int min, int max, int fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw BackbeatException.invalid(field + " must be an integer between " + min + " and " + max);
    }
    return node.asInt();
  }

  /** About 1 (1k), 4 (2k) or 16 (4k) megapixels in the ratio, sides multiples of 16. */
  static int[] imageSize(String aspect, String resolution) {
    double side = switch (resolution) {
      case "2k" -> 2048;
      case "4k" -> 4096;
      default -> 1024;
    };
    String[] parts = aspect.split(":");
    double ratio = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    int width = (int) Math.round(side * Math.sqrt(ratio) / 16) * 16;
    int height = (int) Math.round(side / Math.sqrt(ratio) / 16) * 16;
    return new int[] {width, height};
  }

  /** std is 720p, pro 1080p (the short side). */
  static int[] videoSize(String aspect, String mode) {
    int shortSide = mode.equals("pro") ? 1080 : 720;
    int longSide = mode.equals("pro") ? 1920 : 1280;
    return switch (aspect) {
      case "9:16" -> new int[] {shortSide, longSide};
      case "1:1" -> new int[] {shortSide, shortSide};
      default -> new int[] {longSide, shortSide};
    };
  }
}
