package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.server.testing.TestServer;
import io.backbeat.storage.PostgresServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL share each key's buckets: requests spread over both get the limit
 * once, not once per node. The rates are so slow (one token per 100 s) that no token comes back
 * during the test, however loaded the machine is.
 */
class ClusterRateLimitsTest {
  private static final String LYRICS = "{\"prompt\":\"%s\",\"callBackUrl\":\"https://example.com/cb\"}";

  @Test
  void creates_spread_over_two_nodes_get_one_keys_burst_between_them() throws Exception {
    String db = PostgresServer.newDatabaseUrl();
    Map<String, String> env = Map.of("BACKBEAT_DB_URL", db, "BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_RATE_CREATE", "5/0.01");
    try (TestServer a = TestServer.start(env);
        TestServer b = TestServer.start(env)) {
      String key = a.apiKey; // one database: both nodes know it
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 16; i++) {
          TestServer node = i % 2 == 0 ? a : b;
          String prompt = "request " + i;
          answers.add(clients.submit(() -> node.post("/suno/generate-lyrics", LYRICS.formatted(prompt), key)));
        }
      }
      int created = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 200) {
          assertThat(json(response).path("code").asInt()).isEqualTo(200);
          created++;
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
          assertThat(json(response).path("code").asInt()).isEqualTo(430);
          assertThat(json(response).path("msg").asText()).contains("request rate too high");
          assertThat(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 100);
        }
      }
      assertThat(created).as("the burst of 5, once for the whole cluster").isEqualTo(5);
      long stored = a.app().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM task").mapTo(Long.class).one());
      assertThat(stored).isEqualTo(5);

      // another key has its own bucket, on either node
      String other = a.newAccountKey("other");
      assertThat(b.post("/suno/generate-lyrics", LYRICS.formatted("other"), other).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_generous_limit_refuses_nothing_under_concurrent_load() throws Exception {
    String db = PostgresServer.newDatabaseUrl();
    Map<String, String> env = Map.of("BACKBEAT_DB_URL", db, "BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_RATE_CREATE", "100000/100000");
    try (TestServer a = TestServer.start(env);
        TestServer b = TestServer.start(env)) {
      String key = a.apiKey;
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < 120; i++) {
          TestServer node = i % 2 == 0 ? a : b;
          String prompt = "request " + i;
          answers.add(clients.submit(() -> node.post("/suno/generate-lyrics", LYRICS.formatted(prompt), key)));
        }
      }
      for (Future<HttpResponse<String>> answer : answers) {
        assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
      }
    }
  }

  @Test
  void polls_of_one_task_alternating_between_nodes_share_its_bucket() throws Exception {
    String db = PostgresServer.newDatabaseUrl();
    Map<String, String> env = Map.of("BACKBEAT_DB_URL", db, "BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_RATE_POLL", "3/0.01");
    try (TestServer a = TestServer.start(env);
        TestServer b = TestServer.start(env)) {
      String key = a.apiKey;
      String taskId = json(a.post("/suno/generate-lyrics", LYRICS.formatted("poll me"), key)).path("data").path("taskId").asText();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        statuses.add((i % 2 == 0 ? b : a).get("/suno/query/lyrics?taskId=" + taskId, key).statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429, 429);
      HttpResponse<String> limited = b.get("/suno/query/lyrics?taskId=" + taskId, key);
      assertThat(json(limited).path("code").asInt()).isEqualTo(405);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }
}
