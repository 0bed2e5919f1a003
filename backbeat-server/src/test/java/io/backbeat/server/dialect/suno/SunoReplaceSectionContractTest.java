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
 * {@code POST /suno/replace-section} and {@code /api/v1/generate/replace-section} on an API-only node
 * (contract-music.md §2.7, §2.17): the task it makes, every required field, the window's rules, and
 * every prerequisite of the source track, under both path families.
 */
class SunoReplaceSectionContractTest {
  private static final List<String> PATHS = List.of("/suno/replace-section", "/api/v1/generate/replace-section");
  private static TestServer server;
  private static SourceTracks.Source song;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false"));
    song = SourceTracks.finished(server, server.accountId, "V4", 40, "[Verse]\nHello there");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ObjectNode body(SourceTracks.Source source, double start, double end) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.put("taskId", source.taskId()).put("audioId", source.audioId()).put("prompt", "[Verse]\nA brand new line").put("tags", "pop, bright")
        .put("title", "Fixed").put("infillStartS", start).put("infillEndS", end).put("negativeTags", "metal")
        .put("callBackUrl", "https://example.com/cb");
    return body;
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  @Test
  void a_replacement_is_a_music_task_polled_at_query_task_under_both_path_families() throws Exception {
    for (String path : PATHS) {
      HttpResponse<String> created = server.post(path, body(song, 10.123, 20).toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String taskId = json(created).path("data").path("taskId").asText();
      JsonNode data = json(server.get("/suno/query/task?taskId=" + taskId)).path("data");
      assertThat(json(server.get("/api/v1/generate/record-info?taskId=" + taskId)).path("data")).isEqualTo(data);
      assertThat(data.path("operationType").asText()).isEqualTo("replace_section");
      assertThat(data.path("status").asText()).isEqualTo("PENDING");
      assertThat(TestServer.JSON.readTree(data.path("param").asText()).path("infillEndS").asDouble()).isEqualTo(20);
      JsonNode task = json(server.get("/v1/tasks/" + taskId));
      assertThat(task.path("kind").asText()).isEqualTo("REPLACE_SECTION");
      JsonNode spec = task.path("request");
      assertThat(spec.path("model").asText()).isEqualTo("V4"); // the source's
      assertThat(spec.path("startSeconds").asDouble()).isEqualTo(10.12);
      assertThat(spec.path("endSeconds").asDouble()).isEqualTo(20.0);
      assertThat(spec.path("source").path("clipId").asText()).isEqualTo(song.audioId());
      assertThat(spec.path("composition").path("lyrics").asText()).isEqualTo("[Verse]\nA brand new line");
      assertThat(spec.path("composition").path("style").asText()).isEqualTo("pop, bright");
    }
    // callBackUrl is optional upstream
    ObjectNode quiet = body(song, 0, 6);
    quiet.remove("callBackUrl");
    assertThat(server.post("/suno/replace-section", quiet.toString()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"taskId", "audioId", "prompt", "tags", "title", "infillStartS", "infillEndS"})
  void every_required_field_is_required(String field) {
    ObjectNode body = body(song, 10, 20);
    body.remove(field);
    for (String path : PATHS) {
      assertError(server.post(path, body.toString()), 400, 400, field);
    }
  }

  @Test
  void the_window_is_six_to_sixty_seconds_inside_the_track_and_at_most_half_of_it() {
    for (String path : PATHS) {
      assertError(server.post(path, body(song, 10, 15.99).toString()), 400, 400, "must be 6 to 60 seconds");
      assertError(server.post(path, body(song, 20, 10).toString()), 400, 400, "infillStartS must be less than infillEndS");
      assertError(server.post(path, body(song, -1, 10).toString()), 400, 400, "infillStartS must not be negative");
      assertError(server.post(path, body(song, 30, 41).toString()), 400, 400, "past the end of the track (40.00 s)");
      assertError(server.post(path, body(song, 5, 26).toString()), 400, 400, "at most half of the track");
      assertError(server.post(path, body(song, 5, 26).put("infillEndS", "26").toString()), 400, 400, "infillEndS must be a number");
      assertThat(server.post(path, body(song, 14, 34).toString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void the_source_track_must_exist_be_the_callers_and_be_finished() throws Exception {
    var other = server.app().accounts().createAccount("other", false);
    SourceTracks.Source theirs = SourceTracks.finished(server, other.account().id(), "V5", 40, "[Verse]\nTheirs");
    SourceTracks.Source running = SourceTracks.running(server, server.accountId, "V5");
    for (String path : PATHS) {
      assertError(server.post(path, body(song, 10, 20).put("taskId", "nope").toString()), 404, 404, "no music task with taskId 'nope'");
      assertError(server.post(path, body(theirs, 10, 20).toString()), 404, 404, "no music task with taskId");
      assertError(server.post(path, body(song, 10, 20).put("audioId", theirs.audioId()).toString()), 404, 404, "has no track with audioId");
      assertError(server.post(path, body(running, 10, 20).toString()), 400, 400, "has not finished successfully");
    }
  }

  @Test
  void text_limits_are_the_source_models_with_413() {
    for (String path : PATHS) {
      assertError(server.post(path, body(song, 10, 20).put("title", "t".repeat(81)).toString()), 413, 413, "title is too long");
      assertError(server.post(path, body(song, 10, 20).put("tags", "s".repeat(201)).toString()), 413, 413, "tags is too long");
    }
  }
}
