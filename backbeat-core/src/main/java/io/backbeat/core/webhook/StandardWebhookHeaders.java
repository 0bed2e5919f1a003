package io.backbeat.core.webhook;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.WebhookSecrets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of one Standard Webhooks message, built in one place for every sender (the outbox
 * dispatcher, the {@code /v1/webhooks/test} probe): {@code content-type}, {@code user-agent}, {@code
 * webhook-id}, {@code webhook-timestamp} (epoch seconds) and {@code webhook-signature} — one {@code
 * v1,<base64>} per active secret, space-separated, so during a secret rotation a receiver holding
 * either secret verifies the message.
 */
public final class StandardWebhookHeaders {
  public static final String USER_AGENT = "Backbeat-Webhooks/1";

  private StandardWebhookHeaders() {}

  /** Signed with the secrets active at {@code timestamp} (current first, then the previous one while it overlaps). */
  public static Map<String, String> signed(String msgId, Instant timestamp, String body, WebhookSecrets secrets) {
    requireNonNull(secrets, "secrets is null");
    return signed(msgId, timestamp, body, secrets.activeAt(timestamp));
  }

  /**
   * Signed with each of {@code secrets}, in order. With no secret there is no {@code webhook-signature}
   * header (an account without secrets receives unsigned messages rather than none).
   */
  public static Map<String, String> signed(String msgId, Instant timestamp, String body, List<String> secrets) {
    requireNonNull(msgId, "msgId is null");
    requireNonNull(timestamp, "timestamp is null");
    requireNonNull(body, "body is null");
    requireNonNull(secrets, "secrets is null");
    long seconds = timestamp.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("user-agent", USER_AGENT);
    headers.put("webhook-id", msgId);
    headers.put("webhook-timestamp", Long.toString(seconds));
    if (!secrets.isEmpty()) {
      headers.put(
          "webhook-signature",
          String.join(" ", secrets.stream().map(secret -> WebhookSigner.sign(secret, msgId, seconds, body)).toList()));
    }
    return Collections.unmodifiableMap(headers);
  }
}
