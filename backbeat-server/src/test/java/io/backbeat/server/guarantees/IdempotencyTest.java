package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key with Stripe semantics: nobody pays twice for one job. */
class IdempotencyTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> create(String key, String apiKey, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url("/suno/generate-lyrics")))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return server.send(request.build());
  }

  private static String body(String prompt) {
    return "{\"prompt\":\"" + prompt + "\",\"callBackUrl\":\"https://example.com/cb\"}";
  }

  @Test
  void fifty_concurrent_creates_with_one_key_make_one_task_and_one_hold() throws Exception {
    String apiKey = server.newMeteredAccountKey("idem-" + System.nanoTime(), 100);
    String key = "order-" + System.nanoTime();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return create(key, apiKey, body("fifty at once"));
        }));
      }
      go.countDown();
      Set<String> taskIds = new HashSet<>();
      int conflicts = 0;
      for (Future<HttpResponse<String>> f : futures) {
        HttpResponse<String> response = f.get();
        JsonNode json = json(response);
        if (response.statusCode() == 409) {
          conflicts++;
          assertThat(json.path("code").asInt()).isEqualTo(409);
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          taskIds.add(json.path("data").path("taskId").asText());
        }
      }
      assertThat(taskIds).hasSize(1);
      assertThat(conflicts).isLessThan(50);
    }
    JsonNode tasks = json(server.get("/v1/tasks?limit=500", apiKey));
    assertThat(tasks.path("data")).hasSize(1);
    JsonNode ledger = json(server.get("/v1/account/ledger", apiKey));
    long holds = 0;
    for (JsonNode entry : ledger.path("data")) {
      if (entry.path("kind").asText().equals("hold")) {
        holds++;
      }
    }
    assertThat(holds).isEqualTo(1);
  }

  @Test
  void a_replay_after_completion_returns_the_same_task_and_says_so() throws Exception {
    String key = "replay-" + System.nanoTime();
    HttpResponse<String> first = create(key, server.apiKey, body("replay me"));
    String taskId = json(first).path("data").path("taskId").asText();
    server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));

    HttpResponse<String> again = create(key, server.apiKey, "{ \"callBackUrl\" : \"https://example.com/cb\", \"prompt\" : \"replay me\" }");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void the_same_key_with_a_different_body_is_refused_in_the_dialects_shape() {
    String key = "mismatch-" + System.nanoTime();
    assertThat(create(key, server.apiKey, body("one thing")).statusCode()).isEqualTo(200);

    HttpResponse<String> other = create(key, server.apiKey, body("another thing"));

    assertThat(other.statusCode()).isEqualTo(422);
    JsonNode json = json(other);
    assertThat(json.path("code").asInt()).isEqualTo(422);
    assertThat(json.path("msg").asText()).contains("different request body");
    assertThat(json.get("data").isNull()).isTrue();
  }

  @Test
  void keys_are_scoped_to_the_account_and_the_route() {
    String key = "shared-" + System.nanoTime();
    String mine = json(create(key, server.apiKey, body("scoped"))).path("data").path("taskId").asText();
    String otherAccount = server.newAccountKey("scope-" + System.nanoTime());
    String theirs = json(create(key, otherAccount, body("scoped"))).path("data").path("taskId").asText();
    assertThat(theirs).isNotEqualTo(mine);
  }

  @Test
  void without_a_key_every_request_is_a_new_task() {
    String a = json(create(null, server.apiKey, body("no key"))).path("data").path("taskId").asText();
    String b = json(create(null, server.apiKey, body("no key"))).path("data").path("taskId").asText();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void an_overlong_key_is_400() {
    HttpResponse<String> response = create("k".repeat(256), server.apiKey, body("x"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("msg").asText()).contains("Idempotency-Key");
  }

  @Test
  void a_request_that_fails_validation_does_not_burn_the_key() {
    String key = "invalid-first-" + System.nanoTime();
    assertThat(create(key, server.apiKey, "{\"callBackUrl\":\"https://example.com/cb\"}").statusCode()).isEqualTo(400);
    assertThat(create(key, server.apiKey, body("now valid")).statusCode()).isEqualTo(200);
  }
}
