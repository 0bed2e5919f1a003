package io.backbeat.core.webhook;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.WebhookSecrets;
import io.backbeat.core.store.Transactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox: claims due deliveries, POSTs each with Standard Webhooks headers, and
 * records every attempt. A delivery that fails is retried on the {@link RetrySchedule}; a 410 from the
 * receiver or an exhausted schedule ends it. Nothing here ever touches the task itself.
 */
public final class WebhookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BATCH = 32;

  private final Transactor transactor;
  private final WebhookTransport transport;
  private final RetrySchedule schedule;
  private final Duration timeout;
  private final InstantSource clock;
  private final String owner;
  private final Duration lease;

  public WebhookDispatcher(
      Transactor transactor,
      WebhookTransport transport,
      RetrySchedule schedule,
      Duration timeout,
      InstantSource clock,
      String owner) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.transport = requireNonNull(transport, "transport is null");
    this.schedule = requireNonNull(schedule, "schedule is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.owner = requireNonNull(owner, "owner is null");
    // long enough for one attempt plus bookkeeping; a crashed node's deliveries come back after it
    this.lease = timeout.multipliedBy(2).plusSeconds(5);
  }

  /** Delivers what is due now; returns how long the caller may wait before the next round. */
  public Duration runOnce() throws InterruptedException {
    Instant now = clock.instant();
    // woken for each delivery a transition enqueues: a short write that shares commits with the
    // transitions and creates around it (the deliveries' attempts do too, below)
    List<WebhookDelivery> due =
        transactor.inGroupCommit(tx -> tx.webhooks().claimDue(owner, now, now.plus(lease), BATCH));
    if (due.isEmpty()) {
      return Duration.ofSeconds(1);
    }
    // one read for the round's accounts rather than one per delivery (most rounds are one account)
    Map<String, Optional<WebhookSecrets>> secrets =
        transactor.read(
            tx -> {
              Map<String, Optional<WebhookSecrets>> byAccount = new HashMap<>();
              for (WebhookDelivery d : due) {
                byAccount.computeIfAbsent(d.accountId(), a -> tx.accounts().webhookSecrets(a));
              }
              return byAccount;
            });
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (WebhookDelivery delivery : due) {
        Optional<WebhookSecrets> accountSecrets = secrets.get(delivery.accountId());
        running.add(pool.submit(() -> deliverSafely(delivery, accountSecrets)));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          LOG.error("Webhook delivery crashed. Will be tried again later.", e.getCause());
        }
      }
    }
    return due.size() == BATCH ? Duration.ZERO : Duration.ofSeconds(1);
  }

  private void deliverSafely(WebhookDelivery delivery, Optional<WebhookSecrets> secrets) {
    try {
      deliver(delivery, secrets);
    } catch (RuntimeException e) {
      LOG.error("Webhook delivery {} failed unexpectedly. Will be tried again later.", delivery.id(), e);
    }
  }

  /** One attempt of one delivery, signed with its account's secrets read for this round, then its bookkeeping. */
  void deliver(WebhookDelivery delivery, Optional<WebhookSecrets> secrets) {
    Instant start = clock.instant();
    Integer status = null;
    String excerpt = null;
    String error = null;
    long startNanos = System.nanoTime();
    try {
      Map<String, String> headers =
          secrets
              .map(s -> StandardWebhookHeaders.signed(delivery.id(), start, delivery.body(), s))
              .orElseGet(() -> StandardWebhookHeaders.signed(delivery.id(), start, delivery.body(), List.of()));
      WebhookTransport.Response response =
          transport.post(delivery.url(), headers, delivery.body().getBytes(StandardCharsets.UTF_8), timeout);
      status = response.status();
      excerpt = response.excerpt();
    } catch (Exception e) {
      error = describe(e);
    }
    long latency = (System.nanoTime() - startNanos) / 1_000_000;
    int attemptNo = delivery.attempts() + 1;
    DeliveryAttempt attempt = new DeliveryAttempt(delivery.id(), attemptNo, start, status, latency, excerpt, error);

    WebhookDelivery.State next;
    Instant nextAt = null;
    if (attempt.succeeded()) {
      next = WebhookDelivery.State.DELIVERED;
    } else if (status != null && status == 410) {
      next = WebhookDelivery.State.DEAD; // the receiver told us to stop
    } else {
      Optional<Duration> delay = schedule.delayAfter(attemptNo);
      if (delay.isPresent()) {
        next = WebhookDelivery.State.PENDING;
        nextAt = clock.instant().plus(delay.get());
      } else {
        next = WebhookDelivery.State.DEAD;
      }
    }
    final WebhookDelivery.State state = next;
    final Instant at = nextAt;
    // the batch's deliveries end together: their bookkeeping shares commits
    transactor.inGroupCommit(
        tx -> {
          tx.webhooks().recordAttempt(attempt, state, at);
          return null;
        });
    if (attempt.succeeded()) {
      LOG.info("Webhook {} for task {} delivered (attempt {}, HTTP {}, {} ms)", delivery.id(), delivery.taskId(), attemptNo, status, latency);
    } else {
      LOG.warn(
          "Webhook {} for task {} not delivered (attempt {}, {}, {} ms); next: {}",
          delivery.id(), delivery.taskId(), attemptNo, status != null ? "HTTP " + status : error, latency,
          state == WebhookDelivery.State.PENDING ? "retry at " + at : "give up");
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null ? type : type + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
  }
}
