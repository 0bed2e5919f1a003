package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.ServerProcess;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Callbacks always arrive: a receiver that is down for a while gets every event once it is up. */
class WebhookOutageTest {
  private static final Map<String, String> FAST_RETRIES = Map.of("BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "300ms,300ms,500ms,1s,1s,1s,1s,1s");

  @Test
  void a_receiver_down_then_up_gets_every_event_with_a_stable_id_and_valid_signature() throws Exception {
    int port = ServerProcess.freePort();
    try (TestServer server = TestServer.start(FAST_RETRIES)) {
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String body = "{\"prompt\":\"outage " + i + "\",\"callBackUrl\":\"http://127.0.0.1:" + port + "/cb\"}";
        taskIds.add(json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText());
      }
      Thread.sleep(1500); // connection refused meanwhile: nothing listens yet

      try (CallbackReceiver receiver = new CallbackReceiver(port)) {
        receiver.respondWith(n -> n <= 2 ? 503 : 200); // and it stumbles once it is back
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> delivered = new HashSet<>();
        while (System.nanoTime() < deadline && delivered.size() < 3) {
          delivered.clear();
          for (String taskId : taskIds) {
            JsonNode view = json(server.get("/v1/tasks/" + taskId));
            if (view.path("deliveries").path(0).path("state").asText().equals("delivered")) {
              delivered.add(taskId);
            }
          }
          Thread.sleep(200);
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(taskIds);

        String secret = server.webhookSecret();
        Map<String, Set<String>> idsPerTask = new HashMap<>();
        for (CallbackReceiver.Received r : receiver.all()) {
          Signatures.verify(secret, r);
          idsPerTask.computeIfAbsent(parse(r.body()).path("data").path("taskId").asText(), k -> new HashSet<>()).add(r.header("webhook-id"));
        }
        assertThat(idsPerTask.keySet()).containsExactlyInAnyOrderElementsOf(taskIds);
        idsPerTask.values().forEach(ids -> assertThat(ids).hasSize(1));
        // the attempt log keeps the refused attempts too
        JsonNode view = json(server.get("/v1/tasks/" + taskIds.get(0)));
        String deliveryId = view.path("deliveries").path(0).path("id").asText();
        JsonNode log = json(server.get("/v1/webhooks/deliveries/" + deliveryId)).path("attemptLog");
        assertThat(log.size()).isGreaterThan(1);
        assertThat(log.get(0).path("status").isNull()).isTrue();
        assertThat(log.get(0).path("error").asText()).isNotBlank();
      }
    }
  }

  @Test
  void a_410_gone_stops_the_retries() throws Exception {
    try (TestServer server = TestServer.start(FAST_RETRIES);
        CallbackReceiver receiver = new CallbackReceiver()) {
      receiver.respondWith(n -> 410);
      String body = "{\"prompt\":\"gone\",\"callBackUrl\":\"" + receiver.url("/gone") + "\"}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();
      receiver.take(Duration.ofSeconds(15));
      Thread.sleep(2500); // longer than several retry delays
      assertThat(receiver.all()).hasSize(1);
      JsonNode delivery = json(server.get("/v1/tasks/" + taskId)).path("deliveries").path(0);
      assertThat(delivery.path("state").asText()).isEqualTo("dead");
      assertThat(delivery.path("lastStatus").asInt()).isEqualTo(410);
    }
  }

  private static JsonNode parse(String text) throws Exception {
    return TestServer.JSON.readTree(text);
  }
}
