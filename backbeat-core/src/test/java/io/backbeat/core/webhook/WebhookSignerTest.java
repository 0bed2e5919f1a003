package io.backbeat.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signatures checked by an independent implementation: the Svix library, the Standard Webhooks reference. */
class WebhookSignerTest {
  private static final String BODY = "{\"code\":200,\"msg\":\"All generated successfully.\",\"data\":{\"callbackType\":\"complete\",\"title\":\"Nachtfahrt ♫\"}}";

  private final String secret = newSecret();
  private final String msgId = "msg_2mQ4XcBq8Uj1";
  // Svix rejects timestamps more than five minutes from its own clock, so sign with the real time
  private final long timestamp = Instant.now().getEpochSecond();

  @Test
  void svix_verifies_our_signature() {
    String signature = WebhookSigner.sign(secret, msgId, timestamp, BODY);

    assertThatCode(() -> new Webhook(secret).verify(BODY, headers(msgId, timestamp, signature))).doesNotThrowAnyException();
  }

  @Test
  void a_tampered_body_fails_verification() {
    String signature = WebhookSigner.sign(secret, msgId, timestamp, BODY);
    String tampered = BODY.replace("complete", "first");

    assertThatThrownBy(() -> new Webhook(secret).verify(tampered, headers(msgId, timestamp, signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void a_tampered_id_or_timestamp_fails_verification() {
    String signature = WebhookSigner.sign(secret, msgId, timestamp, BODY);

    assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers("msg_other", timestamp, signature)))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers(msgId, timestamp - 1, signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void another_accounts_secret_fails_verification() {
    String signature = WebhookSigner.sign(newSecret(), msgId, timestamp, BODY);

    assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers(msgId, timestamp, signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void our_signature_verifies_among_several_during_secret_rotation() {
    String current = WebhookSigner.sign(secret, msgId, timestamp, BODY);
    String old = WebhookSigner.sign(newSecret(), msgId, timestamp, BODY);

    assertThatCode(() -> new Webhook(secret).verify(BODY, headers(msgId, timestamp, old + " " + current))).doesNotThrowAnyException();
  }

  @Test
  void our_signature_equals_the_one_svix_computes() throws Exception {
    assertThat(WebhookSigner.sign(secret, msgId, timestamp, BODY)).isEqualTo(new Webhook(secret).sign(msgId, timestamp, BODY));
  }

  @Test
  void the_published_standard_webhooks_example_signs_to_its_published_value() {
    // the example from the Standard Webhooks / Svix documentation
    String signature =
        WebhookSigner.sign("whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void the_whsec_prefix_is_optional() {
    String bare = secret.substring("whsec_".length());

    assertThat(WebhookSigner.sign(bare, msgId, timestamp, BODY)).isEqualTo(WebhookSigner.sign(secret, msgId, timestamp, BODY));
  }

  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of(
        "webhook-id", List.of(id),
        "webhook-timestamp", List.of(Long.toString(timestamp)),
        "webhook-signature", List.of(signature));
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
