package io.backbeat.server.dialect.dashscope;

import static io.backbeat.server.dialect.dashscope.DashScopeTesting.ASYNC;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.IMAGE;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.TASKS;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.TIME;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.VIDEO;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.assertError;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.dashscope;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.dashscopeList;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.download;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.imageBody;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.probe;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.taskIdOf;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.videoBody;
import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DashScope routes over real HTTP, with workers running a test studio that makes real PNGs and
 * MP4s: the sync image answer, video create and every running/ended state of {@code GET /tasks/{id}},
 * the task list, cancel refusals, and the flat error table (contract-media.md §1–§4).
 */
class DashScopeContractTest {
  private static TestServer server;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = DashScopeTesting.start(Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode task(String taskId) {
    HttpResponse<String> response = server.get(TASKS + "/" + taskId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return dashscope(response);
  }

  private static JsonNode awaitStatus(String taskId, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = task(taskId);
      if (last.path("output").path("task_status").asText().equals(status)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("task " + taskId + " never became " + status + "; last: " + last);
  }

  private static String createVideo(String body) {
    HttpResponse<String> created = server.post(VIDEO, body, server.apiKey, ASYNC);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode json = dashscope(created);
    assertThat(json.path("output").path("task_status").asText()).isEqualTo("PENDING");
    String taskId = json.path("output").path("task_id").asText();
    assertThat(taskId).isNotBlank();
    return taskId;
  }

  private static JsonNode spec(String taskId) {
    return json(server.get("/v1/tasks/" + taskId)).path("request");
  }

  // --- the synchronous image route ---

  @Test
  void an_image_request_answers_the_finished_images_in_upstreams_shape() throws Exception {
    HttpResponse<String> answer =
        server.post(IMAGE, imageBody("qwen-image-plus", "a lighthouse at dusk",
            "{\"size\":\"1472*1140\",\"negative_prompt\":\"people\",\"prompt_extend\":false,\"watermark\":false,\"n\":1,\"seed\":42}"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = dashscope(answer);
    JsonNode choices = body.path("output").path("choices");
    assertThat(choices).hasSize(1);
    assertThat(choices.get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choices.get(0).path("message").path("role").asText()).isEqualTo("assistant");
    JsonNode content = choices.get(0).path("message").path("content");
    assertThat(content).hasSize(1);
    assertThat(body.path("output").path("task_metric").path("SUCCEEDED").asInt()).isEqualTo(1);
    assertThat(body.path("output").has("task_id")).as("no task_id on the sync route").isFalse();
    assertThat(body.path("usage").path("width").asInt()).isEqualTo(1472);
    assertThat(body.path("usage").path("height").asInt()).isEqualTo(1140);
    assertThat(body.path("usage").path("image_count").asInt()).isEqualTo(1);

    String url = content.get(0).path("image").asText();
    BufferedImage png = ImageIO.read(download(server, url, dir, "sync.png").toFile());
    assertThat(png.getWidth()).isEqualTo(1472);
    assertThat(png.getHeight()).isEqualTo(1140);

    // the sync call made a task like any other: visible in the native API and here
    String taskId = taskIdOf(url);
    JsonNode nativeTask = json(server.get("/v1/tasks/" + taskId));
    assertThat(nativeTask.path("dialect").asText()).isEqualTo("dashscope");
    assertThat(nativeTask.path("kind").asText()).isEqualTo("IMAGE");
    JsonNode request = nativeTask.path("request");
    assertThat(request.path("prompt").asText()).isEqualTo("a lighthouse at dusk");
    assertThat(request.path("negativePrompt").asText()).isEqualTo("people");
    assertThat(request.path("seed").asLong()).isEqualTo(42);
    assertThat(request.path("promptExtend").asBoolean()).isFalse();
    JsonNode queried = task(taskId).path("output");
    assertThat(queried.path("task_status").asText()).isEqualTo("SUCCEEDED");
    assertThat(queried.path("results").get(0).path("url").asText()).isEqualTo(url);
  }

  @Test
  void the_default_size_and_several_images_follow_the_model() throws Exception {
    JsonNode plain = dashscope(server.post(IMAGE, imageBody("qwen-image", "a quiet harbour", null)));
    assertThat(plain.path("usage").path("width").asInt()).isEqualTo(1328);
    assertThat(plain.path("usage").path("height").asInt()).isEqualTo(1328);

    HttpResponse<String> two = server.post(IMAGE, imageBody("qwen-image-2.0", "two red foxes", "{\"size\":\"1024*768\",\"n\":2}"));
    assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
    JsonNode content = dashscope(two).path("output").path("choices").get(0).path("message").path("content");
    assertThat(content).hasSize(2);
    BufferedImage second = ImageIO.read(download(server, content.get(1).path("image").asText(), dir, "second.png").toFile());
    assertThat(second.getWidth()).isEqualTo(1024);
    assertThat(second.getHeight()).isEqualTo(768);
    assertThat(dashscope(two).path("usage").path("image_count").asInt()).isEqualTo(2);
  }

  @Test
  void the_edit_models_take_reference_images_and_the_text_models_do_not() {
    String body =
        "{\"model\":\"qwen-image-edit\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"image\":\"https://example.com/base.png\"},{\"text\":\"make the sky violet\"}]}]}}";
    HttpResponse<String> answer = server.post(IMAGE, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String url = dashscope(answer).path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText();
    JsonNode request = spec(taskIdOf(url));
    assertThat(request.path("referenceImageUrls").get(0).asText()).isEqualTo("https://example.com/base.png");
    assertThat(request.path("prompt").asText()).isEqualTo("make the sky violet");
  }

  @Test
  void the_sync_image_route_is_idempotent() {
    Map<String, String> key = Map.of("Idempotency-Key", "dashscope-image-1");
    String body = imageBody("qwen-image-plus", "a blue door", null);
    HttpResponse<String> first = server.post(IMAGE, body, server.apiKey, key);
    HttpResponse<String> again = server.post(IMAGE, body, server.apiKey, key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String image = dashscope(first).path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText();
    assertThat(dashscope(again).path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText())
        .as("the replay answers the same task").isEqualTo(image);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertError(server.post(IMAGE, imageBody("qwen-image-plus", "a green door", null), server.apiKey, key), 422, "IdempotencyMismatch", "Idempotency-Key");
  }

  @Test
  void long_prompts_are_cut_as_upstream_does_and_long_negative_prompts_refused() {
    String longPrompt = "a field of sunflowers ".repeat(60); // 1320 characters
    HttpResponse<String> answer = server.post(IMAGE, imageBody("qwen-image-plus", longPrompt, null));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String url = dashscope(answer).path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText();
    assertThat(spec(taskIdOf(url)).path("prompt").asText()).hasSize(DashScopeImages.PROMPT_MAX).isEqualTo(longPrompt.strip().substring(0, 800));

    String video = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"" + "x".repeat(2000) + "\"}", "{\"size\":\"832*480\"}"));
    assertThat(spec(video).path("prompt").asText()).hasSize(DashScopeVideos.PROMPT_MAX_NEW);

    assertError(server.post(IMAGE, imageBody("qwen-image-plus", "a", "{\"negative_prompt\":\"" + "n".repeat(501) + "\"}")),
        400, "InvalidParameter", "at most 500 characters");
  }

  @Test
  void harmless_fields_real_sdks_send_are_accepted() {
    String body =
        "{\"model\":\"qwen-image-plus\",\"input\":{\"extend_prompt\":true,\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a kite\"}]}]},"
            + "\"parameters\":{\"enable_search\":false,\"with_audio\":false,\"result_format\":\"message\"}}";
    HttpResponse<String> answer = server.post(IMAGE, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

    String video = videoBody("wan2.5-t2v-preview", "{\"prompt\":\"waves\",\"extend_prompt\":true}",
        "{\"size\":\"832*480\",\"with_audio\":true,\"enable_search\":false}");
    assertThat(server.post(VIDEO, video, server.apiKey, ASYNC).statusCode()).isEqualTo(200);
  }

  @Test
  void a_failed_image_task_answers_its_failure_in_the_flat_error_shape() {
    HttpResponse<String> answer = server.post(IMAGE, imageBody("qwen-image-plus", "please refuse this", null));
    assertError(answer, 400, "InvalidParameter", "the test studio refuses this prompt");
  }

  @Test
  void the_sync_image_route_refuses_the_async_header_as_upstream_does() {
    HttpResponse<String> answer = server.post(IMAGE, imageBody("qwen-image-plus", "a kite", null), server.apiKey, ASYNC);
    assertError(answer, 403, "AccessDenied", "current user api does not support asynchronous calls");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no model | {\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}} | 400 | BadRequest.EmptyModel | model",
        "unknown model | {\"model\":\"qwen-image-9\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}} | 404 | ModelNotFound | qwen-image-9",
        "no input | {\"model\":\"qwen-image-plus\"} | 400 | BadRequest.EmptyInput | input is required",
        "no messages | {\"model\":\"qwen-image-plus\",\"input\":{}} | 400 | InvalidParameter | input.messages is required",
        "two messages | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]},{\"role\":\"user\",\"content\":[{\"text\":\"b\"}]}]}} | 400 | InvalidParameter | exactly one message",
        "no text | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\" \"}]}]}} | 400 | InvalidParameter | non-empty text",
        "image on a text model | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"},{\"image\":\"https://example.com/a.png\"}]}]}} | 400 | InvalidParameter | text only",
        "size with x | " + "{\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"size\":\"1328x1328\"}} | 400 | InvalidParameter | asterisk",
        "size not listed | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"size\":\"1024*1024\"}} | 400 | InvalidParameter | 1328*1328",
        "too many pixels | {\"model\":\"qwen-image-2.0\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"size\":\"4096*4096\"}} | 400 | InvalidParameter | 2048*2048",
        "n above one | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"n\":2}} | 400 | InvalidParameter | n must be 1",
        "seed negative | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"seed\":-1}} | 400 | InvalidParameter | seed",
        "watermark not boolean | {\"model\":\"qwen-image-plus\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]},\"parameters\":{\"watermark\":\"yes\"}} | 400 | InvalidParameter | watermark",
        "not json | {nope | 400 | InvalidParameter | not valid JSON",
      })
  void bad_image_requests_get_dashscope_errors(String name, String body, int status, String code, String part) {
    assertError(server.post(IMAGE, body), status, code, part);
  }

  @Test
  void a_missing_or_wrong_key_is_invalid_api_key() {
    assertError(server.post(IMAGE, imageBody("qwen-image-plus", "a", null), null), 401, "InvalidApiKey", "");
    assertError(server.post(IMAGE, imageBody("qwen-image-plus", "a", null), "sk-not-a-real-key"), 401, "InvalidApiKey", "");
    assertError(server.get(TASKS + "/abc", null), 401, "InvalidApiKey", "");
  }

  @Test
  void an_unknown_path_is_a_dashscope_404() {
    assertError(server.get("/dashscope/v1/nowhere"), 404, "NotFound", "no route");
  }

  // --- the video route and the task states ---

  @Test
  void a_text_to_video_task_runs_to_succeeded_with_a_real_mp4_and_upstreams_usage() throws Exception {
    String taskId = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"a paper boat on a river\",\"negative_prompt\":\"rain\"}",
        "{\"size\":\"832*480\",\"duration\":5,\"prompt_extend\":true,\"watermark\":false,\"seed\":7}"));

    JsonNode done = awaitStatus(taskId, "SUCCEEDED");
    JsonNode output = done.path("output");
    assertThat(output.path("task_id").asText()).isEqualTo(taskId);
    assertThat(output.path("submit_time").asText()).matches(TIME);
    assertThat(output.path("scheduled_time").asText()).matches(TIME);
    assertThat(output.path("end_time").asText()).matches(TIME);
    assertThat(output.path("orig_prompt").asText()).isEqualTo("a paper boat on a river");
    assertThat(output.has("code")).isFalse();
    JsonNode usage = done.path("usage");
    assertThat(usage.path("video_count").asInt()).isEqualTo(1);
    assertThat(usage.path("video_duration").asInt()).isEqualTo(5);
    assertThat(usage.path("video_ratio").asText()).isEqualTo("832*480");

    String probe = probe(download(server, output.path("video_url").asText(), dir, "t2v.mp4"));
    assertThat(probe).contains("codec_name=h264", "width=832", "height=480");
    assertThat(duration(probe)).isBetween(4.8, 5.2);

    JsonNode spec = spec(taskId);
    assertThat(spec.path("negativePrompt").asText()).isEqualTo("rain");
    assertThat(spec.path("seed").asLong()).isEqualTo(7);
    assertThat(spec.path("fps").asInt()).isEqualTo(24);
  }

  @Test
  void wan26_reports_usage_in_seconds_and_sr() throws Exception {
    String taskId = createVideo(videoBody("wan2.6-t2v", "{\"prompt\":\"a windmill\"}", "{\"size\":\"1280*720\",\"duration\":2}"));
    JsonNode usage = awaitStatus(taskId, "SUCCEEDED").path("usage");
    assertThat(usage.path("duration").asInt()).isEqualTo(2);
    assertThat(usage.path("output_video_duration").asInt()).isEqualTo(2);
    assertThat(usage.path("input_video_duration").asInt()).isEqualTo(0);
    assertThat(usage.path("SR").asInt()).isEqualTo(720);
    assertThat(usage.path("size").asText()).isEqualTo("1280*720");
  }

  @Test
  void image_to_video_and_audio_become_the_video_spec() throws Exception {
    String i2v = createVideo(videoBody("wanx2.1-i2v-turbo", "{\"img_url\":\"https://example.com/first.png\"}", "{\"resolution\":\"480P\",\"duration\":3}"));
    JsonNode spec = spec(i2v);
    assertThat(spec.path("firstFrameUrl").asText()).isEqualTo("https://example.com/first.png");
    assertThat(spec.path("width").asInt()).isEqualTo(832);
    assertThat(spec.path("height").asInt()).isEqualTo(480);
    assertThat(spec.path("durationSeconds").asDouble()).isEqualTo(3.0);
    assertThat(spec.path("fps").asInt()).isEqualTo(16);
    String probe = probe(download(server, awaitStatus(i2v, "SUCCEEDED").path("output").path("video_url").asText(), dir, "i2v.mp4"));
    assertThat(duration(probe)).isBetween(2.8, 3.2);

    String withAudio = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"drums\",\"audio_url\":\"https://example.com/beat.mp3\"}", "{\"size\":\"624*624\"}"));
    assertThat(spec(withAudio).path("audioUrl").asText()).isEqualTo("https://example.com/beat.mp3");
    String audioProbe = probe(download(server, awaitStatus(withAudio, "SUCCEEDED").path("output").path("video_url").asText(), dir, "audio.mp4"));
    assertThat(audioProbe).contains("codec_name=h264", "codec_name=aac", "width=624", "height=624");

    String defaults = createVideo(videoBody("wan2.2-i2v-flash", "{\"prompt\":\"zoom\",\"img_url\":\"https://example.com/f.png\"}", null));
    assertThat(spec(defaults).path("height").asInt()).as("720P by default").isEqualTo(720);
    assertThat(spec(defaults).path("durationSeconds").asDouble()).isEqualTo(5.0);
  }

