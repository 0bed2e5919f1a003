package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quota, rate limits and the content policy answer with the documented codes. */
class CreditsAndLimitsTest {
  private static final String LYRICS = "{\"prompt\":\"%s\",\"callBackUrl\":\"https://example.com/cb\"}";

  @Test
  void a_metered_account_pays_per_task_and_gets_429_quota_exhausted_when_empty() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_PRICES", "LYRICS=2"))) {
      String key = server.newMeteredAccountKey("metered", 5);
      String first = json(server.post("/suno/generate-lyrics", LYRICS.formatted("one"), key)).path("data").path("taskId").asText();
      assertThat(json(server.post("/suno/generate-lyrics", LYRICS.formatted("two"), key)).path("code").asInt()).isEqualTo(200);

      HttpResponse<String> third = server.post("/suno/generate-lyrics", LYRICS.formatted("three"), key);

      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(json(third).path("code").asInt()).isEqualTo(429);
      assertThat(json(third).path("msg").asText()).contains("quota exhausted").contains("costs 2").contains("balance is 1");
      // nothing was created by the refused request
      assertThat(json(server.get("/v1/tasks", key)).path("data")).hasSize(2);

      server.pollUntil("/suno/query/lyrics?taskId=" + first, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20), key);
      JsonNode account = json(server.get("/v1/account", key));
      assertThat(account.path("credits").path("metered").asBoolean()).isTrue();
      assertThat(account.path("credits").path("balance").asLong()).isEqualTo(1);
      JsonNode ledger = json(server.get("/v1/account/ledger", key));
      assertThat(ledger.path("data").findValuesAsText("kind")).contains("topup", "hold", "settle");
    }
  }

  @Test
  void an_unmetered_account_is_never_refused_for_credits() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_PRICES", "LYRICS=1000"))) {
      assertThat(json(server.post("/suno/generate-lyrics", LYRICS.formatted("free"))).path("code").asInt()).isEqualTo(200);
      assertThat(json(server.get("/v1/account")).path("credits").path("metered").asBoolean()).isFalse();
    }
  }

  @Test
  void too_many_creates_get_430_with_retry_after() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_RATE_CREATE", "2/0.2"))) {
      server.post("/suno/generate-lyrics", LYRICS.formatted("a"));
      server.post("/suno/generate-lyrics", LYRICS.formatted("b"));

      HttpResponse<String> limited = server.post("/suno/generate-lyrics", LYRICS.formatted("c"));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(json(limited).path("code").asInt()).isEqualTo(430);
      assertThat(json(limited).path("msg").asText()).contains("request rate too high");
      assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 10);
      // another key has its own bucket
      assertThat(server.post("/suno/generate-lyrics", LYRICS.formatted("d"), server.newAccountKey("other")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void polling_one_task_too_often_gets_405_with_retry_after() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_RATE_POLL", "3/0.5"))) {
      String taskId = json(server.post("/suno/generate-lyrics", LYRICS.formatted("poll"))).path("data").path("taskId").asText();
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/suno/query/lyrics?taskId=" + taskId).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = server.get("/suno/query/lyrics?taskId=" + taskId);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(json(limited).path("code").asInt()).isEqualTo(405);
      assertThat(json(limited).path("msg").asText()).contains("frequency limit exceeded");
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void a_blocked_term_in_the_prompt_is_refused_at_create_and_charges_nothing() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_BLOCKED_TERMS", "forbidden words,contraband"))) {
      String key = server.newMeteredAccountKey("policy", 10);
      HttpResponse<String> refused = server.post("/suno/generate-lyrics", LYRICS.formatted("a song about CONTRABAND at sea"), key);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json(refused).path("code").asInt()).isEqualTo(400);
      assertThat(json(refused).path("msg").asText()).contains("prompt contains a blocked term").doesNotContain("contraband");
      assertThat(json(server.get("/v1/account", key)).path("credits").path("balance").asLong()).isEqualTo(10);
      // word boundaries: "contrabandist" is another word
      assertThat(server.post("/suno/generate-lyrics", LYRICS.formatted("the contrabandist"), key).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_blocked_term_found_in_the_output_fails_the_task_with_sensitive_word_error_and_refunds() throws Exception {
    // every generated lyric carries a [Chorus] tag, which no prompt here mentions
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_BLOCKED_TERMS", "chorus", "BACKBEAT_PRICES", "LYRICS=3"))) {
      String key = server.newMeteredAccountKey("late-policy", 10);
      String taskId = json(server.post("/suno/generate-lyrics", LYRICS.formatted("a quiet morning"), key)).path("data").path("taskId").asText();

      JsonNode done =
          server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> !j.path("data").path("status").asText().equals("PENDING"), Duration.ofSeconds(20), key);

      assertThat(done.path("data").path("status").asText()).isEqualTo("SENSITIVE_WORD_ERROR");
      assertThat(done.path("data").path("errorCode").asInt()).isEqualTo(400);
      assertThat(json(server.get("/v1/account", key)).path("credits").path("balance").asLong()).isEqualTo(10);
      assertThat(json(server.get("/v1/account/ledger", key)).path("data").findValuesAsText("kind")).contains("hold", "refund").doesNotContain("settle");
    }
  }
}
