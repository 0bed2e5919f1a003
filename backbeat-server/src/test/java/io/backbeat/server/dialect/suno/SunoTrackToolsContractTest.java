package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.SourceTracks;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synchronous helpers over HTTP with workers running (contract-music.md §2.9, §2.10, §3.7):
 * {@code timestamped-lyrics} and {@code style-generate} under both path families, their answers'
 * shapes, every prerequisite of the source track, and the error envelope when the task fails.
 */
class SunoTrackToolsContractTest {
  private static final List<String> LYRICS_PATHS = List.of("/suno/timestamped-lyrics", "/api/v1/generate/get-timestamped-lyrics");
  private static final List<String> STYLE_PATHS = List.of("/suno/style-generate", "/api/v1/style/generate");
  private static TestServer server;
  private static SourceTracks.Source song;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    song = SourceTracks.finished(server, server.accountId, "V5", 30, "[Verse]\nHello there");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  private static String lyricsBody(String taskId, String audioId) {
    return TestServer.JSON.createObjectNode().put("taskId", taskId).put("audioId", audioId).toString();
  }

  @Test
  void style_generate_answers_at_once_with_the_expanded_style_and_its_own_success_flag_under_both_path_families() throws Exception {
    for (String path : STYLE_PATHS) {
      HttpResponse<String> answer = server.post(path, "{\"content\":\"Pop, Mysterious\"}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode body = json(answer);
      assertThat(body.path("code").asInt()).isEqualTo(200);
      assertThat(body.path("msg").asText()).isEqualTo("success");
      JsonNode data = body.path("data");
      assertThat(data.path("taskId").asText()).isNotBlank();
      assertThat(TestServer.JSON.readTree(data.path("param").asText()).path("content").asText()).isEqualTo("Pop, Mysterious");
      assertThat(data.path("successFlag").isTextual()).isTrue();
      assertThat(data.path("successFlag").asText()).isEqualTo("1");
      String style = data.path("result").asText();
      assertThat(style).startsWith("Pop, Mysterious").contains("100-130 bpm").contains("drums").contains("bass").contains("mix");
      assertThat(style.length()).isGreaterThan(3 * "Pop, Mysterious".length());
      assertThat(data.path("creditsConsumed").isNumber()).isTrue();
      assertThat(data.has("creditsRemaining")).isTrue();
      assertThat(data.path("errorCode").isNull()).isTrue();
      assertThat(data.path("errorMessage").isNull()).isTrue();
      assertThat(data.path("createTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
      // the task is listed like any other
      assertThat(json(server.get("/v1/tasks/" + data.path("taskId").asText())).path("kind").asText()).isEqualTo("STYLE");
    }
    String jazz = json(server.post("/suno/style-generate", "{\"content\":\"sad jazz with saxophone\"}")).path("data").path("result").asText();
    assertThat(jazz).contains("120-200 bpm").contains("melancholic").contains("walking upright bass");
    String fixed = json(server.post("/suno/style-generate", "{\"content\":\"techno, 128 bpm\"}")).path("data").path("result").asText();
    assertThat(fixed).contains("128 bpm").doesNotContain("125-140");
  }

  @Test
  void style_generate_needs_its_content() {
    for (String path : STYLE_PATHS) {
      assertError(server.post(path, "{}"), 400, 400, "content");
      assertError(server.post(path, "{\"content\":\"  \"}"), 400, 400, "content must not be empty");
      assertError(server.post(path, "{\"content\":\"" + "x".repeat(1001) + "\"}"), 413, 413, "content is too long");
    }
  }

  @Test
  void timestamped_lyrics_needs_a_finished_track_of_the_callers_under_both_path_families() throws Exception {
    var other = server.app().accounts().createAccount("other", false);
    SourceTracks.Source theirs = SourceTracks.finished(server, other.account().id(), "V5", 30, "[Verse]\nTheirs");
    SourceTracks.Source running = SourceTracks.running(server, server.accountId, "V5");
    String lyricsTask = json(server.post("/suno/generate-lyrics", "{\"prompt\":\"a song about rain\",\"callBackUrl\":\"https://example.com/cb\"}"))
        .path("data").path("taskId").asText();
    for (String path : LYRICS_PATHS) {
      assertError(server.post(path, "{\"audioId\":\"" + song.audioId() + "\"}"), 400, 400, "taskId");
      assertError(server.post(path, "{\"taskId\":\"" + song.taskId() + "\"}"), 400, 400, "audioId");
      assertError(server.post(path, lyricsBody("0123456789abcdef0123456789abcdef", song.audioId())), 404, 404, "no music task with taskId");
      assertError(server.post(path, lyricsBody(theirs.taskId(), theirs.audioId())), 404, 404, "no music task with taskId");
      assertError(server.post(path, lyricsBody(song.taskId(), theirs.audioId())), 404, 404, "has no track with audioId");
      assertError(server.post(path, lyricsBody(running.taskId(), running.audioId())), 400, 400, "has not finished successfully");
      assertError(server.post(path, lyricsBody(lyricsTask, song.audioId())), 400, 400, "is not a music task");
    }
  }

  @Test
  void a_track_whose_files_are_gone_answers_the_error_envelope_not_a_partial_result() {
    // the fixture's tracks have no files: the task fails, and the sync answer says why
    for (String path : LYRICS_PATHS) {
      assertError(server.post(path, lyricsBody(song.taskId(), song.audioIds().get(1))), 400, 400, "has no audio file");
    }
  }
}
