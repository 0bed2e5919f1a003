package io.backbeat.server.dialect.kling;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kling routes under {@code /transtreams/kling/v1} (contract-media.md §5–§8): the envelope, every
 * task state's shape, {@code external_task_id}, the list form, callbacks and the error table. Media
 * come from a test provider making real PNGs and MP4s; they are judged with ImageIO and ffprobe.
 */
class KlingContractTest {
  static final String K = "/transtreams/kling/v1";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_PRICES", "IMAGE=4,VIDEO=10"), new Extensions(List.of(new MediaTestProvider()), List.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode succeeded(String path) throws InterruptedException {
    return server.pollUntil(path, b -> !b.path("data").path("task_status").asText().matches("submitted|processing"), Duration.ofSeconds(60));
  }

  @Test
  void an_image_generation_is_created_in_the_envelope_and_queried_until_it_succeeds_with_pngs_of_the_asked_shape() throws Exception {
    String external = "img-" + UUID.randomUUID();
    HttpResponse<String> created =
        server.post(K + "/images/generations", """
            {"model_name":"kling-v2-1","prompt":"a lighthouse at dusk","n":2,"aspect_ratio":"16:9","external_task_id":"%s"}""".formatted(external));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode body = json(created);
    assertThat(body.path("code").isInt()).isTrue();
    assertThat(body.path("code").asInt()).isZero();
    assertThat(body.path("message").asText()).isEqualTo("SUCCEED");
    assertThat(body.path("request_id").asText()).isNotBlank();
    JsonNode data = body.path("data");
    String taskId = data.path("task_id").asText();
    assertThat(data.path("task_status").asText()).isEqualTo("submitted");
    assertThat(data.path("task_info").path("external_task_id").asText()).isEqualTo(external);
    assertThat(data.path("created_at").asLong()).isGreaterThan(1_700_000_000_000L);
    assertThat(data.path("updated_at").isIntegralNumber()).isTrue();

    JsonNode done = succeeded(K + "/images/generations/" + taskId).path("data");
    assertThat(done.path("task_status").asText()).isEqualTo("succeed");
    assertThat(done.path("task_status_msg").asText()).isEmpty();
    assertThat(done.path("task_info").path("external_task_id").asText()).isEqualTo(external);
    assertThat(done.path("watermark_info").path("enabled").asBoolean()).isFalse();
    JsonNode images = done.path("task_result").path("images");
    assertThat(images).hasSize(2);
    assertThat(images.get(1).path("index").asInt()).isEqualTo(1);
    for (JsonNode image : images) {
      HttpResponse<byte[]> png = server.client().send(HttpRequest.newBuilder(URI.create(image.path("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(png.statusCode()).isEqualTo(200);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.body()));
      assertThat(decoded.getWidth()).isEqualTo(1360);
      assertThat(decoded.getHeight()).isEqualTo(768);
    }

    JsonNode byExternal = json(server.get(K + "/images/generations/" + external));
    assertThat(byExternal.path("data").path("task_id").asText()).as("the same task by external_task_id").isEqualTo(taskId);
  }

  @Test
  void an_external_task_id_is_unique_per_account_and_an_idempotent_replay_is_not_a_reuse() {
    String external = "dup-" + UUID.randomUUID();
    String request = "{\"prompt\":\"a red fox\",\"external_task_id\":\"" + external + "\"}";
    Map<String, String> key = Map.of("Idempotency-Key", "kling-" + external);
    HttpResponse<String> first = server.post(K + "/images/generations", request, server.apiKey, key);
    HttpResponse<String> replay = server.post(K + "/images/generations", request, server.apiKey, key);
    HttpResponse<String> reuse = server.post(K + "/images/omni-image", "{\"prompt\":\"a blue fox\",\"external_task_id\":\"" + external + "\"}");
    HttpResponse<String> otherAccount =
        server.post(K + "/images/generations", request, server.newAccountKey("kling-other-" + UUID.randomUUID()));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(reuse.statusCode()).isEqualTo(400);
    assertThat(json(reuse).path("code").asInt()).isEqualTo(1201);
    assertThat(json(reuse).path("message").asText()).contains("external_task_id");
    assertThat(json(reuse).has("data")).isFalse();
    assertThat(otherAccount.statusCode()).as("another account may use the same name").isEqualTo(200);
  }

  @Test
  void an_omni_video_takes_duration_as_a_string_or_an_integer_and_answers_it_as_a_string_with_a_real_h264_mp4() throws Exception {
    HttpResponse<String> asString =
        server.post(K + "/videos/omni-video", """
            {"model_name":"kling-v3-omni","prompt":"waves rolling in","mode":"std","aspect_ratio":"16:9","duration":"3"}""");
    HttpResponse<String> asInteger =
        server.post(K + "/videos/omni-video", """
            {"model_name":"kling-v3-omni","prompt":"waves rolling in","mode":"std","aspect_ratio":"9:16","duration":4}""");
    assertThat(asString.statusCode()).as(asString.body()).isEqualTo(200);
    assertThat(asInteger.statusCode()).as(asInteger.body()).isEqualTo(200);

    JsonNode done = succeeded(K + "/videos/omni-video/" + json(asString).path("data").path("task_id").asText()).path("data");
    assertThat(done.path("task_status").asText()).isEqualTo("succeed");
    JsonNode video = done.path("task_result").path("videos").get(0);
    assertThat(video.path("duration").isTextual()).isTrue();
    assertThat(video.path("duration").asText()).isEqualTo("3.0");
    assertThat(video.path("id").asText()).isNotBlank();
    Map<String, String> probe = ffprobe(video.path("url").asText());
    assertThat(probe).containsEntry("codec_name", "h264").containsEntry("width", "1280").containsEntry("height", "720");
    assertThat(Double.parseDouble(probe.get("duration"))).isBetween(2.8, 3.2);

    JsonNode portrait = succeeded(K + "/videos/omni-video/" + json(asInteger).path("data").path("task_id").asText()).path("data");
    assertThat(portrait.path("task_result").path("videos").get(0).path("duration").asText()).isEqualTo("4.0");
  }

  @Test
  void text_to_video_and_image_to_video_create_video_tasks_polled_under_their_own_paths() throws Exception {
    HttpResponse<String> text = server.post(K + "/videos/text2video", """
        {"model_name":"kling-v3","prompt":"a paper plane","duration":"3","aspect_ratio":"1:1"}""");
    assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
    String textId = json(text).path("data").path("task_id").asText();
    JsonNode done = succeeded(K + "/videos/text2video/" + textId).path("data");
    assertThat(done.path("task_status").asText()).isEqualTo("succeed");
    Map<String, String> probe = ffprobe(done.path("task_result").path("videos").get(0).path("url").asText());
    assertThat(probe).containsEntry("width", "720").containsEntry("height", "720");

    HttpResponse<String> elsewhere = server.get(K + "/videos/image2video/" + textId);
    assertThat(elsewhere.statusCode()).as("a text2video task is not polled at image2video").isEqualTo(404);
    assertThat(json(elsewhere).path("code").asInt()).isEqualTo(1203);

    HttpResponse<String> image = server.post(K + "/videos/image2video", """
        {"model_name":"kling-v2-1","image":"%s","image_tail":"%s","prompt":"slowly wakes up","duration":5}"""
        .formatted(server.url("/assets/none/first.png"), server.url("/assets/none/last.png")));
    assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
    JsonNode processing =
        server.pollUntil(K + "/videos/image2video/" + json(image).path("data").path("task_id").asText(),
            b -> b.path("data").path("task_status").asText().equals("processing"), Duration.ofSeconds(30));
    assertThat(processing.path("data").path("task_result").path("videos")).isEmpty();
    assertThat(processing.path("data").path("task_status_msg").asText()).isEmpty();
  }

  @Test
  void a_reference_image_may_be_sent_as_base64_bare_or_as_a_data_url() throws Exception {
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB), "png", png);
    String base64 = java.util.Base64.getEncoder().encodeToString(png.toByteArray());

    HttpResponse<String> bare = server.post(K + "/images/generations", "{\"prompt\":\"like this\",\"image\":\"" + base64 + "\"}");
    HttpResponse<String> dataUrl =
        server.post(K + "/images/omni-image", "{\"prompt\":\"like <<<image_1>>>\",\"image_list\":[{\"image\":\"data:image/png;base64," + base64 + "\"}]}");

    assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
    assertThat(dataUrl.statusCode()).as(dataUrl.body()).isEqualTo(200);
  }

  @Test
  void a_failed_task_says_why_in_task_status_msg() throws Exception {
    HttpResponse<String> created = server.post(K + "/images/omni-image", """
        {"model_name":"kling-v3-omni","prompt":"please fail","result_type":"series","series_amount":3}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    JsonNode data = succeeded(K + "/images/omni-image/" + json(created).path("data").path("task_id").asText()).path("data");

    assertThat(data.path("task_status").asText()).isEqualTo("failed");
    assertThat(data.path("task_status_msg").asText()).contains("asked to fail");
    assertThat(data.path("task_result").path("result_type").asText()).isEqualTo("series");
    assertThat(data.path("task_result").path("series_images")).isEmpty();
  }

  @Test
  void the_list_form_pages_a_familys_tasks_newest_first() throws Exception {
    String key = server.newAccountKey("kling-list-" + UUID.randomUUID());
    for (String prompt : List.of("one", "two", "three")) {
      assertThat(server.post(K + "/images/generations", "{\"prompt\":\"" + prompt + "\"}", key).statusCode()).isEqualTo(200);
    }
    assertThat(server.post(K + "/images/omni-image", "{\"prompt\":\"not in the list\"}", key).statusCode()).isEqualTo(200);

    JsonNode first = json(server.get(K + "/images/generations?pageNum=1&pageSize=2", key));
    JsonNode second = json(server.get(K + "/images/generations?pageNum=2&pageSize=2", key));

    assertThat(first.path("code").asInt()).isZero();
    assertThat(first.path("data").isArray()).isTrue();
    assertThat(first.path("data")).hasSize(2);
    assertThat(second.path("data")).hasSize(1);
    assertThat(first.path("data").get(0).path("task_id").asText()).isNotEqualTo(second.path("data").get(0).path("task_id").asText());
    assertThat(first.path("data").get(0).has("task_status")).isTrue();
    HttpResponse<String> bad = server.get(K + "/images/generations?pageSize=501", key);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("code").asInt()).isEqualTo(1201);
  }

  @Test
  void callbacks_arrive_in_klings_shape_and_signed() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      HttpResponse<String> created = server.post(K + "/images/generations", """
          {"prompt":"a kite","callback_url":"%s","external_task_id":"cb-%s"}""".formatted(receiver.url("/kling"), UUID.randomUUID()));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String taskId = json(created).path("data").path("task_id").asText();

      CallbackReceiver.Received received = receiver.take(Duration.ofSeconds(60));

      assertThat(received).isNotNull();
      Signatures.verify(server.webhookSecret(), received);
      JsonNode body = TestServer.JSON.readTree(received.body());
      assertThat(body.has("code")).as("no envelope").isFalse();
      assertThat(body.path("task_id").asText()).isEqualTo(taskId);
      assertThat(body.path("task_status").asText()).isEqualTo("succeed");
      assertThat(body.path("task_info").path("external_task_id").asText()).startsWith("cb-");
      assertThat(body.path("task_result").path("images").get(0).path("url").asText()).startsWith("http");
      assertThat(body.path("created_at").isIntegralNumber()).isTrue();
    }
  }

  @Test
  void errors_follow_klings_table_and_carry_no_data() {
    assertError(server.post(K + "/images/generations", "{}"), 400, 1201, "prompt is required");
    assertError(server.post(K + "/images/generations", "{\"prompt\":\"x\",\"model_name\":\"kling-v9\"}"), 404, 1203, "kling-v9");
    assertError(server.post(K + "/images/generations", "{\"prompt\":\"x\",\"n\":10}"), 400, 1201, "n must be");
    assertError(server.post(K + "/images/generations", "{\"prompt\":\"x\",\"image\":\"iVBORw0KGgo=\"}"), 400, 1201, "Base64");
    assertError(server.post(K + "/images/generations", "{\"prompt\":\"" + "a".repeat(2501) + "\"}"), 400, 1201, "2500");
    assertError(server.post(K + "/videos/omni-video", "{\"prompt\":\"x\",\"aspect_ratio\":\"16:9\",\"duration\":\"16\"}"), 400, 1201, "duration");
    assertError(server.post(K + "/videos/omni-video", "{\"prompt\":\"x\",\"aspect_ratio\":\"16:9\",\"duration\":5.5}"), 400, 1201, "whole number");
    assertError(server.post(K + "/videos/omni-video", "{\"prompt\":\"x\"}"), 400, 1201, "aspect_ratio is required");
    assertError(
        server.post(K + "/videos/omni-video", "{\"prompt\":\"x\",\"aspect_ratio\":\"16:9\",\"video_list\":[{\"video_url\":\"https://example.com/a.mp4\"}]}"),
        400, 1201, "video_list");
    assertError(server.post(K + "/videos/text2video", "{\"prompt\":\"x\",\"duration\":7}"), 400, 1201, "5 or 10");
    assertError(server.post(K + "/videos/image2video", "{\"prompt\":\"x\"}"), 400, 1201, "image is required");
    assertError(server.post(K + "/images/generations", "{\"prompt\":\"x\",\"callback_url\":\"ftp://example.com/cb\"}"), 400, 1201, "callback_url");
    assertError(server.get(K + "/images/generations/" + "0".repeat(32)), 404, 1203, "no task");
    assertError(server.get(K + "/videos/nowhere"), 404, 1203, "no route");
    assertError(server.get(K + "/images/generations/x", "bb_live_wrong"), 401, 1000, "invalid API key");
    assertError(server.get(K + "/images/generations/x", null), 401, 1001, "empty");
  }

  @Test
  void an_account_out_of_credits_gets_1102_and_nothing_is_created() {
    String poor = server.newMeteredAccountKey("kling-poor-" + UUID.randomUUID(), 3);

    assertError(server.post(K + "/images/generations", "{\"prompt\":\"a coin\"}", poor), 429, 1102, "quota exhausted");
    assertThat(json(server.get(K + "/images/generations", poor)).path("data")).isEmpty();
  }

  static void assertError(HttpResponse<String> response, int status, int code, String says) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(body.path("message").asText()).contains(says);
    assertThat(body.path("request_id").asText()).isNotBlank();
    assertThat(body.has("data")).isFalse();
  }

  /** The first video stream's codec, size and the container's duration, as ffprobe reads the file. */
  static Map<String, String> ffprobe(String url) throws Exception {
    Path file = Files.createTempFile("kling", ".mp4");
    HttpResponse<Path> download = server.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(download.statusCode()).isEqualTo(200);
    Process probe =
        new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height:format=duration",
                "-of", "default=noprint_wrappers=1", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes());
    assertThat(probe.waitFor()).as(out).isZero();
    Map<String, String> values = new java.util.HashMap<>();
    for (String line : out.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }
}
