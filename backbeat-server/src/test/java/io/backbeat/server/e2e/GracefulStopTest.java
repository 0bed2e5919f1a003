package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.BackbeatApp;
import io.backbeat.server.config.ConfigLoader;
import io.backbeat.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A graceful stop hands running work back to the queue at once; the next start finishes it. */
@Tag("e2e")
class GracefulStopTest {

  @Test
  void a_song_running_at_shutdown_is_queued_again_and_finished_by_the_next_start() throws Exception {
    TestServer server = TestServer.start(Map.of("BACKBEAT_LEASE", "60s"));
    String body =
        "{\"customMode\":true,\"instrumental\":true,\"model\":\"V4\",\"style\":\"ambient, 70 bpm\",\"title\":\"Handover\",\"callBackUrl\":\"https://example.com/cb\"}";
    String taskId = json(server.post("/suno/generate", body)).path("data").path("taskId").asText();
    server.pollUntil("/v1/tasks/" + taskId, j -> j.path("status").asText().equals("running"), Duration.ofSeconds(30));

    server.app().close();

    // same data folder, new process-like app: the task is due now, not after the 60 s lease
    try (BackbeatApp again =
        BackbeatApp.create(
                ConfigLoader.load(
                    Map.of(
                        "BACKBEAT_PORT", "0", "BACKBEAT_HOST", "127.0.0.1", "BACKBEAT_DATA", server.dataDir().toString(),
                        "BACKBEAT_EGRESS_ALLOW_PRIVATE", "true"),
                    server.dataDir()))
            .start()) {
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(180).toNanos(); // a loaded 2-core CI machine renders slowly
      JsonNode view = null;
      Long reclaimedAfterMs = null;
      while (System.nanoTime() < deadline) {
        view = TestServer.JSON.readTree(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + again.port() + "/v1/tasks/" + taskId))
                        .header("Authorization", "Bearer " + server.apiKey)
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body());
        if (reclaimedAfterMs == null && view.path("timeline").findValuesAsText("reason").stream().anyMatch(r -> r.startsWith("claimed again"))) {
          reclaimedAfterMs = (System.nanoTime() - start) / 1_000_000;
        }
        if (view.path("status").asText().equals("succeeded")) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(reclaimedAfterMs).as("claimed again well before the 60 s lease would expire").isNotNull().isLessThan(15_000L);
      assertThat(view.path("status").asText()).isEqualTo("succeeded");
      assertThat(view.path("timeline").findValuesAsText("reason")).contains("retry scheduled");
    }
  }
}
