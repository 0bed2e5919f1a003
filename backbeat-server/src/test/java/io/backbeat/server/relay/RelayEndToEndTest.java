package io.backbeat.server.relay;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server configured with upstream channels (the operator's YAML), relaying our own Suno
 * routes to fake sunoapi.org and AnyInt upstreams on loopback, which call back to our callback
 * endpoint. The client sees the same routes, stages and callbacks as with the local studio, and
 * outputs on our own asset URLs that outlive the upstream's copies.
 */
@Tag("e2e")
class RelayEndToEndTest {
  static final String KEY = "e2e-suno-key";

  @TempDir Path dir;

  private TestServer start(String channels, Map<String, String> env) throws Exception {
    Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), "channels:\n" + channels);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("BACKBEAT_CONFIG", yaml.toString());
    return TestServer.start(all);
  }

  static String channel(String name, String type, String baseUrl, int priority) {
    return """
          - name: %s
            type: %s
            baseUrl: %s
            apiKey: ${E2E_SUNO_KEY}
            priority: %d
            timeout: 3s
            poll: {initial: 200ms, max: 1s}
        """.formatted(name, type, baseUrl, priority);
  }

  @Test
  void a_song_on_the_suno_route_is_relayed_upstream_with_its_stages_and_served_from_our_store() throws Exception {
    try (FakeSuno upstream = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 7, Faults.NONE, KEY).timeUnit(Duration.ofMillis(150));
        TestServer server = start(channel("suno-main", "sunoapi", upstream.baseUrl(), 10), Map.of("E2E_SUNO_KEY", KEY));
        CallbackReceiver receiver = new CallbackReceiver()) {
      upstream.deliverEvery(Duration.ofMillis(50));
      String body = "{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"a song about the harbour\",\"callBackUrl\":\""
          + receiver.url("/cb") + "\"}";
      String taskId = json(server.post("/suno/generate", body)).path("data").path("taskId").asText();

      List<String> stages = new ArrayList<>();
      CallbackReceiver.Received last = null;
      while (!stages.contains("complete")) {
        last = receiver.take(Duration.ofSeconds(30));
        Signatures.verify(server.webhookSecret(), last);
        stages.add(TestServer.JSON.readTree(last.body()).path("data").path("callbackType").asText());
      }
      assertThat(stages).containsExactly("text", "first", "complete");

      JsonNode done = json(server.get("/suno/query/task?taskId=" + taskId)).path("data");
      assertThat(done.path("status").asText()).isEqualTo("SUCCESS");
      JsonNode clips = done.path("response").path("sunoData");
      assertThat(clips).hasSize(2);
      assertThat(upstream.jobsFor(taskId)).as("one upstream job").isEqualTo(1);

      upstream.deleteAllFiles(); // the upstream's links die; ours do not
      for (JsonNode clip : clips) {
        String audioUrl = clip.path("audioUrl").asText();
        assertThat(audioUrl).startsWith("http://localhost:" + server.app().port() + "/assets/" + taskId + "/");
        HttpResponse<byte[]> audio = server.client().send(
            HttpRequest.newBuilder(URI.create(audioUrl.replace("localhost", "127.0.0.1"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(upstream.fileHashes()).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio.body())));
      }

      JsonNode channels = json(server.get("/v1/channels"));
      JsonNode suno = channels.path("channels").get(0);
      assertThat(suno.path("name").asText()).isEqualTo("suno-main");
      assertThat(suno.path("host").asText()).isEqualTo("127.0.0.1");
      assertThat(suno.path("health").path("submits").path("accepted").asLong()).isEqualTo(1);
      assertThat(suno.path("health").path("tasksSucceeded").asLong()).isEqualTo(1);
      assertThat(suno.path("health").path("openTasks").asLong()).isZero();
      assertThat(channels.toString()).doesNotContain(KEY);

      String metrics = server.get("/metrics", null).body();
      assertThat(metrics).contains("backbeat_channel_submits_total{channel=\"suno-main\",outcome=\"accepted\",type=\"sunoapi\"} 1.0");
      assertThat(metrics).contains("backbeat_channel_open_tasks{channel=\"suno-main\",type=\"sunoapi\"} 0.0");
      assertThat(metrics).doesNotContain(KEY);
    }
  }

  @Test
  void lyrics_fail_over_from_a_refusing_channel_to_the_anyint_family() throws Exception {
    try (FakeSuno main = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 8, Faults.NONE.with("unavailable", 1.0), KEY)
            .timeUnit(Duration.ofMillis(100));
        FakeSuno backup = new FakeSuno(FakeSuno.Family.ANYINT, InstantSource.system(), 9, Faults.NONE, KEY).timeUnit(Duration.ofMillis(100));
        TestServer server = start(
            channel("suno-main", "sunoapi", main.baseUrl(), 10) + channel("suno-backup", "anyint-suno", backup.baseUrl(), 5),
            Map.of("E2E_SUNO_KEY", KEY))) {
      backup.deliverEvery(Duration.ofMillis(50));
      String taskId =
          json(server.post("/api/v1/lyrics", "{\"prompt\":\"a lighthouse in winter\",\"callBackUrl\":\"https://example.com/cb\"}"))
              .path("data").path("taskId").asText();

      JsonNode done = server.pollUntil("/suno/query/lyrics?taskId=" + taskId,
          j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));

      assertThat(done.path("data").path("response").path("data")).hasSize(2);
      assertThat(done.path("data").path("response").path("data").get(0).path("text").asText()).contains("a lighthouse in winter");
      assertThat(main.jobsFor(taskId)).as("the refusing channel made nothing").isZero();
      assertThat(backup.jobsFor(taskId)).isEqualTo(1);
      JsonNode channels = json(server.get("/v1/channels")).path("channels");
      assertThat(channels.get(0).path("health").path("submits").path("refused").asLong()).isEqualTo(1);
      assertThat(channels.get(0).path("health").path("lastError").asText()).contains("503");
    }
  }

  @Test
  void a_channel_without_its_key_is_reported_and_skipped_and_the_local_channel_serves() throws Exception {
    try (TestServer server = start(
        """
          - name: suno-main
            type: sunoapi
            baseUrl: https://api.sunoapi.org
            apiKey: ${E2E_UNSET_KEY}
            priority: 10
          - name: studio
            type: local
        """, Map.of())) {
      String taskId = json(server.post("/suno/generate-lyrics", "{\"prompt\":\"rain\",\"callBackUrl\":\"https://example.com/cb\"}"))
          .path("data").path("taskId").asText();
      server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));

      JsonNode view = json(server.get("/v1/channels"));
      assertThat(view.path("skipped").get(0).path("name").asText()).isEqualTo("suno-main");
      assertThat(view.path("skipped").get(0).path("reason").asText()).contains("missing apiKey");
      assertThat(view.path("channels").get(0).path("name").asText()).isEqualTo("studio");
      assertThat(json(server.get("/v1/tasks/" + taskId)).toString()).contains("local");
    }
  }

  @Test
  void a_callback_with_a_wrong_token_is_refused_and_wakes_nothing() throws Exception {
    try (FakeSuno upstream = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 10, Faults.NONE, KEY);
        TestServer server = start(channel("suno-main", "sunoapi", upstream.baseUrl(), 10), Map.of("E2E_SUNO_KEY", KEY))) {
      String taskId = json(server.post("/suno/generate-lyrics", "{\"prompt\":\"x\",\"callBackUrl\":\"https://example.com/cb\"}"))
          .path("data").path("taskId").asText();

      HttpResponse<String> forged = server.post("/callbacks/suno-main/" + taskId + "/AAAAAAAAAAAAAAAAAAAAAA", "{\"data\":{\"taskId\":\"evil\"}}", null);
      HttpResponse<String> unknownChannel = server.post("/callbacks/nope/" + taskId + "/AAAA", "{}", null);

      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(unknownChannel.statusCode()).isEqualTo(404);
      int count = server.app().database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM upstream_callback").mapTo(Integer.class).one());
      assertThat(count).as("nothing recorded").isZero();
    }
  }
}
