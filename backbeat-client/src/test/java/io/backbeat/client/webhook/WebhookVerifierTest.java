package io.backbeat.client.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures made by the independent Svix library verify; anything altered or stale does not. */
class WebhookVerifierTest {
  private static final String SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" /* the Standard Webhooks docs' test secret */;
  private static final String OTHER = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  private static final String BODY = "{\"code\":200,\"data\":{\"callbackType\":\"complete\"}}";

  private static Map<String, String> headers(String secret, String id, long ts, String body) throws Exception {
    return Map.of("Webhook-Id", id, "Webhook-Timestamp", Long.toString(ts), "Webhook-Signature", new Webhook(secret).sign(id, ts, body));
  }

  @Test
  void a_svix_signed_callback_verifies() throws Exception {
    long now = Instant.now().getEpochSecond();
    assertThatCode(() -> new WebhookVerifier(SECRET).verify(headers(SECRET, "msg_1", now, BODY), BODY, Instant.now())).doesNotThrowAnyException();
  }

  @Test
  void one_of_several_signatures_is_enough_during_rotation() throws Exception {
    long now = Instant.now().getEpochSecond();
    String both = new Webhook(OTHER).sign("msg_2", now, BODY) + " " + new Webhook(SECRET).sign("msg_2", now, BODY);
    Map<String, String> h = Map.of("webhook-id", "msg_2", "webhook-timestamp", Long.toString(now), "webhook-signature", both);
    assertThatCode(() -> new WebhookVerifier(SECRET).verify(h, BODY, Instant.now())).doesNotThrowAnyException();
  }

  @Test
  void a_changed_body_id_or_secret_fails() throws Exception {
    long now = Instant.now().getEpochSecond();
    Map<String, String> h = headers(SECRET, "msg_3", now, BODY);
    assertThatThrownBy(() -> new WebhookVerifier(SECRET).verify(h, BODY.replace("200", "201"), Instant.now()))
        .isInstanceOf(WebhookVerifier.InvalidSignatureException.class);
    assertThatThrownBy(() -> new WebhookVerifier(OTHER).verify(h, BODY, Instant.now()))
        .hasMessageContaining("no webhook-signature matches");
    Map<String, String> otherId = Map.of("webhook-id", "msg_4", "webhook-timestamp", Long.toString(now), "webhook-signature", h.get("Webhook-Signature"));
    assertThatThrownBy(() -> new WebhookVerifier(SECRET).verify(otherId, BODY, Instant.now())).isInstanceOf(WebhookVerifier.InvalidSignatureException.class);
  }

  @Test
  void stale_or_missing_headers_fail() throws Exception {
    long old = Instant.now().minusSeconds(3600).getEpochSecond();
    assertThatThrownBy(() -> new WebhookVerifier(SECRET).verify(headers(SECRET, "msg_5", old, BODY), BODY, Instant.now()))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> new WebhookVerifier(SECRET).verify(Map.of("webhook-id", "x"), BODY, Instant.now()))
        .hasMessageContaining("missing header webhook-timestamp");
  }
}
