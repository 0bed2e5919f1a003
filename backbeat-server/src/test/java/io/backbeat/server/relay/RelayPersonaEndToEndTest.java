package io.backbeat.server.relay;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import io.backbeat.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persona made by relaying generate-persona is kept in our persona store like a local one: the
 * caller gets our id, a second persona of the track is refused, another account cannot sing with
 * it, a song naming it is relayed with the upstream's id, and on local failover it is sung here.
 */
@Tag("e2e")
class RelayPersonaEndToEndTest {
  static final String KEY = "e2e-suno-key";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void a_relayed_persona_is_stored_owned_unique_mapped_upstream_and_sung_locally_on_failover() throws Exception {
    try (FakeSuno upstream = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 41, Faults.NONE, KEY).timeUnit(Duration.ofMillis(20))) {
      upstream.deliverEvery(Duration.ofMillis(50));
      Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), "channels:\n" + RelayEndToEndTest.channel("suno-main", "sunoapi", upstream.baseUrl(), 10)
          + """
            - name: local
              type: local
          """);
      try (TestServer server = TestServer.start(Map.of("BACKBEAT_CONFIG", yaml.toString(), "E2E_SUNO_KEY", KEY))) {
        String owner = server.newMeteredAccountKey("owner", 1_000_000);
        String other = server.newMeteredAccountKey("other", 1_000_000);

        JsonNode song = done(server, owner, song(server, owner, null));
        assertThat(song.path("channel").asText()).isEqualTo("suno-main");
        String songId = song.path("id").asText();
        String clip = song.path("result").path("clips").get(0).path("id").asText();

        var made = server.post("/api/v1/generate/generate-persona",
            "{\"taskId\":\"" + songId + "\",\"audioId\":\"" + clip + "\",\"name\":\"Nova\",\"description\":\"a bright alto\"}", owner);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        JsonNode data = json(made).path("data");
        String personaId = data.path("personaId").asText();
        assertThat(personaId).as("our id, not the upstream's").startsWith("persona_");
        assertThat(data.path("name").asText()).isEqualTo("Nova");
        assertThat(data.path("description").asText()).isEqualTo("a bright alto");
        assertThat(upstream.postsTo("/generate-persona")).hasSize(1);

        // stored like a local persona: owner, source task and clip, name, description, and the upstream's id
        Map<String, Object> row = server.app().database().jdbi().withHandle(h ->
            h.createQuery("SELECT a.name AS account, p.source_task_id, p.source_clip_id, p.name, p.description, p.voice"
                    + " FROM persona p JOIN account a ON a.id = p.account_id WHERE p.id = :id")
                .bind("id", personaId).mapToMap().one());
        assertThat(row).containsEntry("account", "owner").containsEntry("source_task_id", songId).containsEntry("source_clip_id", clip)
            .containsEntry("name", "Nova").containsEntry("description", "a bright alto");
        JsonNode voice = TestServer.JSON.readTree(row.get("voice").toString());
        String upstreamPersona = voice.path("upstream").path("personaId").asText();
        assertThat(upstreamPersona).as(voice.toString()).startsWith("persona-");
        assertThat(voice.path("upstream").path("channel").asText()).isEqualTo("suno-main");
        assertThat(voice.has("lowMidi")).as("the fake's audio cannot be measured: a seeded voice").isFalse();

        // one persona per track, relayed or not: answered here, nothing sent upstream
        var again = server.post("/api/v1/generate/generate-persona",
            "{\"taskId\":\"" + songId + "\",\"audioId\":\"" + clip + "\",\"name\":\"Nova 2\",\"description\":\"again\"}", owner);
        assertThat(json(again).path("code").asInt()).as(again.body()).isEqualTo(409);
        assertThat(upstream.postsTo("/generate-persona")).hasSize(1);

        // a song naming it is relayed with the upstream's id
        JsonNode sung = done(server, owner, song(server, owner, personaId));
        assertThat(sung.path("channel").asText()).isEqualTo("suno-main");
        List<JsonNode> generates = upstream.postsTo("/generate");
        assertThat(generates.get(generates.size() - 1).path("personaId").asText()).isEqualTo(upstreamPersona);

        // another account cannot sing with it
        String foreign = song(server, other, personaId);
        JsonNode refused = server.pollUntil("/v1/tasks/" + foreign, t -> t.path("status").asText().matches("succeeded|failed|canceled"), PATIENCE, other);
        assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("failed");
        assertThat(refused.toString()).contains("not a persona of yours");
        assertThat(upstream.postsTo("/generate")).as("nothing sent for it").hasSize(generates.size());

        // the upstream refuses: the local studio sings it (seeded voice, as the persona has no measured one)
        upstream.faults(Faults.NONE.with("unavailable", 1.0));
        JsonNode local = done(server, owner, song(server, owner, personaId));
        assertThat(local.path("channel").asText()).isEqualTo("local");
        assertThat(local.path("result").path("clips")).isNotEmpty();
      }
    }
  }

  static String song(TestServer server, String key, String personaId) {
    String persona = personaId == null ? "" : ",\"personaId\":\"" + personaId + "\"";
    var created = server.post("/api/v1/generate", """
        {"customMode":true,"instrumental":false,"prompt":"[Verse]\\nLights on the water\\nwe sing along","style":"pop","title":"Harbour",
         "model":"V4_5","callBackUrl":"https://example.com/cb"%s}""".formatted(persona), key);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).path("code").asInt()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  static JsonNode done(TestServer server, String key, String taskId) throws InterruptedException {
    JsonNode task = server.pollUntil("/v1/tasks/" + taskId, t -> t.path("status").asText().matches("succeeded|failed|canceled"), PATIENCE, key);
    assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("succeeded");
    return task;
  }
}
