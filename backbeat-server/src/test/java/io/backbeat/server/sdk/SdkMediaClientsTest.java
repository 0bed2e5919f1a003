package io.backbeat.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.client.BackbeatClient;
import io.backbeat.client.http.ApiException;
import io.backbeat.client.media.DashScopeClient;
import io.backbeat.client.media.KlingClient;
import io.backbeat.client.media.OpenAiVideoClient;
import io.backbeat.client.tasks.TaskView;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's DashScope, Kling and OpenAI-video clients against a real server (media made by a test provider). */
class SdkMediaClientsTest {
  private static TestServer server;
  private static BackbeatClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new MediaTestProvider()), List.of()));
    client = BackbeatClient.builder(URI.create(server.url("")), server.apiKey).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] download(String url) throws Exception {
    HttpResponse<byte[]> response = server.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void dashscope_images_answer_png_urls_and_a_video_task_is_waited_for_natively() throws Exception {
    List<String> images = client.dashScope().generateImages(DashScopeClient.Image.of("qwen-image", "a lighthouse at dusk").withSize("1328*1328"));
    assertThat(images).hasSize(1);
    assertThat(Arrays.copyOf(download(images.get(0)), 4)).containsExactly(0x89, 'P', 'N', 'G');

    String taskId = client.dashScope().createVideo(DashScopeClient.Video.textToVideo("wan2.5-t2v-preview", "a paper boat in the rain", "832*480", 5));
    TaskView done = client.tasks().waitFor(taskId, io.backbeat.client.tasks.WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(60)));
    assertThat(done.status()).isEqualTo("succeeded");
    JsonNode output = client.dashScope().task(taskId);
    assertThat(output.path("task_status").asText()).isEqualTo("SUCCEEDED");
    byte[] mp4 = download(output.path("video_url").asText());
    assertThat(new String(mp4, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
  }

  @Test
  void dashscope_errors_arrive_with_dashscope_codes() {
    assertThatThrownBy(() -> client.dashScope().createVideo(DashScopeClient.Video.textToVideo("no-such-model", "x", "832*480", 5)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.body().path("code").asText()).isEqualTo("ModelNotFound");
        });
    assertThat(client.dashScope().task("0000000000000000ffffffffffffffff").path("task_status").asText()).isEqualTo("UNKNOWN");
  }

  @Test
  void kling_video_is_created_with_an_external_id_and_queried_by_it() throws Exception {
    String external = "sdk-" + System.nanoTime();
    String taskId = client.kling().createVideo(KlingClient.Video.textToVideo("kling-v2-1", "waves on a black sand beach", "5").withExternalTaskId(external));
    assertThat(client.tasks().waitFor(taskId, io.backbeat.client.tasks.WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(60))).status()).isEqualTo("succeeded");
    JsonNode data = client.kling().task(KlingClient.Family.TEXT_TO_VIDEO, external);
    assertThat(data.path("task_id").asText()).isEqualTo(taskId);
    assertThat(data.path("task_status").asText()).isEqualTo("succeed");
    byte[] mp4 = download(data.path("task_result").path("videos").path(0).path("url").asText());
    assertThat(new String(mp4, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

    String image = client.kling().createImage(KlingClient.Image.of("kling-v2-1", "a red fox in snow"));
    client.tasks().waitFor(image, io.backbeat.client.tasks.WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(60)));
    assertThat(client.kling().task(KlingClient.Family.IMAGES, image).path("task_result").path("images")).hasSize(1);
  }

  @Test
  void openai_video_content_is_the_mp4() throws Exception {
    JsonNode created = client.openAiVideo().create("sora-2", "a hot air balloon over lavender", "4", "1280x720");
    String videoId = created.path("id").asText();
    assertThat(videoId).startsWith("video_");
    client.tasks().waitFor(OpenAiVideoClient.taskId(videoId), io.backbeat.client.tasks.WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(60)));
    assertThat(client.openAiVideo().retrieve(videoId).path("status").asText()).isEqualTo("completed");
    try (InputStream mp4 = client.openAiVideo().content(videoId)) {
      byte[] head = mp4.readNBytes(8);
      assertThat(new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }
  }
}
