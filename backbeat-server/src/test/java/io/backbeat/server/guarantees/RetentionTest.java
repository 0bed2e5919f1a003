package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.retention.RetentionJob;
import io.backbeat.server.http.PayloadScrubber;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Retention forgets payloads and files on schedule; stored payloads never hold secrets. */
class RetentionTest {

  @Test
  void expired_tasks_lose_their_files_and_payloads_but_keep_their_status() throws Exception {
    try (TestServer server = TestServer.start()) {
      String taskId =
          json(server.post("/suno/generate-lyrics", "{\"prompt\":\"keep me a while\",\"callBackUrl\":\"https://example.com/cb\"}"))
              .path("data").path("taskId").asText();
      server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));
      // the finished answer is remembered; the purge below must still show through it
      String finished = server.get("/suno/query/lyrics?taskId=" + taskId).body();
      assertThat(server.get("/suno/query/lyrics?taskId=" + taskId).body()).isEqualTo(finished);
      assertThat(TestServer.JSON.readTree(finished).path("data").path("param").asText()).contains("keep me a while");
      assertThat(TestServer.JSON.readTree(finished).path("data").path("response").path("data")).isNotEmpty();
      String key = AssetKeys.of(taskId, "clip.mp3");
      server.app().assets().put(key, new byte[] {1, 2, 3}, "audio/mpeg");

      InstantSource now = InstantSource.system();
      new RetentionJob(server.app().database().transactor(), server.app().assets(), now, Duration.ofDays(30), Duration.ofDays(30)).runOnce();
      assertThat(server.app().assets().find(key)).isPresent(); // not expired yet

      InstantSource later = InstantSource.fixed(Instant.now().plus(Duration.ofDays(31)));
      new RetentionJob(server.app().database().transactor(), server.app().assets(), later, Duration.ofDays(30), Duration.ofDays(30)).runOnce();

      assertThat(server.app().assets().find(key)).isEmpty();
      JsonNode view = json(server.get("/v1/tasks/" + taskId));
      assertThat(view.path("status").asText()).isEqualTo("succeeded");
      assertThat(view.path("request").path("prompt").isMissingNode()).isTrue();
      assertThat(view.path("result").isNull()).isTrue();
      JsonNode polled = json(server.get("/suno/query/lyrics?taskId=" + taskId));
      assertThat(polled.path("data").path("status").asText()).isEqualTo("SUCCESS");
      assertThat(polled.path("data").path("param").asText()).isEqualTo("{}");
      assertThat(polled.path("data").path("response").path("data")).isEmpty();
    }
  }

  @Test
  void idempotency_keys_expire_after_their_ttl() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpRequest.Builder first =
          HttpRequest.newBuilder(URI.create(server.url("/suno/generate-lyrics")))
              .header("Authorization", "Bearer " + server.apiKey)
              .header("Idempotency-Key", "old-key")
              .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a\",\"callBackUrl\":\"https://example.com/cb\"}"));
      assertThat(server.send(first.build()).statusCode()).isEqualTo(200);

      new RetentionJob(
              server.app().database().transactor(), server.app().assets(), InstantSource.fixed(Instant.now().plus(Duration.ofHours(25))),
              Duration.ofDays(30), Duration.ofDays(30))
          .runOnce();
      // the row is gone, so the key is free again (a different body is no longer a mismatch)
      HttpRequest.Builder reused =
          HttpRequest.newBuilder(URI.create(server.url("/suno/generate-lyrics")))
              .header("Authorization", "Bearer " + server.apiKey)
              .header("Idempotency-Key", "old-key")
              .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"b\",\"callBackUrl\":\"https://example.com/cb\"}"));
      assertThat(server.send(reused.build()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void stored_payloads_never_contain_keys_secrets_or_signatures() throws Exception {
    try (TestServer server = TestServer.start()) {
      String leaked = server.apiKey;
      String body =
          "{\"prompt\":\"my key is " + leaked + "\",\"callBackUrl\":\"https://example.com/cb\",\"apiKey\":\"" + leaked
              + "\",\"extra\":{\"webhookSecret\":\"whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3\",\"note\":\"v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=\"}}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();
      JsonNode view = json(server.get("/v1/tasks/" + taskId));
      String stored = view.toString() + json(server.get("/suno/query/lyrics?taskId=" + taskId)).toString();
      assertThat(stored).doesNotContain(leaked).doesNotContain("whsec_MDEy").doesNotContain("K5oZfzN95Z9");
    }
  }

  @Test
  void the_scrubber_drops_credential_fields_and_masks_secret_looking_values() throws Exception {
    JsonNode scrubbed =
        PayloadScrubber.scrub(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                TestServer.JSON.readTree("{\"prompt\":\"hi\",\"api_key\":\"x\",\"Authorization\":\"Bearer y\",\"list\":[\"bb_live_" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ\"]}"));
    assertThat(scrubbed.has("api_key")).isFalse();
    assertThat(scrubbed.has("Authorization")).isFalse();
    assertThat(scrubbed.path("prompt").asText()).isEqualTo("hi");
    assertThat(scrubbed.path("list").get(0).asText()).isEqualTo("bb_live_***");
  }
}
