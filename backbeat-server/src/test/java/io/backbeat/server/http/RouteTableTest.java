package io.backbeat.server.http;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The route tables over HTTP: sunoapi.org aliases, and every dialect's own 404 and 401 shapes. */
class RouteTableTest {
  private static final String LYRICS = "{\"prompt\":\"rain in Lisbon\",\"callBackUrl\":\"https://example.com/cb\"}";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false")); // tasks stay as created
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_sunoapi_paths_are_the_same_routes_as_the_anyint_paths() {
    String viaAlias = json(server.post("/api/v1/lyrics", LYRICS)).path("data").path("taskId").asText();
    String viaSuno = json(server.post("/suno/generate-lyrics", LYRICS)).path("data").path("taskId").asText();

    for (String id : new String[] {viaAlias, viaSuno}) {
      HttpResponse<String> suno = server.get("/suno/query/lyrics?taskId=" + id);
      HttpResponse<String> alias = server.get("/api/v1/lyrics/record-info?taskId=" + id);
      assertThat(suno.statusCode()).isEqualTo(200);
      assertThat(alias.body()).isEqualTo(suno.body());
      assertThat(json(alias).path("data").path("status").asText()).isEqualTo("PENDING");
      JsonNode task = json(server.get("/v1/tasks/" + id));
      assertThat(task.path("route").asText()).isEqualTo("suno.lyrics");
      assertThat(task.path("request").path("type").asText()).isEqualTo("lyrics");
    }
    String song =
        json(server.post("/api/v1/generate", "{\"customMode\":false,\"instrumental\":true,\"model\":\"V5\",\"prompt\":\"pads\",\"callBackUrl\":\"https://example.com/cb\"}"))
            .path("data").path("taskId").asText();
    assertThat(json(server.get("/api/v1/generate/record-info?taskId=" + song)).path("data").path("type").asText()).isEqualTo("GENERATE");
    assertThat(json(server.get("/api/v1/generate/record-info?taskId=" + viaAlias)).path("msg").asText())
        .isEqualTo("task '" + viaAlias + "' is not polled at /api/v1/generate/record-info");
  }

  @Test
  void a_route_and_its_alias_share_one_idempotency_scope() {
    Map<String, String> key = Map.of("Idempotency-Key", "alias-scope-1");
    HttpResponse<String> first = server.post("/suno/generate-lyrics", LYRICS, server.apiKey, key);
    HttpResponse<String> again = server.post("/api/v1/lyrics", LYRICS, server.apiKey, key);

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void a_path_no_route_matches_answers_in_the_shape_of_the_dialect_it_is_under() {
    JsonNode suno = notFound("/suno/nothing-here");
    assertThat(suno.path("code").asInt()).isEqualTo(404);
    assertThat(suno.has("data") && suno.get("data").isNull()).isTrue();
    assertThat(notFound("/api/v1/nothing-here").path("code").asInt()).isEqualTo(404);

    JsonNode dashscope = notFound("/dashscope/v1/services/aigc/nothing");
    assertThat(dashscope.path("code").asText()).isEqualTo("NotFound");
    assertThat(dashscope.path("request_id").asText()).isNotBlank();
    assertThat(dashscope.path("message").asText()).contains("/dashscope/v1/services/aigc/nothing");
    assertThat(dashscope.has("data")).as("DashScope answers never carry a top-level data key").isFalse();

    JsonNode kling = notFound("/transtreams/kling/v1/nothing");
    assertThat(kling.path("code").asInt()).isEqualTo(1203);
    assertThat(kling.path("request_id").asText()).isNotBlank();
    assertThat(kling.has("data")).isFalse();

    assertThat(notFound("/v1/nothing").path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(notFound("/nothing/at/all").path("error").path("code").asText()).as("no dialect: the native shape").isEqualTo("NOT_FOUND");
  }

  @Test
  void a_missing_key_is_refused_in_the_shape_of_the_dialect_it_is_under() {
    HttpResponse<String> dashscope = server.get("/dashscope/v1/tasks/abc", null);
    assertThat(dashscope.statusCode()).isEqualTo(401);
    assertThat(json(dashscope).path("code").asText()).isEqualTo("InvalidApiKey");
    HttpResponse<String> kling = server.get("/transtreams/kling/v1/videos/omni-video/1", null);
    assertThat(kling.statusCode()).isEqualTo(401);
    assertThat(json(kling).path("code").asInt()).as("Kling's 'Authorization empty'").isEqualTo(1001);
    HttpResponse<String> suno = server.get("/api/v1/generate/record-info?taskId=x", null);
    assertThat(suno.statusCode()).isEqualTo(401);
    assertThat(json(suno).path("code").asInt()).isEqualTo(401);
  }

  private static JsonNode notFound(String path) {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
    return json(response);
  }
}
