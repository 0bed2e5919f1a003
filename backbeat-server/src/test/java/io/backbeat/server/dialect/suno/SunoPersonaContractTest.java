package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.persona.PersonaService;
import io.backbeat.server.testing.SourceTracks;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /suno/generate-persona} and {@code /api/v1/generate/generate-persona} with workers
 * running (contract-music.md §2.12): required fields, the 10–30 s window, every prerequisite of the
 * source track, the 409 for a track that already has a persona, and the error envelope when the
 * track has no singer.
 */
class SunoPersonaContractTest {
  private static final List<String> PATHS = List.of("/suno/generate-persona", "/api/v1/generate/generate-persona");
  private static TestServer server;
  private static SourceTracks.Source song;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    song = SourceTracks.finished(server, server.accountId, "V5", 40, "[Verse]\nHello there");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ObjectNode body(String taskId, String audioId) {
    return TestServer.JSON.createObjectNode().put("taskId", taskId).put("audioId", audioId).put("name", "Nora").put("description", "airy alto");
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"taskId", "audioId", "name", "description"})
  void every_required_field_is_required(String field) {
    ObjectNode body = body(song.taskId(), song.audioId());
    body.remove(field);
    for (String path : PATHS) {
      assertError(server.post(path, body.toString()), 400, 400, field);
    }
  }

  @Test
  void the_vocal_window_is_ten_to_thirty_seconds() {
    for (String path : PATHS) {
      assertError(server.post(path, body(song.taskId(), song.audioId()).put("vocalStart", 5).put("vocalEnd", 12).toString()), 400, 400, "10 to 30 seconds");
      assertError(server.post(path, body(song.taskId(), song.audioId()).put("vocalEnd", 31).toString()), 400, 400, "10 to 30 seconds");
      assertError(server.post(path, body(song.taskId(), song.audioId()).put("vocalStart", -1).toString()), 400, 400, "vocalStart must be a number");
      assertError(server.post(path, body(song.taskId(), song.audioId()).put("vocalStart", 45).toString()), 400, 400, "vocalStart must be inside the track");
    }
  }

  @Test
  void the_source_track_must_exist_be_the_callers_and_be_finished() throws Exception {
    var other = server.app().accounts().createAccount("other", false);
    SourceTracks.Source theirs = SourceTracks.finished(server, other.account().id(), "V5", 40, "[Verse]\nTheirs");
    SourceTracks.Source running = SourceTracks.running(server, server.accountId, "V5");
    for (String path : PATHS) {
      assertError(server.post(path, body("nope", song.audioId()).toString()), 404, 404, "no music task with taskId 'nope'");
      assertError(server.post(path, body(theirs.taskId(), theirs.audioId()).toString()), 404, 404, "no music task with taskId");
      assertError(server.post(path, body(song.taskId(), theirs.audioId()).toString()), 404, 404, "has no track with audioId");
      assertError(server.post(path, body(running.taskId(), running.audioId()).toString()), 400, 400, "has not finished successfully");
    }
  }

  @Test
  void a_track_with_a_persona_answers_409_under_both_path_families() {
    SourceTracks.Source kept = SourceTracks.finished(server, server.accountId, "V5", 40, "[Verse]\nKept");
    new PersonaService(server.app().database().transactor(), InstantSource.system())
        .create(server.accountId, kept.taskId(), kept.audioId(), "Kept", "already kept", null, TestServer.JSON.createObjectNode().put("female", true));
    for (String path : PATHS) {
      assertError(server.post(path, body(kept.taskId(), kept.audioId()).toString()), 409, 409, "Persona already exists for this music");
    }
    // the other track of the same task has none yet
    assertThat(server.post("/suno/generate-persona", body(kept.taskId(), kept.audioIds().get(1)).toString()).statusCode()).isNotEqualTo(409);
  }

  @Test
  void a_track_without_a_singer_answers_the_error_envelope() {
    // the fixture's tracks have no stems: nobody sings, so no persona is kept
    for (String path : PATHS) {
      assertError(server.post(path, body(song.taskId(), song.audioIds().get(1)).toString()), 400, 400, "no vocal to take a persona from");
    }
  }
}
