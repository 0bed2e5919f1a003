package io.backbeat.client.media;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.client.http.ApiTransport;
import java.util.Map;

/**
 * The Kling routes ({@code /transtreams/kling/v1}). Creates answer the task id (also the native task
 * id, for {@code tasks().waitFor}); queries answer Kling's {@code data}. A task may be named by the
 * caller's own {@code external_task_id} (unique per account) and queried by it.
 */
public final class KlingClient {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final ApiTransport transport;

  public KlingClient(ApiTransport transport) {
    this.transport = requireNonNull(transport, "transport is null");
  }

  /** Kling's route families. */
  public enum Family {
    IMAGES("images/generations"),
    OMNI_IMAGE("images/omni-image"),
    TEXT_TO_VIDEO("videos/text2video"),
    IMAGE_TO_VIDEO("videos/image2video"),
    OMNI_VIDEO("videos/omni-video");

    private final String path;

    Family(String path) {
      this.path = path;
    }

    String path() {
      return "/transtreams/kling/v1/" + path;
    }
  }

  /**
   * A video request ({@code TEXT_TO_VIDEO}, {@code IMAGE_TO_VIDEO} with {@code image}, or {@code OMNI_VIDEO}).
   *
   * @param duration seconds, as Kling spells them ("5", "10")
   * @param externalTaskId the caller's own name for the task, or null
   */
  public record Video(Family family, String model, String prompt, String image, String duration, String mode, String aspectRatio, String externalTaskId,
      String callbackUrl) {
    public static Video textToVideo(String model, String prompt, String duration) {
      return new Video(Family.TEXT_TO_VIDEO, model, prompt, null, duration, "std", "16:9", null, null);
    }

    public Video withExternalTaskId(String externalTaskId) {
      return new Video(family, model, prompt, image, duration, mode, aspectRatio, externalTaskId, callbackUrl);
    }

    public Video withCallbackUrl(String callbackUrl) {
      return new Video(family, model, prompt, image, duration, mode, aspectRatio, externalTaskId, callbackUrl);
    }
  }

  /** An image request ({@code IMAGES}); {@code n} 1–9. */
  public record Image(String model, String prompt, String negativePrompt, int n, String aspectRatio, String externalTaskId) {
    public static Image of(String model, String prompt) {
      return new Image(model, prompt, null, 1, "1:1", null);
    }
  }

  public String createVideo(Video video) {
    ObjectNode body = JSON.objectNode().put("model_name", video.model()).put("prompt", video.prompt());
    put(body, "image", video.image());
    put(body, "duration", video.duration());
    put(body, "mode", video.mode());
    put(body, "aspect_ratio", video.aspectRatio());
    put(body, "external_task_id", video.externalTaskId());
    put(body, "callback_url", video.callbackUrl());
    return taskId(transport.create(video.family().path(), body, null, Map.of()).body());
  }

  public String createImage(Image image) {
    ObjectNode body = JSON.objectNode().put("model_name", image.model()).put("prompt", image.prompt()).put("n", image.n());
    put(body, "negative_prompt", image.negativePrompt());
    put(body, "aspect_ratio", image.aspectRatio());
    put(body, "external_task_id", image.externalTaskId());
    return taskId(transport.create(Family.IMAGES.path(), body, null, Map.of()).body());
  }

  /** {@code data} of a task: {@code task_status} (submitted, processing, succeed, failed), {@code task_result}, … */
  public JsonNode task(Family family, String taskIdOrExternalId) {
    return transport.get(family.path() + "/" + ApiTransport.query(taskIdOrExternalId)).body().path("data");
  }

  private static String taskId(JsonNode answer) {
    return answer.path("data").path("task_id").asText();
  }

  private static void put(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
