package io.backbeat.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.svix.Webhook;
import io.backbeat.core.account.WebhookSecrets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one place webhook headers are built, checked by the Svix library (the Standard Webhooks reference). */
class StandardWebhookHeadersTest {
  private static final String BODY = "{\"code\":200,\"msg\":\"ok\",\"data\":{\"callbackType\":\"complete\"}}";

  // Svix rejects timestamps more than five minutes from its own clock, so sign with the real time
  private final Instant now = Instant.now();

  @Test
  void the_headers_are_standard_webhooks_and_verify_with_svix() {
    String secret = newSecret();

    Map<String, String> headers = StandardWebhookHeaders.signed("msg_1", now, BODY, new WebhookSecrets(secret, null, null));

    assertThat(headers.keySet()).containsExactly("content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(headers).containsEntry("content-type", "application/json").containsEntry("user-agent", "Backbeat-Webhooks/1")
        .containsEntry("webhook-id", "msg_1").containsEntry("webhook-timestamp", Long.toString(now.getEpochSecond()));
    assertThat(headers.get("webhook-signature")).isEqualTo(WebhookSigner.sign(secret, "msg_1", now.getEpochSecond(), BODY));
    assertThatCode(() -> new Webhook(secret).verify(BODY, svix(headers))).doesNotThrowAnyException();
  }

  @Test
  void during_a_rotation_two_signatures_are_sent_and_either_secret_verifies() {
    String current = newSecret();
    String previous = newSecret();
    WebhookSecrets rotating = new WebhookSecrets(current, previous, now.plusSeconds(3600));

    Map<String, String> headers = StandardWebhookHeaders.signed("msg_2", now, BODY, rotating);

    assertThat(headers.get("webhook-signature").split(" ")).hasSize(2);
    assertThatCode(() -> new Webhook(current).verify(BODY, svix(headers))).doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(previous).verify(BODY, svix(headers))).doesNotThrowAnyException();
  }

  @Test
  void after_the_overlap_only_the_current_secret_signs() {
    WebhookSecrets expired = new WebhookSecrets(newSecret(), newSecret(), now.minusSeconds(1));

    assertThat(StandardWebhookHeaders.signed("msg_3", now, BODY, expired).get("webhook-signature").split(" ")).hasSize(1);
  }

  @Test
  void without_secrets_the_message_goes_unsigned() {
    assertThat(StandardWebhookHeaders.signed("msg_4", now, BODY, List.of())).doesNotContainKey("webhook-signature").containsKey("webhook-id");
  }

  private static Map<String, List<String>> svix(Map<String, String> headers) {
    return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
