package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import io.backbeat.storage.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three nodes on one PostgreSQL: a task created on node A (no workers) is run by node B, and its
 * events reach an event stream held open on node C, which neither created nor ran anything: only
 * LISTEN/NOTIFY can have woken C's streams.
 */
@Tag("e2e")
class ClusterWakeUpsTest {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWakeUpsTest.class);

  @Test
  void a_task_created_on_one_node_runs_on_another_and_its_events_reach_a_stream_on_a_third() throws Exception {
    String db = PostgresServer.newDatabaseUrl();
    try (TestServer a = TestServer.start(Map.of("BACKBEAT_DB_URL", db, "BACKBEAT_RUN_WORKERS", "false"));
        TestServer b = TestServer.start(Map.of("BACKBEAT_DB_URL", db));
        TestServer c = TestServer.start(Map.of("BACKBEAT_DB_URL", db, "BACKBEAT_RUN_WORKERS", "false"))) {
      String key = a.apiKey; // one database: every node knows every key
      long cBefore = c.app().liveEvents().version();
      CompletableFuture<List<JsonNode>> stream = CompletableFuture.supplyAsync(() -> readEvents(c, key, 3));
      Thread.sleep(500); // let the stream open before the task exists (else it would only replay)

      long created = System.nanoTime();
      String taskId = json(a.post("/suno/generate-lyrics", "{\"prompt\":\"three nodes, one queue\",\"callBackUrl\":\"http://127.0.0.1:9/unused\"}", key))
          .path("data").path("taskId").asText();
      List<JsonNode> events = stream.get(60, TimeUnit.SECONDS);
      LOG.info("task {} created on A, run on B, all events on C's stream after {} ms", taskId,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - created));

      assertThat(events).extracting(e -> e.path("taskId").asText()).containsOnly(taskId);
      assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("queued", "running", "succeeded");
      assertThat(c.app().liveEvents().version()).as("C's streams were woken by other nodes' events").isGreaterThan(cBefore);
      JsonNode onC = json(c.get("/suno/query/lyrics?taskId=" + taskId, key));
      assertThat(onC.path("data").path("status").asText()).isEqualTo("SUCCESS");
    }
  }

  private static List<JsonNode> readEvents(TestServer node, String key, int count) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.url("/v1/events")))
        .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build();
    List<JsonNode> events = new ArrayList<>();
    try {
      HttpResponse<InputStream> response = node.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while (events.size() < count && (line = reader.readLine()) != null) {
          if (line.startsWith("data:")) {
            events.add(TestServer.JSON.readTree(line.substring(5).strip()));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return events;
  }
}
