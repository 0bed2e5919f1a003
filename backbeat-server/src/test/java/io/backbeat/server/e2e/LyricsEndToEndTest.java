package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.svix.exceptions.WebhookVerificationException;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real server, real callback receiver, signatures checked by Svix. */
@Tag("e2e")
class LyricsEndToEndTest {

  @Test
  void lyrics_task_calls_back_signed_and_polls_to_success() throws Exception {
    try (TestServer server = TestServer.start();
        CallbackReceiver receiver = new CallbackReceiver()) {
      String body = "{\"prompt\":\"a lighthouse keeper who falls in love with a storm\",\"callBackUrl\":\"" + receiver.url("/hooks/lyrics") + "\"}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();

      CallbackReceiver.Received callback = receiver.take(Duration.ofSeconds(20));

      assertThat(callback.path()).isEqualTo("/hooks/lyrics");
      assertThat(callback.header("content-type")).startsWith("application/json");
      assertThat(callback.header("webhook-id")).startsWith("msg_");
      assertThat(Long.parseLong(callback.header("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
      assertThat(callback.header("webhook-signature")).startsWith("v1,");
      String secret = server.webhookSecret();
      assertThat(secret).startsWith("whsec_");
      Signatures.verify(secret, callback);

      JsonNode payload = TestServer.JSON.readTree(callback.body());
      assertThat(payload.path("code").asInt()).isEqualTo(200);
      assertThat(payload.path("msg").asText()).isEqualTo("All generated successfully.");
      assertThat(payload.path("data").path("callbackType").asText()).isEqualTo("complete");
      assertThat(payload.path("data").path("taskId").asText()).isEqualTo(taskId);
      assertThat(payload.path("data").path("data")).hasSize(2);
      assertThat(payload.path("data").path("data").get(0).path("text").asText()).contains("[Chorus");

      JsonNode polled = json(server.get("/suno/query/lyrics?taskId=" + taskId));
      assertThat(polled.path("data").path("status").asText()).isEqualTo("SUCCESS");
      assertThat(polled.path("data").path("response").path("data")).isEqualTo(payload.path("data").path("data"));

      // the signature really covers the body: one changed byte fails verification
      CallbackReceiver.Received tampered =
          new CallbackReceiver.Received(callback.path(), callback.headers(), callback.body().replace("complete", "completf"));
      assertThatThrownBy(() -> Signatures.verify(secret, tampered)).isInstanceOf(WebhookVerificationException.class);
    }
  }

  @Test
  void a_failing_receiver_gets_the_same_webhook_id_until_it_succeeds() throws Exception {
    try (TestServer server = TestServer.start();
        CallbackReceiver receiver = new CallbackReceiver()) {
      receiver.respondWith(n -> n <= 2 ? 500 : 200);
      String body = "{\"prompt\":\"autumn leaves\",\"callBackUrl\":\"" + receiver.url("/cb") + "\"}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();

      List<CallbackReceiver.Received> attempts =
          List.of(receiver.take(Duration.ofSeconds(20)), receiver.take(Duration.ofSeconds(10)), receiver.take(Duration.ofSeconds(10)));

      assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
      assertThat(attempts).extracting(CallbackReceiver.Received::body).containsOnly(attempts.get(0).body());
      String secret = server.webhookSecret();
      for (CallbackReceiver.Received attempt : attempts) {
        Signatures.verify(secret, attempt);
      }
      // delivered on the third attempt: no fourth one comes
      Thread.sleep(1500);
      assertThat(receiver.all()).hasSize(3);
      // the task itself was never affected by the failing receiver
      assertThat(json(server.get("/suno/query/lyrics?taskId=" + taskId)).path("data").path("status").asText()).isEqualTo("SUCCESS");
    }
  }

  @Test
  void an_undeliverable_callback_never_affects_the_task() throws Exception {
    try (TestServer server = TestServer.start()) {
      // nothing listens on port 9 (discard): every attempt is refused
      String body = "{\"prompt\":\"winter\",\"callBackUrl\":\"http://127.0.0.1:9/cb\"}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();
      JsonNode done =
          server.pollUntil(
              "/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));
      assertThat(done.path("data").path("response").path("data")).hasSize(2);
    }
  }
}
