package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.server.testing.SourceTracks;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /suno/extend} and {@code /api/v1/generate/extend} on an API-only node (contract-music.md
 * §2.2, §2.17): both flag values, every required field, and every prerequisite of the source track
 * (exists, the caller's, finished, same model, continueAt inside it) under both path families.
 */
class SunoExtendContractTest {
  private static final List<String> PATHS = List.of("/suno/extend", "/api/v1/generate/extend");
  private static TestServer server;
  private static SourceTracks.Source song;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false"));
    song = SourceTracks.finished(server, server.accountId, "V5", 40, "[Verse]\nHello there");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ObjectNode custom(String audioId) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.put("defaultParamFlag", true).put("audioId", audioId).put("model", "V5").put("callBackUrl", "https://example.com/cb");
    body.put("prompt", "[Verse]\nAnd on it goes").put("style", "pop").put("title", "More").put("continueAt", 20.5);
    return body;
  }

  private static ObjectNode inherit(String audioId) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.put("defaultParamFlag", false).put("audioId", audioId).put("model", "V5").put("callBackUrl", "https://example.com/cb");
    return body;
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  private static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).path("msg").asText()).isEqualTo("success");
    return json(created).path("data").path("taskId").asText();
  }

  private static int taskCount() {
    return json(server.get("/v1/tasks?limit=100")).path("data").size();
  }

  @Test
  void both_flag_values_create_an_extend_task_under_both_path_families_with_parent_music_id_and_operation_type() throws Exception {
    for (String path : PATHS) {
      for (ObjectNode body : List.of(custom(song.audioId()), inherit(song.audioIds().get(1)))) {
        String taskId = create(path, body.toString());
        JsonNode anyint = json(server.get("/suno/query/task?taskId=" + taskId));
        assertThat(json(server.get("/api/v1/generate/record-info?taskId=" + taskId))).isEqualTo(anyint);
        JsonNode data = anyint.path("data");
        assertThat(data.path("status").asText()).isEqualTo("PENDING");
        assertThat(data.path("operationType").asText()).isEqualTo("extend");
        assertThat(data.path("parentMusicId").asText()).isEqualTo(body.path("audioId").asText());
        JsonNode param = TestServer.JSON.readTree(data.path("param").asText());
        assertThat(param.path("audioId").asText()).isEqualTo(body.path("audioId").asText());
        assertThat(param.has("callBackUrl")).isFalse();
        JsonNode task = json(server.get("/v1/tasks/" + taskId));
        assertThat(task.path("kind").asText()).isEqualTo("EXTEND");
        JsonNode spec = task.path("request");
        assertThat(spec.path("source").path("taskId").asText()).isEqualTo(song.taskId());
        assertThat(spec.path("source").path("clipId").asText()).isEqualTo(body.path("audioId").asText());
        if (body.path("defaultParamFlag").asBoolean()) {
          assertThat(spec.path("continueAtSeconds").asDouble()).isEqualTo(20.5);
          assertThat(spec.path("composition").path("lyrics").asText()).isEqualTo("[Verse]\nAnd on it goes");
        } else {
          assertThat(spec.path("composition").isNull() || spec.path("composition").isMissingNode()).isTrue();
          assertThat(spec.path("continueAtSeconds").isNull() || spec.path("continueAtSeconds").isMissingNode()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"defaultParamFlag", "audioId", "model", "callBackUrl", "prompt", "style", "title", "continueAt"})
  void every_required_field_is_required_with_custom_parameters(String field) {
    ObjectNode body = custom(song.audioId());
    body.remove(field);
    int before = taskCount();
    for (String path : PATHS) {
      assertError(server.post(path, body.toString()), 400, 400, field);
    }
    assertThat(taskCount()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"defaultParamFlag", "audioId", "model", "callBackUrl"})
  void inheriting_needs_only_the_flag_the_track_the_model_and_the_callback(String field) {
    ObjectNode body = inherit(song.audioId());
    body.remove(field);
    for (String path : PATHS) {
      assertError(server.post(path, body.toString()), 400, 400, field);
    }
  }

  @Test
  void an_unknown_track_or_another_accounts_track_is_not_found() {
    var other = server.app().accounts().createAccount("other", false);
    String otherKey = other.plaintext();
    String otherAccount = other.account().id();
    SourceTracks.Source theirs = SourceTracks.finished(server, otherAccount, "V5", 40, null);
    for (String path : PATHS) {
      assertError(server.post(path, custom("no-such-track").toString()), 404, 404, "no track with audioId 'no-such-track'");
      assertError(server.post(path, custom(theirs.audioId()).toString()), 404, 404, "no track with audioId");
      // and the owner can extend it
      assertThat(server.post(path, custom(theirs.audioId()).put("continueAt", 10).toString(), otherKey).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_track_of_an_unfinished_task_cannot_be_extended_yet() {
    SourceTracks.Source running = SourceTracks.running(server, server.accountId, "V5");
    for (String path : PATHS) {
      assertError(server.post(path, inherit(running.audioId()).toString()), 400, 400, "has not finished successfully");
    }
  }

  @Test
  void the_model_must_be_the_source_tracks() {
    for (String path : PATHS) {
      assertError(server.post(path, custom(song.audioId()).put("model", "V4_5").toString()), 400, 400, "model must match the source track's model: V5");
      assertError(server.post(path, custom(song.audioId()).put("model", "V6").toString()), 400, 400, "model must be one of");
    }
  }

  @Test
  void continue_at_must_lie_inside_the_source_track() {
    for (String path : PATHS) {
      assertError(server.post(path, custom(song.audioId()).put("continueAt", 40).toString()), 400, 400, "less than the source track's length (40.00 s)");
      assertError(server.post(path, custom(song.audioId()).put("continueAt", 0).toString()), 400, 400, "continueAt must be greater than 0");
      assertError(server.post(path, custom(song.audioId()).put("continueAt", "ten").toString()), 400, 400, "continueAt must be a number");
      assertThat(server.post(path, custom(song.audioId()).put("continueAt", 39.9).toString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void text_limits_follow_the_model_with_413() {
    for (String path : PATHS) {
      assertError(server.post(path, custom(song.audioId()).put("title", "t".repeat(101)).toString()), 413, 413, "title is too long");
      assertError(server.post(path, custom(song.audioId()).put("style", "s".repeat(1001)).toString()), 413, 413, "style is too long");
    }
  }
}
