package io.backbeat.client.media;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.client.http.ApiTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DashScope routes ({@code /dashscope/v1}): qwen-image generation (answers with the images) and
 * wan video tasks. Errors arrive as {@link io.backbeat.client.http.ApiException} with DashScope's
 * {@code {request_id, code, message}} as the body. The task id is the native task id too, so
 * {@code tasks().waitFor(id)} waits for a video.
 */
public final class DashScopeClient {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final ApiTransport transport;

  public DashScopeClient(ApiTransport transport) {
    this.transport = requireNonNull(transport, "transport is null");
  }

  /**
   * An image request.
   *
   * @param size {@code "W*H"} from the model's list, or null for its default
   * @param n how many images, or null for one
   * @param seed same seed and request, same pixels; null for a random one
   */
  public record Image(String model, String prompt, String negativePrompt, String size, Integer n, Long seed) {
    public static Image of(String model, String prompt) {
      return new Image(model, prompt, null, null, null, null);
    }

    public Image withSize(String size) {
      return new Image(model, prompt, negativePrompt, size, n, seed);
    }

    public Image withSeed(long seed) {
      return new Image(model, prompt, negativePrompt, size, n, seed);
    }
  }

  /**
   * A video request: text-to-video, or image-to-video with {@code imageUrl}; {@code audioUrl} is the soundtrack.
   *
   * @param size {@code "W*H"} (text-to-video) or null
   * @param resolution {@code 480P}, {@code 720P} or {@code 1080P} (image-to-video) or null
   * @param duration seconds, or null for the model's default
   */
  public record Video(String model, String prompt, String size, String resolution, Integer duration, String imageUrl, String audioUrl) {
    public static Video textToVideo(String model, String prompt, String size, int duration) {
      return new Video(model, prompt, size, null, duration, null, null);
    }

    public static Video imageToVideo(String model, String prompt, String imageUrl, String resolution, int duration) {
      return new Video(model, prompt, null, resolution, duration, imageUrl, null);
    }
  }

  /** Generates the images and answers their URLs (a synchronous route: it answers when they exist). */
  public List<String> generateImages(Image image) {
    ObjectNode body = JSON.objectNode().put("model", image.model());
    body.putObject("input").putArray("messages").addObject().put("role", "user").putArray("content").addObject().put("text", image.prompt());
    ObjectNode parameters = body.putObject("parameters");
    if (image.size() != null) {
      parameters.put("size", image.size());
    }
    if (image.n() != null) {
      parameters.put("n", image.n());
    }
    if (image.seed() != null) {
      parameters.put("seed", image.seed());
    }
    if (image.negativePrompt() != null) {
      parameters.put("negative_prompt", image.negativePrompt());
    }
    JsonNode answer = transport.create("/dashscope/v1/services/aigc/multimodal-generation/generation", body, null, Map.of()).body();
    List<String> urls = new ArrayList<>();
    for (JsonNode choice : answer.path("output").path("choices")) {
      for (JsonNode content : choice.path("message").path("content")) {
        if (content.has("image")) {
          urls.add(content.path("image").asText());
        }
      }
    }
    return urls;
  }

  /** Creates a video task (sent with {@code X-DashScope-Async: enable}); answers its task id. */
  public String createVideo(Video video) {
    ObjectNode body = JSON.objectNode().put("model", video.model());
    ObjectNode input = body.putObject("input");
    if (video.prompt() != null) {
      input.put("prompt", video.prompt());
    }
    if (video.imageUrl() != null) {
      input.put("img_url", video.imageUrl());
    }
    if (video.audioUrl() != null) {
      input.put("audio_url", video.audioUrl());
    }
    ObjectNode parameters = body.putObject("parameters");
    if (video.size() != null) {
      parameters.put("size", video.size());
    }
    if (video.resolution() != null) {
      parameters.put("resolution", video.resolution());
    }
    if (video.duration() != null) {
      parameters.put("duration", video.duration());
    }
    JsonNode answer = transport.create("/dashscope/v1/services/aigc/video-generation/video-synthesis", body, null, Map.of("X-DashScope-Async", "enable")).body();
    return answer.path("output").path("task_id").asText();
  }

  /** {@code output} of {@code GET /tasks/{id}}: {@code task_status}, {@code video_url} when done, … ({@code UNKNOWN} for ids it does not know). */
  public JsonNode task(String taskId) {
    return transport.get("/dashscope/v1/tasks/" + ApiTransport.query(taskId)).body().path("output");
  }
}
