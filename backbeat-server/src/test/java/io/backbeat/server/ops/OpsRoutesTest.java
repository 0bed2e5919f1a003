package io.backbeat.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

  @Test
  void health_readiness_and_prometheus_metrics_answer_without_a_key() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> health = server.get("/healthz", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("ok");
      HttpResponse<String> ready = server.get("/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(TestServer.json(ready).path("status").asText()).isEqualTo("ready");
      assertThat(TestServer.json(ready).path("database").asText()).isEqualTo("up");
      // the studio loads its sound bank once, in the background; then readiness names it
      JsonNode warm = pollReady(server);
      assertThat(warm.path("soundBank").asText()).containsAnyOf("Fluid", "built-in", "Gervill", "TimGM");

      String taskId =
          TestServer.json(server.post("/suno/generate-lyrics", "{\"prompt\":\"metrics\",\"callBackUrl\":\"https://example.com/cb\"}"))
              .path("data").path("taskId").asText();
      server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));
      HttpResponse<String> metrics = server.get("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("backbeat_task_events_total{stage=\"complete\",status=\"succeeded\"}");
      assertThat(metrics.body()).doesNotContain(server.apiKey);
    }
  }

  private static JsonNode pollReady(TestServer server) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      JsonNode body = TestServer.json(server.get("/readyz", null));
      if (!body.path("soundBank").asText().equals("loading")) {
        return body;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the sound bank did not load within 60 s");
  }

  @Test
  void readiness_fails_when_the_database_is_gone() throws Exception {
    TestServer server = TestServer.start();
    try {
      server.app().database().close();
      assertThat(server.get("/readyz", null).statusCode()).isEqualTo(503);
    } finally {
      server.close();
    }
  }
}
