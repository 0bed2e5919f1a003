package io.backbeat.server.dialect.dashscope;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared helpers of the DashScope tests: the server with the test studio, requests, and shape checks. */
final class DashScopeTesting {
  private DashScopeTesting() {}

  static final String IMAGE = "/dashscope/v1/services/aigc/multimodal-generation/generation";
  static final String VIDEO = "/dashscope/v1/services/aigc/video-generation/video-synthesis";
  static final String TASKS = "/dashscope/v1/tasks";
  static final Map<String, String> ASYNC = Map.of("X-DashScope-Async", "enable");
  /** DashScope's timestamp format. */
  static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

  static TestServer start(Map<String, String> env) throws IOException {
    return TestServer.start(env, new Extensions(List.of(new MediaTestProvider()), List.of()));
  }

  static String imageBody(String model, String prompt, String parameters) {
    return "{\"model\":\"" + model + "\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + prompt + "\"}]}]}"
        + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}";
  }

  static String videoBody(String model, String input, String parameters) {
    return "{\"model\":\"" + model + "\",\"input\":" + input + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}";
  }

  /** Every DashScope answer: a request_id, never a top-level data key. */
  static JsonNode dashscope(HttpResponse<String> response) {
    JsonNode body = json(response);
    assertThat(body.path("request_id").asText()).as(response.body()).isNotBlank();
    assertThat(body.has("data")).as("no top-level data key: " + response.body()).isFalse();
    return body;
  }

  /**
   * The batch list's answer: upstream's own {@code data} array of task summaries (the SDK reads it
   * there), beside {@code request_id}, {@code total}, {@code total_page}, {@code page_no}, {@code page_size}.
   */
  static JsonNode dashscopeList(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("request_id").asText()).as(response.body()).isNotBlank();
    assertThat(body.path("data").isArray()).as(response.body()).isTrue();
    assertThat(body.has("output")).isFalse();
    return body;
  }

  /** The flat error shape: exactly request_id, code, message, with the HTTP status. */
  static JsonNode assertError(HttpResponse<String> response, int status, String code, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = dashscope(response);
    assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(body.path("message").asText()).as(response.body()).contains(messagePart);
    List<String> fields = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder("request_id", "code", "message");
    return body;
  }

  /** Downloads an asset URL the dialect handed out. */
  static Path download(TestServer server, String url, Path dir, String name) throws Exception {
    assertThat(url).startsWith("http://");
    HttpResponse<byte[]> response =
        server.client().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + server.apiKey).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    Path file = dir.resolve(name);
    Files.write(file, response.body());
    return file;
  }

  /** {@code ffprobe}'s view of a file: codec_type=codec_name lines and the format's duration. */
  static String probe(Path file) throws IOException {
    return MediaFixtures.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height,r_frame_rate:format=duration",
        "-of", "default=noprint_wrappers=1", file.toString()));
  }

  /** The task id inside an asset URL ({@code /assets/<taskId>/<file>}). */
  static String taskIdOf(String assetUrl) {
    String path = URI.create(assetUrl).getPath();
    return path.split("/")[2];
  }
}
