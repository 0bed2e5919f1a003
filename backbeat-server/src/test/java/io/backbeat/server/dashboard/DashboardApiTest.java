package io.backbeat.server.dashboard;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read endpoints the dashboard adds under /v1, over real HTTP: keys, task credits, event cursor, deployment, end-user errors. */
class DashboardApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_BLOCKED_TERMS", "forbiddenword, another phrase"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String lyrics(String key, String prompt) throws Exception {
    String body = "{\"prompt\":\"" + prompt + "\",\"callBackUrl\":\"https://example.com/callback\"}";
    String taskId = json(server.post("/suno/generate-lyrics", body, key)).path("data").path("taskId").asText();
    server.pollUntil("/v1/tasks/" + taskId, j -> j.path("status").asText().equals("succeeded"), Duration.ofSeconds(20), key);
    return taskId;
  }

  @Test
  void keys_are_listed_by_name_and_prefix_without_the_key_or_its_hash() throws Exception {
    String key = server.newAccountKey("keys-" + System.nanoTime());

    HttpResponse<String> answer = server.get("/v1/account/keys", key);

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode keys = json(answer).path("data");
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).path("name").asText()).isEqualTo("default");
    assertThat(keys.get(0).path("current").asBoolean()).isTrue();
    assertThat(key).startsWith(keys.get(0).path("prefix").asText());
    assertThat(keys.get(0).path("prefix").asText().length()).isLessThan(key.length() / 2);
    assertThat(answer.body()).doesNotContain(key).doesNotContainIgnoringCase("hash");
    assertThat(json(server.get("/v1/account/keys")).path("data").get(0).path("id").asText()).isNotEqualTo(keys.get(0).path("id").asText());
    HttpResponse<String> anonymous = server.get("/v1/account/keys", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void a_tasks_credits_show_its_hold_and_settlement_and_other_accounts_get_404() throws Exception {
    String key = server.newMeteredAccountKey("credits-" + System.nanoTime(), 20);
    String taskId = lyrics(key, "credits of one task");

    JsonNode credits = server.pollUntil("/v1/tasks/" + taskId + "/credits", j -> j.path("settled").asLong() > 0, Duration.ofSeconds(10), key);

    assertThat(credits.path("metered").asBoolean()).isTrue();
    assertThat(credits.path("held").asLong()).isEqualTo(1);
    assertThat(credits.path("settled").asLong()).isEqualTo(1);
    assertThat(credits.path("refunded").asLong()).isZero();
    assertThat(credits.path("entries")).extracting(e -> e.path("kind").asText()).containsExactly("hold", "settle");
    HttpResponse<String> foreign = server.get("/v1/tasks/" + taskId + "/credits");
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(json(foreign).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    String unmetered = lyrics(server.apiKey, "an unmetered task");
    JsonNode free = json(server.get("/v1/tasks/" + unmetered + "/credits"));
    assertThat(free.path("metered").asBoolean()).isFalse();
    assertThat(free.path("entries")).isEmpty();
  }

  @Test
  void the_event_cursor_starts_a_stream_with_only_what_happens_next() throws Exception {
    String key = server.newAccountKey("cursor-" + System.nanoTime());
    String old = lyrics(key, "before the cursor");
    long after = json(server.get("/v1/events/cursor", key)).path("after").asLong();
    assertThat(after).isPositive();

    String fresh = lyrics(key, "after the cursor");

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("/v1/events?after=" + after))).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> stream = server.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("data:")) {
        // comments and the event name come first
      }
      assertThat(line).isNotNull();
      JsonNode event = TestServer.JSON.readTree(line.substring(5).strip());
      assertThat(event.path("taskId").asText()).isEqualTo(fresh).isNotEqualTo(old);
      assertThat(event.path("seq").asLong()).isGreaterThan(after);
    }
  }

  @Test
  void the_deployment_view_names_counts_and_prices_but_no_blocked_term() {
    HttpResponse<String> answer = server.get("/v1/deployment");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode deployment = json(answer);
    assertThat(deployment.path("contentPolicy").path("blockedTerms").asInt()).isEqualTo(2);
    assertThat(deployment.path("prices").path("SONG").asLong()).isEqualTo(10);
    assertThat(deployment.path("publicUrlConfigured").asBoolean()).isFalse();
    assertThat(deployment.path("assets").path("servedFrom").asText()).isEqualTo("/assets/{taskId}/{file}");
    assertThat(deployment.path("webhooks").path("retryDelaysSeconds").get(0).asDouble()).isEqualTo(0.2);
    assertThat(answer.body()).doesNotContain("forbiddenword").doesNotContain("another phrase");
  }

  @Test
  void end_user_errors_are_rendered_by_each_dialect_and_never_quote_the_blocked_term() {
    HttpResponse<String> answer = server.get("/v1/launch-checks/end-user-errors");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(answer);
    JsonNode policy = body.path("policy");
    assertThat(policy.path("configured").asBoolean()).isTrue();
    assertThat(policy.path("refused").asBoolean()).isTrue();
    assertThat(policy.path("dialects").path("suno").path("httpStatus").asInt()).isEqualTo(400);
    assertThat(policy.path("dialects").path("suno").path("body").path("code").asInt()).isEqualTo(400);
    assertThat(policy.path("dialects").path("suno").path("body").path("msg").asText()).contains("blocked term");
    assertThat(policy.path("dialects").path("native").path("body").path("error").path("code").asText()).isEqualTo("CONTENT_BLOCKED");
    JsonNode quota = body.path("quota");
    assertThat(quota.path("metered").asBoolean()).isFalse();
    assertThat(quota.path("dialects").path("suno").path("httpStatus").asInt()).isEqualTo(429);
    assertThat(quota.path("dialects").path("suno").path("body").path("code").asInt()).isEqualTo(429);
    assertThat(quota.path("dialects").path("suno").path("body").path("msg").asText()).startsWith("quota exhausted: this task costs 10 credits");
    assertThat(quota.path("dialects").path("native").path("httpStatus").asInt()).isEqualTo(402);
    assertThat(answer.body()).doesNotContain("forbiddenword");
  }

  @Test
  void the_real_quota_error_matches_the_one_the_launch_check_shows() throws Exception {
    String key = server.newMeteredAccountKey("short-" + System.nanoTime(), 3);
    String song = "{\"customMode\":false,\"instrumental\":true,\"model\":\"V5\",\"prompt\":\"quota\",\"callBackUrl\":\"https://example.com/cb\"}";

    HttpResponse<String> real = server.post("/suno/generate", song, key);
    JsonNode shown = json(server.get("/v1/launch-checks/end-user-errors", key)).path("quota").path("dialects").path("suno");

    assertThat(real.statusCode()).isEqualTo(shown.path("httpStatus").asInt());
    assertThat(json(real)).isEqualTo(shown.path("body"));
    assertThat(json(server.get("/v1/tasks", key)).path("data")).as("nothing was created").isEmpty();
  }

  @Test
  void task_views_carry_model_prompt_excerpt_and_the_payload_as_sent() throws Exception {
    String key = server.newAccountKey("views-" + System.nanoTime());
    String taskId = lyrics(key, "a very long prompt " + "about the sea ".repeat(20));

    JsonNode summary = json(server.get("/v1/tasks", key)).path("data").get(0);
    JsonNode detail = json(server.get("/v1/tasks/" + taskId, key));

    assertThat(summary.path("promptExcerpt").asText()).startsWith("a very long prompt about the sea").endsWith("…").hasSize(120);
    assertThat(summary.has("model")).isTrue();
    assertThat(detail.path("originalPayload").path("prompt").asText()).startsWith("a very long prompt");
    assertThat(detail.path("originalPayload").path("callBackUrl").asText()).isEqualTo("https://example.com/callback");
    assertThat(detail.has("channel")).isTrue();
    assertThat(detail.path("channel").isNull()).as("run here, not relayed").isTrue();
    assertThat(detail.path("upstreamId").isNull()).isTrue();
  }
}
