package io.backbeat.core.store;

import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The webhook outbox: one delivery per callback event, plus the log of every attempt. */
public interface WebhookStore {

  void enqueue(WebhookDelivery delivery);

  /** Leases up to {@code limit} pending deliveries that are due, like tasks are claimed. */
  List<WebhookDelivery> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

  /** Records an attempt and moves the delivery to its next state (delivered, retry at, dead). */
  void recordAttempt(DeliveryAttempt attempt, WebhookDelivery.State next, Instant nextAttemptAt);

  Optional<WebhookDelivery> find(String id);

  List<WebhookDelivery> forTask(String taskId);

  List<DeliveryAttempt> attempts(String deliveryId);

  /** An account's deliveries, newest first; {@code beforeCreatedAt}/{@code beforeId} page back (null for the newest). */
  List<WebhookDelivery> forAccount(String accountId, String taskId, Instant beforeCreatedAt, String beforeId, int limit);

  /** Puts a delivery back in the queue, due at {@code now} (keeps its id and body). False if unknown. */
  boolean redeliver(String deliveryId, Instant now);
}
