package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.WebhookStore;
import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The webhook outbox ({@code webhook_delivery}) and its attempt log ({@code webhook_attempt}). */
public final class JdbiWebhookStore implements WebhookStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbiWebhookStore.class);
  private static final Comparator<WebhookDelivery> DUE_ORDER =
      Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::id);

  private final Handle handle;
  private final SqlFiles sql;

  public JdbiWebhookStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  /** @throws io.backbeat.core.store.DuplicateKeyException when a delivery with this id exists */
  @Override
  public void enqueue(WebhookDelivery delivery) {
    requireNonNull(delivery, "delivery is null");
    Update insert =
        handle
            .createUpdate(sql.get(JdbiWebhookStore.class, "enqueue"))
            .bind("id", delivery.id())
            .bind("state", delivery.state().dbValue())
            .bind("taskId", delivery.taskId())
            .bind("accountId", delivery.accountId())
            .bind("url", delivery.url())
            .bind("eventType", delivery.eventType())
            .bind("body", delivery.body())
            .bind("attempts", delivery.attempts())
            .bind("nextAttemptAt", Rows.millis(delivery.nextAttemptAt()))
            .bind("lastStatus", delivery.lastStatus())
            .bind("createdAt", Rows.millis(delivery.createdAt()))
            .bind("deliveredAt", Rows.millis(delivery.deliveredAt()));
    Duplicates.translate("webhook delivery " + delivery.id(), insert::execute);
  }

  @Override
  public List<WebhookDelivery> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
    requireNonNull(owner, "owner is null");
    requireNonNull(now, "now is null");
    requireNonNull(leaseUntil, "leaseUntil is null");
    if (!leaseUntil.isAfter(now)) {
      throw new IllegalArgumentException("leaseUntil " + leaseUntil + " must be after now " + now);
    }
    if (limit <= 0) {
      return List.of();
    }
    List<WebhookDelivery> claimed =
        new ArrayList<>(
            handle
                .createQuery(sql.get(JdbiWebhookStore.class, "claimDue"))
                .bind("owner", owner)
                .bind("now", Rows.millis(now))
                .bind("leaseUntil", Rows.millis(leaseUntil))
                .bind("max", limit)
                .map(Rows::delivery)
                .list());
    claimed.sort(DUE_ORDER);
    return claimed;
  }

  /**
   * Logs the attempt and moves the delivery on. Call it inside the transaction that should hold both
   * writes. The attempt is logged even when the delivery is no longer pending (another node finished
   * it after this node's lease ran out): the POST did happen.
   */
  @Override
  public void recordAttempt(DeliveryAttempt attempt, WebhookDelivery.State next, Instant nextAttemptAt) {
    requireNonNull(attempt, "attempt is null");
    requireNonNull(attempt.deliveryId(), "deliveryId is null");
    requireNonNull(attempt.at(), "at is null");
    requireNonNull(next, "next is null");
    if (next == WebhookDelivery.State.PENDING && nextAttemptAt == null) {
      throw new IllegalArgumentException("a delivery that stays pending needs nextAttemptAt");
    }
    handle
        .createUpdate(sql.get(JdbiWebhookStore.class, "insertAttempt"))
        .bind("deliveryId", attempt.deliveryId())
        .bind("attemptNo", attempt.attemptNo())
        .bind("attemptedAt", Rows.millis(attempt.at()))
        .bind("statusCode", attempt.statusCode())
        .bind("latencyMs", attempt.latencyMillis())
        .bind("responseExcerpt", attempt.responseExcerpt())
        .bind("error", attempt.error())
        .execute();
    int rows =
        handle
            .createUpdate(sql.get(JdbiWebhookStore.class, "recordAttempt"))
            .bind("id", attempt.deliveryId())
            .bind("state", next.dbValue())
            .bind("nextAttemptAt", next == WebhookDelivery.State.PENDING ? Rows.millis(nextAttemptAt) : null)
            .bind("lastStatus", attempt.statusCode())
            .bind("deliveredAt", next == WebhookDelivery.State.DELIVERED ? Rows.millis(attempt.at()) : null)
            .execute();
    if (rows == 0) {
      LOG.debug("Delivery {} was no longer pending; attempt {} logged only", attempt.deliveryId(), attempt.attemptNo());
    } else if (rows > 1) {
      throw new IllegalStateException("recording an attempt of " + attempt.deliveryId() + " updated " + rows + " rows; this indicates a bug");
    }
  }

  @Override
  public Optional<WebhookDelivery> find(String id) {
    requireNonNull(id, "id is null");
    return handle.createQuery(sql.get(JdbiWebhookStore.class, "find")).bind("id", id).map(Rows::delivery).findOne();
  }

  @Override
  public List<WebhookDelivery> forTask(String taskId) {
    requireNonNull(taskId, "taskId is null");
    return handle.createQuery(sql.get(JdbiWebhookStore.class, "forTask")).bind("taskId", taskId).map(Rows::delivery).list();
  }

  @Override
  public List<WebhookDelivery> forAccount(String accountId, String taskId, Instant beforeCreatedAt, String beforeId, int limit) {
    requireNonNull(accountId, "accountId is null");
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(sql.get(JdbiWebhookStore.class, "forAccount"))
        .bind("accountId", accountId)
        .bind("taskId", taskId)
        .bind("beforeCreatedAt", Rows.millis(beforeCreatedAt))
        .bind("beforeId", beforeId)
        .bind("max", limit)
        .map(Rows::delivery)
        .list();
  }

  @Override
  public boolean redeliver(String deliveryId, Instant now) {
    requireNonNull(deliveryId, "deliveryId is null");
    requireNonNull(now, "now is null");
    int rows =
        handle.createUpdate(sql.get(JdbiWebhookStore.class, "redeliver")).bind("id", deliveryId).bind("now", Rows.millis(now)).execute();
    return rows == 1;
  }

  @Override
  public List<DeliveryAttempt> attempts(String deliveryId) {
    requireNonNull(deliveryId, "deliveryId is null");
    return handle
        .createQuery(sql.get(JdbiWebhookStore.class, "attempts"))
        .bind("deliveryId", deliveryId)
        .map(Rows::attempt)
        .list();
  }
}