  @Test
  void the_video_route_refuses_a_request_without_the_async_header() {
    HttpResponse<String> answer = server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"waves\"}", null));
    assertError(answer, 403, "AccessDenied", "current user api does not support synchronous calls");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no model | {\"input\":{\"prompt\":\"x\"}} | 400 | BadRequest.EmptyModel | model",
        "unknown model | {\"model\":\"wan9-t2v\",\"input\":{\"prompt\":\"x\"}} | 404 | ModelNotFound | wan9-t2v",
        "no input for video | {\"model\":\"wan2.5-t2v-preview\"} | 400 | BadRequest.EmptyInput | input is required",
        "no prompt for t2v | {\"model\":\"wan2.5-t2v-preview\",\"input\":{}} | 400 | InvalidParameter | input.prompt is required",
        "tier as size | {\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"size\":\"720P\"}} | 400 | InvalidParameter | concrete width*height",
        "ratio as size | {\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"size\":\"16:9\"}} | 400 | InvalidParameter | concrete width*height",
        "tier the model lacks | {\"model\":\"wanx2.1-t2v-turbo\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"size\":\"1920*1080\"}} | 400 | InvalidParameter | 1080P",
        "duration not offered | {\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"duration\":7}} | 400 | InvalidParameter | [5, 10]",
        "duration as text | {\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"duration\":\"5\"}} | 400 | InvalidParameter | duration",
        "audio on a silent model | {\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"x\",\"audio_url\":\"https://example.com/a.mp3\"}} | 400 | InvalidParameter | takes no audio",
        "i2v without image | {\"model\":\"wan2.5-i2v-preview\",\"input\":{\"prompt\":\"x\"}} | 400 | InvalidParameter | input.img_url is required",
        "image on t2v | {\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"x\",\"img_url\":\"https://example.com/a.png\"}} | 400 | InvalidParameter | text-to-video model",
        "size on i2v | {\"model\":\"wan2.5-i2v-preview\",\"input\":{\"img_url\":\"https://example.com/a.png\"},\"parameters\":{\"size\":\"832*480\"}} | 400 | InvalidParameter | resolution",
        "bad resolution | {\"model\":\"wan2.2-i2v-plus\",\"input\":{\"img_url\":\"https://example.com/a.png\"},\"parameters\":{\"resolution\":\"720P\"}} | 400 | InvalidParameter | 480P",
        "image not http | {\"model\":\"wan2.5-i2v-preview\",\"input\":{\"img_url\":\"ftp://example.com/a.png\"}} | 400 | InvalidParameter | img_url",
        "image as data url | {\"model\":\"wan2.5-i2v-preview\",\"input\":{\"img_url\":\"data:image/png;base64,AAAA\"}} | 400 | InvalidParameter | data: URLs",
      })
  void bad_video_requests_get_dashscope_errors(String name, String body, int status, String code, String part) {
    assertError(server.post(VIDEO, body, server.apiKey, ASYNC), status, code, part);
  }

  @Test
  void a_failed_task_carries_code_and_message_in_its_output() throws Exception {
    String taskId = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"refuse me\"}", "{\"size\":\"832*480\"}"));
    JsonNode failed = awaitStatus(taskId, "FAILED");
    JsonNode output = failed.path("output");
    assertThat(output.path("code").asText()).isEqualTo("InvalidParameter");
    assertThat(output.path("message").asText()).contains("refuses");
    assertThat(output.path("end_time").asText()).matches(TIME);
    assertThat(output.has("video_url")).isFalse();
    assertThat(failed.has("usage")).isFalse();
  }

  @Test
  void a_running_task_has_a_scheduled_time_and_no_end_and_cannot_be_canceled() throws Exception {
    String taskId = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"wait forever\"}", "{\"size\":\"832*480\"}"));
    JsonNode output = awaitStatus(taskId, "RUNNING").path("output");
    assertThat(output.path("submit_time").asText()).matches(TIME);
    assertThat(output.path("scheduled_time").asText()).matches(TIME);
    assertThat(output.has("end_time")).isFalse();
    assertThat(output.has("video_url")).isFalse();

    assertError(server.post(TASKS + "/" + taskId + "/cancel", ""), 400, "UnsupportedOperation", "PENDING status");
  }

  @Test
  void unknown_foreign_and_other_dialects_ids_are_unknown_with_200() {
    String mine = createVideo(videoBody("wan2.5-t2v-preview", "{\"prompt\":\"a lantern\"}", "{\"size\":\"832*480\"}"));
    String other = server.newAccountKey("dashscope-other");
    String song =
        json(server.post("/suno/generate-lyrics", "{\"prompt\":\"a song about rain\",\"callBackUrl\":\"https://example.com/cb\"}"))
            .path("data").path("taskId").asText();
    assertThat(song).isNotBlank();

    for (String[] probe : new String[][] {{"0385dc79-5ff8-4d82-bcb6-000000000000", server.apiKey}, {mine, other}, {song, server.apiKey}}) {
      HttpResponse<String> answer = server.get(TASKS + "/" + probe[0], probe[1]);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode output = dashscope(answer).path("output");
      assertThat(output.path("task_status").asText()).isEqualTo("UNKNOWN");
      assertThat(output.path("task_id").asText()).isEqualTo(probe[0]);
      java.util.List<String> fields = new java.util.ArrayList<>();
      output.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("task_id", "task_status");
    }
    assertError(server.post(TASKS + "/" + mine + "/cancel", "", other), 400, "UnsupportedOperation", "PENDING");
  }

  @Test
  void the_task_list_pages_the_callers_dashscope_tasks() throws Exception {
    String key = server.newAccountKey("dashscope-lister");
    String first = json(server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"one\"}", "{\"size\":\"832*480\"}"), key, ASYNC))
        .path("output").path("task_id").asText();
    String second = json(server.post(VIDEO, videoBody("wanx2.1-t2v-turbo", "{\"prompt\":\"two\"}", "{\"size\":\"832*480\"}"), key, ASYNC))
        .path("output").path("task_id").asText();

    JsonNode all = dashscopeList(server.get(TASKS + "?page_size=1", key));
    assertThat(all.path("total").asInt()).isEqualTo(2);
    assertThat(all.path("total_page").asInt()).isEqualTo(2);
    assertThat(all.path("page_no").asInt()).isEqualTo(1);
    assertThat(all.path("page_size").asInt()).isEqualTo(1);
    assertThat(all.path("data")).hasSize(1);
    assertThat(all.path("data").get(0).path("task_id").asText()).as("newest first").isEqualTo(second);
    assertThat(all.path("data").get(0).path("gmt_create").isIntegralNumber()).isTrue();
    JsonNode page2 = dashscopeList(server.get(TASKS + "?page_size=1&page_no=2", key));
    assertThat(page2.path("data").get(0).path("task_id").asText()).isEqualTo(first);

    JsonNode byModel = dashscopeList(server.get(TASKS + "?model_name=wan2.5-t2v-preview", key));
    assertThat(byModel.path("data").findValuesAsText("task_id")).containsExactly(first);
    assertThat(byModel.path("data").get(0).path("model_name").asText()).isEqualTo("wan2.5-t2v-preview");
    JsonNode byId = dashscopeList(server.get(TASKS + "?task_id=" + second, key));
    assertThat(byId.path("data").findValuesAsText("task_id")).containsExactly(second);
    awaitStatusAs(first, key);
    JsonNode succeeded = dashscopeList(server.get(TASKS + "?status=SUCCEEDED&model_name=wan2.5-t2v-preview", key));
    assertThat(succeeded.path("data").findValuesAsText("status")).containsExactly("SUCCEEDED");

    assertError(server.get(TASKS + "?start_time=yesterday", key), 400, "InvalidParameter", "YYYYMMDDhhmmss");
    assertError(server.get(TASKS + "?start_time=20261101000000&end_time=20261103000000", key), 400, "InvalidParameter", "24 hours");
    assertError(server.get(TASKS + "?status=DONE", key), 400, "InvalidParameter", "status");
    assertError(server.get(TASKS + "?page_size=0", key), 400, "InvalidParameter", "page_size");
  }

  private static void awaitStatusAs(String taskId, String key) throws InterruptedException {
    server.pollUntil(TASKS + "/" + taskId, json -> json.path("output").path("task_status").asText().equals("SUCCEEDED"), Duration.ofSeconds(60), key);
  }

  static double duration(String probe) {
    Matcher m = Pattern.compile("duration=([0-9.]+)").matcher(probe);
    assertThat(m.find()).as(probe).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
