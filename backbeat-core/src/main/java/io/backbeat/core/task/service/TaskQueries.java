package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Read side for the native API and dashboard: one account's tasks, timelines, events and webhook
 * deliveries. Everything is scoped to an account: another account's ids are simply not found.
 */
public final class TaskQueries {
  private final Transactor transactor;
  private final InstantSource clock;

  public TaskQueries(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public List<Task> list(TaskQuery query) {
    return transactor.inTransaction(tx -> tx.tasks().list(query));
  }

  public Task task(String accountId, String taskId) {
    Optional<Task> task =
        TaskIds.isWellFormed(taskId) ? transactor.readOne(tx -> tx.tasks().findOwned(accountId, taskId)) : Optional.empty();
    return task.orElseThrow(() -> BackbeatException.notFound("no task with id '" + taskId + "'"));
  }

  // single statements that only read: no transaction, and on SQLite not the writer's lock (polls of task views)
  public List<TaskEvent> timeline(String taskId) {
    return transactor.readOne(tx -> tx.events().forTask(taskId));
  }

  public List<TaskEvent> eventsAfter(String accountId, long afterSeq, int limit) {
    return transactor.inTransaction(tx -> tx.events().forAccountAfter(accountId, afterSeq, limit));
  }

  /** The account's newest event number: a live stream started {@code ?after=} it sends only what happens next. */
  public long latestEventSeq(String accountId) {
    return transactor.inTransaction(tx -> tx.events().latestSeq(accountId));
  }

  public List<WebhookDelivery> deliveriesOfTask(String taskId) {
    return transactor.readOne(tx -> tx.webhooks().forTask(taskId));
  }

  public List<WebhookDelivery> deliveries(String accountId, String taskId, Instant beforeCreatedAt, String beforeId, int limit) {
    return transactor.inTransaction(tx -> tx.webhooks().forAccount(accountId, taskId, beforeCreatedAt, beforeId, limit));
  }

  public WebhookDelivery delivery(String accountId, String deliveryId) {
    return transactor
        .inTransaction(tx -> tx.webhooks().find(deliveryId))
        .filter(d -> d.accountId().equals(accountId))
        .orElseThrow(() -> BackbeatException.notFound("no delivery with id '" + deliveryId + "'"));
  }

  public List<DeliveryAttempt> attempts(String deliveryId) {
    return transactor.inTransaction(tx -> tx.webhooks().attempts(deliveryId));
  }

  /** Queues a delivery again (same webhook-id and body), due now. */
  public WebhookDelivery redeliver(String accountId, String deliveryId) {
    delivery(accountId, deliveryId);
    transactor.useTransaction(tx -> tx.webhooks().redeliver(deliveryId, clock.instant()));
    return delivery(accountId, deliveryId);
  }
}
