package io.backbeat.client.suno;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.backbeat.client.http.ApiTransport;
import java.util.Map;

/**
 * The Suno-compatible routes ({@code /suno/*}). Creates return the task id; queries return the
 * {@code data} object of Suno's envelope as the server answers it. Every create carries an
 * {@code Idempotency-Key}, so the transport's retries never make a second song.
 */
public final class SunoClient {
  private final ApiTransport transport;

  public SunoClient(ApiTransport transport) {
    this.transport = requireNonNull(transport, "transport is null");
  }

  public String generate(SunoSong song) {
    return generate(song, null);
  }

  /** @param idempotencyKey the caller's own key (kept across restarts), or null for a new one */
  public String generate(SunoSong song, String idempotencyKey) {
    return transport.create("/suno/generate", song.body(), idempotencyKey, Map.of()).body().path("data").path("taskId").asText();
  }

  public String generateLyrics(String prompt, String callbackUrl) {
    var body = JsonNodeFactory.instance.objectNode().put("prompt", prompt).put("callBackUrl", callbackUrl);
    return transport.create("/suno/generate-lyrics", body, null, Map.of()).body().path("data").path("taskId").asText();
  }

  /** {@code data} of {@code GET /suno/query/task}: status, {@code response.sunoData[]} and more. */
  public JsonNode queryTask(String taskId) {
    return transport.get("/suno/query/task?taskId=" + ApiTransport.query(taskId)).body().path("data");
  }

  public JsonNode queryLyrics(String taskId) {
    return transport.get("/suno/query/lyrics?taskId=" + ApiTransport.query(taskId)).body().path("data");
  }
}
