package io.backbeat.core.webhook;

import java.time.Instant;

/**
 * One callback event to deliver. {@code id} is the Standard Webhooks {@code webhook-id}: the same on
 * every attempt. {@code body} is frozen when the event happens, so every attempt sends the same bytes.
 */
public record WebhookDelivery(
    String id,
    String taskId,
    String accountId,
    String url,
    String eventType,
    String body,
    State state,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    Integer lastStatus,
    Instant deliveredAt) {

  public enum State {
    PENDING,
    DELIVERED,
    /** Gave up: retries exhausted or the receiver answered 410 Gone. */
    DEAD;

    public String dbValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static State fromDb(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public static WebhookDelivery pending(
      String id, String taskId, String accountId, String url, String eventType, String body, Instant now) {
    return new WebhookDelivery(id, taskId, accountId, url, eventType, body, State.PENDING, 0, now, now, null, null);
  }
}
