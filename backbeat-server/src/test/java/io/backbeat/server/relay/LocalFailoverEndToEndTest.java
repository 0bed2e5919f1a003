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
 * The operator's fallback: a {@code local} channel under an upstream one. The local studio serves
 * a task the upstream definitely did not take, and never one the upstream may have received.
 */
@Tag("e2e")
class LocalFailoverEndToEndTest {
  static final String KEY = "e2e-suno-key";

  @TempDir Path dir;

  @Test
  void lyrics_the_upstream_refused_are_written_by_the_local_studio_and_a_maybe_received_submit_is_never_rendered_here() throws Exception {
    try (FakeSuno upstream = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 31, Faults.NONE.with("unavailable", 1.0), KEY)
            .timeUnit(Duration.ofMillis(20))) {
      upstream.deliverEvery(Duration.ofMillis(50));
      Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), "channels:\n" + RelayEndToEndTest.channel("suno-main", "sunoapi", upstream.baseUrl(), 10)
          + """
            - name: local
              type: local
          """);
      try (TestServer server = TestServer.start(Map.of("BACKBEAT_CONFIG", yaml.toString(), "E2E_SUNO_KEY", KEY))) {
        String key = server.newMeteredAccountKey("metered", 1_000_000);

        // refused (503 before any job): the local studio writes them
        String refused = create(server, key, "a lighthouse in winter");
        JsonNode local = done(server, key, refused);
        assertThat(local.path("channel").asText()).isEqualTo("local");
        assertThat(local.path("upstreamId").isNull()).isTrue();
        JsonNode written = local.path("result").path("lyrics");
        assertThat(written).hasSize(2);
        assertThat(written.get(0).path("text").asText()).contains("[Verse]").doesNotContain("line 0 of");
        JsonNode query = json(server.get("/suno/query/lyrics?taskId=" + refused, key)).path("data");
        assertThat(query.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(query.path("response").path("data").get(0).path("text").asText()).isEqualTo(written.get(0).path("text").asText());
        assertThat(upstream.jobsFor(refused)).isZero();
        assertThat(ledger(server, refused)).containsExactly("hold", "settle");
        // the operator sees the fallback: on the local channel's health and in the metrics
        JsonNode localChannel = null;
        for (JsonNode channel : json(server.get("/v1/channels")).path("channels")) {
          if (channel.path("name").asText().equals("local")) {
            localChannel = channel;
          }
        }
        assertThat(localChannel).isNotNull();
        assertThat(localChannel.path("health").path("tasksFallback").asLong()).isEqualTo(1);
        assertThat(localChannel.path("health").path("tasksFirst").asLong()).isZero();
        assertThat(server.get("/metrics", null).body())
            .contains("backbeat_channel_local_tasks_total{channel=\"local\",reason=\"fallback\",type=\"local\"} 1.0");

        // the connection dropped after the upstream accepted: reconciled with it, never rendered here
        upstream.faults(Faults.NONE.with("dropAfterAccept", 1.0));
        String dropped = create(server, key, "a harbour at dawn");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (upstream.jobsFor(dropped) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        upstream.faults(Faults.NONE);
        JsonNode relayed = done(server, key, dropped);
        assertThat(relayed.path("channel").asText()).isEqualTo("suno-main");
        assertThat(relayed.path("result").path("lyrics").get(0).path("text").asText()).as("the upstream's lyrics").contains("line 0 of a harbour at dawn");
        assertThat(upstream.jobsFor(dropped)).isEqualTo(1);
        assertThat(ledger(server, dropped)).containsExactly("hold", "settle");
      }
    }
  }

  static String create(TestServer server, String key, String prompt) {
    var created = server.post("/api/v1/lyrics", "{\"prompt\":\"" + prompt + "\",\"callBackUrl\":\"https://example.com/cb\"}", key);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  static JsonNode done(TestServer server, String key, String taskId) throws InterruptedException {
    JsonNode task = server.pollUntil("/v1/tasks/" + taskId, t -> t.path("status").asText().matches("succeeded|failed|canceled"), Duration.ofSeconds(60), key);
    assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("succeeded");
    return task;
  }

  static List<String> ledger(TestServer server, String taskId) {
    return server.app().database().jdbi().withHandle(h ->
        h.createQuery("SELECT kind FROM ledger_entry WHERE task_id = :id ORDER BY id").bind("id", taskId).mapTo(String.class).list());
  }
}
