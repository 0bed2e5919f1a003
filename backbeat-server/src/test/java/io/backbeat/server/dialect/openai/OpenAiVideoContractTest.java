package io.backbeat.server.dialect.openai;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /openai/v1/videos}, {@code GET /openai/v1/videos/{id}} and {@code …/content}: OpenAI's
 * video object and error shape on the shared VIDEO tasks; the content is a real MP4 (ffprobe).
 */
class OpenAiVideoContractTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new MediaTestProvider()), List.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_video_is_created_retrieved_until_completed_and_its_content_is_an_h264_mp4() throws Exception {
    HttpResponse<String> created =
        server.post("/openai/v1/videos", "{\"model\":\"kling-v3-omni\",\"prompt\":\"a cat on a piano\",\"seconds\":\"3\",\"size\":\"1280x720\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode video = json(created);
    String id = video.path("id").asText();
    assertThat(id).startsWith("video_");
    assertThat(video.path("object").asText()).isEqualTo("video");
    assertThat(video.path("status").asText()).isEqualTo("queued");
    assertThat(video.path("model").asText()).isEqualTo("kling-v3-omni");
    assertThat(video.path("seconds").asText()).isEqualTo("3");
    assertThat(video.path("size").asText()).isEqualTo("1280x720");
    assertThat(video.path("created_at").asLong()).isBetween(1_700_000_000L, 4_000_000_000L);
    assertThat(video.path("error").isNull()).isTrue();

    JsonNode done = server.pollUntil("/openai/v1/videos/" + id, b -> b.path("status").asText().matches("completed|failed"), Duration.ofSeconds(60));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("progress").asInt()).isEqualTo(100);
    assertThat(done.path("completed_at").asLong()).isGreaterThanOrEqualTo(video.path("created_at").asLong());

    Path file = Files.createTempFile("openai", ".mp4");
    HttpResponse<Path> content =
        server.client().send(
            HttpRequest.newBuilder(URI.create(server.url("/openai/v1/videos/" + id + "/content"))).header("Authorization", "Bearer " + server.apiKey).build(),
            HttpResponse.BodyHandlers.ofFile(file));
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("video/mp4"));
    String probe = ffprobe(file);
    assertThat(probe).contains("codec_name=h264").contains("width=1280").contains("height=720");

    HttpResponse<byte[]> thumbnail =
        server.client().send(
            HttpRequest.newBuilder(URI.create(server.url("/openai/v1/videos/" + id + "/content?variant=thumbnail")))
                .header("Authorization", "Bearer " + server.apiKey).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(thumbnail.statusCode()).isEqualTo(200);
    assertThat(new String(thumbnail.body(), 1, 3)).isEqualTo("PNG");
  }

  @Test
  void a_video_still_rendering_is_in_progress_and_has_no_content_yet() throws Exception {
    String id = json(server.post("/openai/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"a slow sunrise\"}")).path("id").asText();

    JsonNode running = server.pollUntil("/openai/v1/videos/" + id, b -> b.path("status").asText().equals("in_progress"), Duration.ofSeconds(30));

    assertThat(running.path("seconds").asText()).as("sora-2's default").isEqualTo("4");
    assertThat(running.path("size").asText()).isEqualTo("720x1280");
    assertThat(running.path("completed_at").isNull()).isTrue();
    assertError(server.get("/openai/v1/videos/" + id + "/content"), 404, "not_found", "no content yet");
  }

  @Test
  void a_failed_video_carries_an_error_object() throws Exception {
    String id = json(server.post("/openai/v1/videos", "{\"model\":\"kling-3.0\",\"prompt\":\"fail please\",\"seconds\":5}")).path("id").asText();

    JsonNode failed = server.pollUntil("/openai/v1/videos/" + id, b -> b.path("status").asText().equals("failed"), Duration.ofSeconds(30));

    assertThat(failed.path("error").path("code").asText()).isEqualTo("generation_failed");
    assertThat(failed.path("error").path("message").asText()).contains("asked to fail");
  }

  @Test
  void a_kling_video_task_is_readable_as_an_openai_video() throws Exception {
    String taskId =
        json(server.post("/transtreams/kling/v1/videos/text2video", "{\"model_name\":\"kling-v3\",\"prompt\":\"slow river\",\"duration\":3}"))
            .path("data").path("task_id").asText();

    JsonNode video = json(server.get("/openai/v1/videos/video_" + taskId));

    assertThat(video.path("id").asText()).isEqualTo("video_" + taskId);
    assertThat(video.path("model").asText()).isEqualTo("kling-v3");
  }

  @Test
  void the_list_pages_the_accounts_videos_newest_first() {
    String key = server.newAccountKey("openai-list-" + System.nanoTime());
    List<String> ids = new java.util.ArrayList<>();
    for (String prompt : List.of("slow one", "slow two", "slow three")) {
      ids.add(json(server.post("/openai/v1/videos", "{\"prompt\":\"" + prompt + "\"}", key)).path("id").asText());
    }

    JsonNode first = json(server.get("/openai/v1/videos?limit=2", key));
    JsonNode rest = json(server.get("/openai/v1/videos?limit=2&after=" + first.path("last_id").asText(), key));

    assertThat(first.path("object").asText()).isEqualTo("list");
    assertThat(first.path("data")).hasSize(2);
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(rest.path("data")).hasSize(1);
    List<String> seen = new java.util.ArrayList<>(first.path("data").findValuesAsText("id"));
    seen.addAll(rest.path("data").findValuesAsText("id"));
    assertThat(seen).as("every video once, across the pages").containsExactlyInAnyOrderElementsOf(ids);
    assertThat(first.path("data").get(0).path("created_at").asLong()).isGreaterThanOrEqualTo(rest.path("data").get(0).path("created_at").asLong());
    assertThat(rest.path("has_more").asBoolean()).isFalse();
    assertError(server.get("/openai/v1/videos?limit=0", key), 400, "invalid_value", "limit");
  }

  @Test
  void errors_are_in_openais_shape_under_its_prefix() {
    assertError(server.post("/openai/v1/videos", "{\"model\":\"sora-2\"}"), 400, "invalid_value", "prompt is required");
    assertError(server.post("/openai/v1/videos", "{\"model\":\"dall-e-3\",\"prompt\":\"x\"}"), 400, "invalid_value", "not a video model");
    assertError(server.post("/openai/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"x\",\"seconds\":\"5\"}"), 400, "invalid_value", "seconds");
    assertError(server.post("/openai/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"x\",\"size\":\"1920x1080\"}"), 400, "invalid_value", "size");
    assertError(server.get("/openai/v1/videos/video_" + "0".repeat(32)), 404, "not_found", "no video");
    assertError(server.get("/openai/v1/nothing"), 404, "not_found", "no route");
    assertError(server.get("/openai/v1/videos/x", "bb_live_wrong"), 401, "invalid_api_key", "invalid API key");
    HttpResponse<String> unauthorized = server.get("/openai/v1/videos/x", null);
    assertThat(json(unauthorized).path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  static void assertError(HttpResponse<String> response, int status, String code, String says) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(error.path("type").asText()).isNotBlank();
    assertThat(error.path("message").asText()).contains(says);
  }

  static String ffprobe(Path file) throws Exception {
    Process probe =
        new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of",
                "default=noprint_wrappers=1", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes());
    assertThat(probe.waitFor()).as(out).isZero();
    return out;
  }
}
