package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /suno/generate and GET /suno/query/task over HTTP: envelopes, status codes, routing between query routes. */
class SunoGenerateContractTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    // an API-only node: nothing runs the tasks, so a new task is exactly what the API says it is
    server = TestServer.start(java.util.Map.of("BACKBEAT_RUN_WORKERS", "false"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  @Test
  void validation_errors_come_in_the_suno_envelope_with_400_and_413() {
    assertError(server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":false,\"model\":\"V9\",\"prompt\":\"x\",\"callBackUrl\":\"https://example.com/cb\"}"),
        400, 400, "model must be one of");
    assertError(server.post("/suno/generate", "{\"customMode\":true,\"instrumental\":false,\"model\":\"V4\",\"style\":\"pop\",\"title\":\"" + "t".repeat(81)
        + "\",\"prompt\":\"la\",\"callBackUrl\":\"https://example.com/cb\"}"), 413, 413, "title is too long");
    assertError(server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"x\"}"),
        400, 400, "callBackUrl is required");
    assertError(server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"x\",\"callBackUrl\":\"https://example.com/cb\"}", null),
        401, 401, "Authorization");
  }

  @Test
  void a_song_task_is_not_found_on_the_lyrics_route_and_vice_versa() {
    String lyrics = json(server.post("/suno/generate-lyrics", "{\"prompt\":\"x\",\"callBackUrl\":\"https://example.com/cb\"}")).path("data").path("taskId").asText();
    assertError(server.get("/suno/query/task?taskId=" + lyrics), 404, 404, "not polled at /suno/query/task");
    assertError(server.get("/suno/query/task"), 400, 400, "taskId is required");
  }

  @Test
  void a_new_song_is_pending_with_its_param_as_a_json_string() throws Exception {
    String body = "{\"customMode\":false,\"instrumental\":true,\"model\":\"V4_5ALL\",\"prompt\":\"ambient pads\",\"callBackUrl\":\"https://example.com/cb\"}";
    HttpResponse<String> created = server.post("/suno/generate", body);
    assertThat(created.statusCode()).isEqualTo(200);
    String taskId = json(created).path("data").path("taskId").asText();
    JsonNode data = json(server.get("/suno/query/task?taskId=" + taskId)).path("data");
    assertThat(data.path("status").asText()).isEqualTo("PENDING");
    assertThat(data.path("response").path("sunoData")).isEmpty();
    assertThat(data.path("errorCode").isNull()).isTrue();
    assertThat(json(server.get("/v1/tasks/" + taskId)).path("status").asText()).isEqualTo("queued");
    JsonNode param = TestServer.JSON.readTree(data.path("param").asText());
    assertThat(param.path("model").asText()).isEqualTo("V4_5ALL");
    assertThat(param.path("instrumental").asBoolean()).isTrue();
    assertThat(param.has("callBackUrl")).isFalse();
    server.post("/v1/tasks/" + taskId + "/cancel", "");
    JsonNode canceled = json(server.get("/suno/query/task?taskId=" + taskId)).path("data");
    assertThat(canceled.path("status").asText()).isEqualTo("GENERATE_AUDIO_FAILED");
    assertThat(canceled.path("errorCode").asInt()).isEqualTo(400);
    assertThat(canceled.path("errorMessage").asText()).isEqualTo("task was canceled");
  }
}
