package io.backbeat.server.dialect.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /dashscope/v1/services/aigc/multimodal-generation/generation} (contract-media.md §1):
 * the synchronous qwen-image route. One user message whose text items are the prompt (and, for the
 * edit models, image items the reference images); {@code parameters} checked against the model.
 */
final class DashScopeImages {
  static final String FAMILY = "dashscope.image";
  /** Longer prompts are cut, as upstream does. */
  static final int PROMPT_MAX = 800;
  static final int NEGATIVE_PROMPT_MAX = 500;
  static final long SEED_MAX = 2_147_483_647L;

  private final DashScopeDialect dialect;

  DashScopeImages(DashScopeDialect dialect) {
    this.dialect = dialect;
  }

  ParsedTask parse(Context ctx) {
    if (DashScopeDialect.asyncRequested(ctx)) {
      throw DashScopeErrors.specific(
          ctx, BackbeatError.UNSUPPORTED, 403, "AccessDenied", "current user api does not support asynchronous calls");
    }
    ObjectNode body = Json.parseObject(ctx.body());
    DashScopeModels.ImageModel model = model(ctx, body);
    ObjectNode input = DashScopeDialect.input(ctx, body);
    JsonNode messages = input.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw BackbeatException.invalid("input.messages is required: [{\"role\":\"user\",\"content\":[{\"text\":\"<prompt>\"}]}]");
    }
    if (messages.size() != 1) {
      throw BackbeatException.invalid("input.messages must hold exactly one message (single-turn), not " + messages.size());
    }
    if (!(messages.get(0) instanceof ObjectNode message)) {
      throw BackbeatException.invalid("input.messages[0] must be an object with role and content");
    }
    String role = Fields.optionalString(message, "role");
    if (role != null && !role.equals("user")) {
      throw BackbeatException.invalid("input.messages[0].role must be user, not " + role);
    }
    JsonNode content = message.get("content");
    if (content == null || !content.isArray() || content.isEmpty()) {
      throw BackbeatException.invalid("input.messages[0].content is required: an array of {\"text\": …} items");
    }
    StringBuilder prompt = new StringBuilder();
    List<String> images = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String where = "input.messages[0].content[" + i + "]";
      if (!(content.get(i) instanceof ObjectNode item)) {
        throw BackbeatException.invalid(where + " must be an object such as {\"text\": \"…\"}");
      }
      if (item.has("text")) {
        String text = Fields.optionalString(item, "text");
        if (text != null && !text.isBlank()) {
          prompt.append(prompt.isEmpty() ? "" : "\n").append(text.strip());
        }
      } else if (item.has("image")) {
        if (model.maxReferenceImages() == 0) {
          throw BackbeatException.invalid(where + ".image: " + model.name() + " makes images from text only; use an edit model to start from an image");
        }
        images.add(dialect.sourceUrl(where + ".image", Fields.requiredString(item, "image")));
      } else {
        throw BackbeatException.invalid(where + " must have text (or image for the edit models)");
      }
    }
    if (prompt.isEmpty()) {
      throw BackbeatException.invalid("input.messages[0].content needs a non-empty text item: the prompt");
    }
    if (images.size() > model.maxReferenceImages()) {
      throw BackbeatException.invalid(model.name() + " takes at most " + model.maxReferenceImages() + " images, not " + images.size());
    }
    String text = prompt.length() > PROMPT_MAX ? prompt.substring(0, PROMPT_MAX) : prompt.toString();

    ObjectNode parameters = DashScopeDialect.object(body, "parameters");
    int[] size = size(model, Fields.optionalString(parameters, "size"));
    String negative = Fields.optionalString(parameters, "negative_prompt");
    if (negative != null && negative.length() > NEGATIVE_PROMPT_MAX) {
      throw BackbeatException.tooLong("parameters.negative_prompt must be at most " + NEGATIVE_PROMPT_MAX + " characters, not " + negative.length());
    }
    if (negative != null && negative.isBlank()) {
      negative = null;
    }
    int n = DashScopeDialect.optionalInt(parameters, "parameters.n", "n", 1, model.maxImages(), 1,
        model.maxImages() == 1 ? model.name() + " makes exactly one image: n must be 1" : null);
    Long seed = DashScopeDialect.optionalSeed(parameters);
    Boolean promptExtend = Fields.optionalBoolean(parameters, "prompt_extend");
    Boolean watermark = Fields.optionalBoolean(parameters, "watermark");
    ImageSpec spec =
        new ImageSpec(
            model.name(), text, negative, size[0], size[1], n, seed, promptExtend == null || promptExtend,
            watermark != null && watermark, images, "png", null);
    return new ParsedTask(spec, dialect.originalPayload(body));
  }

  private static DashScopeModels.ImageModel model(Context ctx, ObjectNode body) {
    String name = Fields.optionalString(body, "model");
    if (name == null || name.isBlank()) {
      throw DashScopeErrors.specific(ctx, BackbeatError.INVALID_PARAMETER, 400, "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
    }
    return DashScopeModels.image(name.strip())
        .orElseThrow(() -> DashScopeErrors.specific(
            ctx, BackbeatError.NOT_FOUND, 404, "ModelNotFound",
            "Model not exist: " + name.strip() + " is not an image model of this route; use one of " + DashScopeModels.imageModelNames()));
  }

  /** {@code W*H} from the model's list (or pixel range), or the model's default. */
  private static int[] size(DashScopeModels.ImageModel model, String size) {
    if (size == null) {
      return DashScopeDialect.dimensions(model.defaultSize());
    }
    String normalised = size.strip();
    if (!normalised.matches("[1-9][0-9]{1,4}\\*[1-9][0-9]{1,4}")) {
      throw BackbeatException.invalid("parameters.size must be width*height with an asterisk, such as 1328*1328; not '" + size + "'");
    }
    int[] dims = DashScopeDialect.dimensions(normalised);
    if (!model.sizes().isEmpty()) {
      if (!model.sizes().contains(normalised)) {
        throw BackbeatException.invalid("parameters.size " + normalised + " is not a size of " + model.name() + "; use one of " + model.sizes());
      }
      return dims;
    }
    long pixels = (long) dims[0] * dims[1];
    if (pixels < model.minPixels() || pixels > model.maxPixels()) {
      throw BackbeatException.invalid(
          "parameters.size " + normalised + " has " + pixels + " pixels; " + model.name() + " makes 512*512 to 2048*2048 pixels in total");
    }
    return dims;
  }

  /** The sync answer: the finished task's images, or its failure in DashScope's error shape. */
  TaskCreation.Response answer(Task task) {
    if (task.status() != TaskStatus.SUCCEEDED) {
      DashScopeErrors.Code code;
      String message;
      if (task.status() == TaskStatus.CANCELED) {
        code = new DashScopeErrors.Code(500, "InternalError");
        message = "task " + task.id() + " was canceled before it finished";
      } else {
        code = DashScopeErrors.ofFailure(task.errorCode());
        message = task.errorMessage() == null ? "image generation failed" : task.errorMessage();
      }
      ObjectNode error = Json.object().put("request_id", DashScopeDialect.requestId()).put("code", code.code()).put("message", message);
      return new TaskCreation.Response(code.httpStatus(), Json.write(error));
    }
    ObjectNode body = Json.object().put("request_id", DashScopeDialect.requestId());
    ObjectNode output = body.putObject("output");
    ObjectNode choice = output.putArray("choices").addObject();
    choice.put("finish_reason", "stop");
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    ArrayNode content = message.putArray("content");
    List<String> urls = urls(task);
    urls.forEach(url -> content.addObject().put("image", url));
    output.putObject("task_metric").put("TOTAL", urls.size()).put("SUCCEEDED", urls.size()).put("FAILED", 0);
    body.set("usage", usage(task));
    return new TaskCreation.Response(200, Json.write(body));
  }

  List<String> urls(Task task) {
    List<String> urls = new ArrayList<>();
    if (task.result() != null) {
      for (JsonNode key : task.result().path("images")) {
        urls.add(dialect.assetUrls().url(key.asText()));
      }
    }
    return urls;
  }

  ObjectNode usage(Task task) {
    ObjectNode usage = Json.object();
    ImageSpec spec = (ImageSpec) task.spec();
    usage.put("width", task.result() != null && task.result().has("width") ? task.result().path("width").asInt() : spec.width());
    usage.put("height", task.result() != null && task.result().has("height") ? task.result().path("height").asInt() : spec.height());
    usage.put("image_count", urls(task).size());
    return usage;
  }
}
