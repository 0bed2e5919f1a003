package io.backbeat.client.media;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.backbeat.client.http.ApiTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The OpenAI-style video routes ({@code /openai/v1/videos}). A video's id is {@code video_} and the
 * native task id ({@link #taskId}), so {@code tasks().waitFor(taskId(id))} waits for it.
 */
public final class OpenAiVideoClient {
  private final ApiTransport transport;

  public OpenAiVideoClient(ApiTransport transport) {
    this.transport = requireNonNull(transport, "transport is null");
  }

  /**
   * Creates a video; answers the video object ({@code id}, {@code status} queued…).
   *
   * @param seconds as OpenAI spells them ("4", "8", "12")
   * @param size {@code "WxH"}, e.g. {@code "1280x720"}
   */
  public JsonNode create(String model, String prompt, String seconds, String size) {
    var body = JsonNodeFactory.instance.objectNode().put("model", model).put("prompt", prompt).put("seconds", seconds).put("size", size);
    return transport.create("/openai/v1/videos", body, null, Map.of()).body();
  }

  public JsonNode retrieve(String videoId) {
    return transport.get("/openai/v1/videos/" + ApiTransport.query(videoId)).body();
  }

  /** The MP4 of a completed video; close the stream. */
  public InputStream content(String videoId) throws IOException, InterruptedException {
    return transport.download("/openai/v1/videos/" + ApiTransport.query(videoId) + "/content");
  }

  /** The native task id of a video id. */
  public static String taskId(String videoId) {
    return videoId.startsWith("video_") ? videoId.substring("video_".length()) : videoId;
  }
}
