package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.account.Account;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import io.backbeat.core.webhook.WebhookDelivery.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook outbox: leased like tasks, every attempt logged with the state change it causes. */
abstract class WebhookStoreContract extends StoreContract {
  static final String DISPATCHER = "node-a";
  static final String OTHER_DISPATCHER = "node-b";
  static final Duration LEASE = Duration.ofSeconds(60);

  Account account;
  Task task;
  int deliveries;

  @BeforeEach
  void createTask() {
    account = newAccount("acme");
    task = newQueuedTask(account, T0);
  }

  @Test
  void enqueue_then_find_round_trips_every_field() {
    WebhookDelivery delivery =
        new WebhookDelivery(
            "msg_1", task.id(), account.id(), "https://hooks.example.test/x", "task.succeeded", "{\"code\":200}",
            State.PENDING, 0, T0.plusMillis(1), T0, null, null);

    inTx(tx -> tx.webhooks().enqueue(delivery));

    assertThat(tx((Tx tx) -> tx.webhooks().find("msg_1"))).contains(delivery);
  }

  @Test
  void find_of_an_unknown_delivery_is_empty() {
    assertThat(tx((Tx tx) -> tx.webhooks().find("msg_unknown"))).isEmpty();
  }

  @Test
  void claim_leases_due_pending_deliveries_once() {
    WebhookDelivery delivery = newDelivery(T0);

    assertThat(claim(DISPATCHER, T0, 10)).containsExactly(delivery);
    assertThat(claim(OTHER_DISPATCHER, T0.plusSeconds(30), 10)).as("lease is live").isEmpty();
    assertThat(claim(OTHER_DISPATCHER, T0.plus(LEASE), 10)).as("live up to lease_until").isEmpty();
  }

  @Test
  void claim_skips_deliveries_not_yet_due() {
    WebhookDelivery delivery = newDelivery(T0.plusSeconds(5));

    assertThat(claim(DISPATCHER, T0.plusMillis(4_999), 10)).isEmpty();
    assertThat(claim(DISPATCHER, T0.plusSeconds(5), 10)).containsExactly(delivery);
  }

  @Test
  void claim_returns_deliveries_whose_lease_expired() {
    WebhookDelivery delivery = newDelivery(T0);
    claim(DISPATCHER, T0, 10);

    assertThat(claim(OTHER_DISPATCHER, T0.plus(LEASE).plusMillis(1), 10)).containsExactly(delivery);
  }

  @Test
  void claim_skips_delivered_and_dead_deliveries() {
    WebhookDelivery delivered = newDelivery(T0);
    WebhookDelivery dead = newDelivery(T0);
    claim(DISPATCHER, T0, 10);
    inTx(tx -> tx.webhooks().recordAttempt(answered(delivered, 1, 200), State.DELIVERED, null));
    inTx(tx -> tx.webhooks().recordAttempt(answered(dead, 1, 410), State.DEAD, null));

    assertThat(claim(OTHER_DISPATCHER, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void claim_takes_at_most_the_limit_in_due_order() {
    WebhookDelivery third = newDelivery(T0.minusSeconds(1));
    WebhookDelivery first = newDelivery(T0.minusSeconds(3));
    WebhookDelivery second = newDelivery(T0.minusSeconds(2));

    assertThat(claim(DISPATCHER, T0, 2)).containsExactly(first, second);
    assertThat(claim(DISPATCHER, T0, 2)).containsExactly(third);
  }

  @Test
  void concurrent_claimers_never_get_the_same_delivery() throws Exception {
    int count = 80;
    for (int i = 0; i < count; i++) {
      newDelivery(T0.minusMillis(i));
    }
    ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        String owner = "node-" + c;
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  List<WebhookDelivery> batch;
                  do {
                    batch = claim(owner, T0, 3);
                    batch.forEach(d -> claimed.add(d.id()));
                  } while (!batch.isEmpty());
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    }

    assertThat(claimed).doesNotHaveDuplicates().hasSize(count);
  }

  @Test
  void a_successful_attempt_marks_the_delivery_delivered_and_releases_it() {
    WebhookDelivery delivery = newDelivery(T0);
    claim(DISPATCHER, T0, 10);
    DeliveryAttempt attempt = answered(delivery, 1, 204);

    inTx(tx -> tx.webhooks().recordAttempt(attempt, State.DELIVERED, null));

    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.lastStatus()).isEqualTo(204);
    assertThat(stored.deliveredAt()).isEqualTo(attempt.at());
    assertThat(stored.nextAttemptAt()).isNull();
    assertThat(leaseOwner(delivery.id())).isNull();
    assertThat(tx((Tx tx) -> tx.webhooks().attempts(delivery.id()))).containsExactly(attempt);
  }

  @Test
  void a_failed_attempt_schedules_the_retry_and_releases_the_lease() {
    WebhookDelivery delivery = newDelivery(T0);
    claim(DISPATCHER, T0, 10);
    Instant retryAt = T0.plusSeconds(5);

    inTx(tx -> tx.webhooks().recordAttempt(answered(delivery, 1, 503), State.PENDING, retryAt));

    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.PENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.lastStatus()).isEqualTo(503);
    assertThat(stored.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(stored.deliveredAt()).isNull();
    assertThat(leaseOwner(delivery.id())).isNull();
    // claimable at the retry time although the first lease would still run until T0 + 60 s
    assertThat(claim(OTHER_DISPATCHER, retryAt.minusMillis(1), 10)).isEmpty();
    assertThat(claim(OTHER_DISPATCHER, retryAt, 10)).extracting(WebhookDelivery::id).containsExactly(delivery.id());
  }

  @Test
  void a_delivery_given_up_is_dead_and_never_claimed_again() {
    WebhookDelivery delivery = newDelivery(T0);
    claim(DISPATCHER, T0, 10);

    inTx(tx -> tx.webhooks().recordAttempt(unanswered(delivery, 1, "ConnectException: refused"), State.DEAD, T0.plusSeconds(5)));

    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.DEAD);
    assertThat(stored.lastStatus()).isNull();
    assertThat(stored.nextAttemptAt()).as("only a pending delivery has a next attempt").isNull();
    assertThat(claim(OTHER_DISPATCHER, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void attempts_are_listed_in_order_with_every_field() {
    WebhookDelivery delivery = newDelivery(T0);
    DeliveryAttempt first = unanswered(delivery, 1, "HttpTimeoutException: 15 s");
    DeliveryAttempt second = answered(delivery, 2, 500);
    DeliveryAttempt third = answered(delivery, 3, 200);
    inTx(tx -> tx.webhooks().recordAttempt(first, State.PENDING, T0.plusSeconds(5)));
    inTx(tx -> tx.webhooks().recordAttempt(second, State.PENDING, T0.plusSeconds(300)));
    inTx(tx -> tx.webhooks().recordAttempt(third, State.DELIVERED, null));

    assertThat(tx((Tx tx) -> tx.webhooks().attempts(delivery.id()))).containsExactly(first, second, third);
    assertThat(find(delivery.id()).attempts()).isEqualTo(3);
    assertThat(tx((Tx tx) -> tx.webhooks().attempts("msg_unknown"))).isEmpty();
  }

  @Test
  void an_attempt_and_its_state_change_commit_together_or_not_at_all() {
    WebhookDelivery delivery = newDelivery(T0);
    claim(DISPATCHER, T0, 10);

    assertThatThrownBy(
            () ->
                inTx(
                    tx -> {
                      tx.webhooks().recordAttempt(answered(delivery, 1, 200), State.DELIVERED, null);
                      throw new IllegalStateException("crash before commit");
                    }))
        .hasMessage("crash before commit");

    assertThat(tx((Tx tx) -> tx.webhooks().attempts(delivery.id()))).isEmpty();
    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.PENDING);
    assertThat(stored.attempts()).isZero();
    assertThat(leaseOwner(delivery.id())).isEqualTo(DISPATCHER);
  }

  @Test
  void an_attempt_on_a_delivery_no_longer_pending_is_logged_but_changes_nothing() {
    WebhookDelivery delivery = newDelivery(T0);
    inTx(tx -> tx.webhooks().recordAttempt(answered(delivery, 1, 200), State.DELIVERED, null));
    DeliveryAttempt late = answered(delivery, 1, 500);

    inTx(tx -> tx.webhooks().recordAttempt(late, State.PENDING, T0.plusSeconds(5)));

    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(tx((Tx tx) -> tx.webhooks().attempts(delivery.id()))).hasSize(2);
  }

  @Test
  void staying_pending_without_a_next_attempt_time_is_refused() {
    WebhookDelivery delivery = newDelivery(T0);

    assertThatThrownBy(() -> inTx(tx -> tx.webhooks().recordAttempt(answered(delivery, 1, 500), State.PENDING, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tx((Tx tx) -> tx.webhooks().attempts(delivery.id()))).isEmpty();
  }

  @Test
  void for_task_lists_the_deliveries_of_one_task_in_creation_order() {
    Task other = newQueuedTask(account, T0);
    WebhookDelivery first = enqueue(WebhookDelivery.pending("msg_b", task.id(), account.id(), "https://x.test", "text", "{}", T0));
    enqueue(WebhookDelivery.pending("msg_c", other.id(), account.id(), "https://x.test", "text", "{}", T0));
    WebhookDelivery second =
        enqueue(WebhookDelivery.pending("msg_a", task.id(), account.id(), "https://x.test", "complete", "{}", T0.plusSeconds(1)));

    assertThat(tx((Tx tx) -> tx.webhooks().forTask(task.id()))).containsExactly(first, second);
  }

  @Test
  void for_account_pages_deliveries_newest_first_and_filters_by_task() {
    Task other = newQueuedTask(account, T0);
    Account otherAccount = newAccount("other");
    Task foreign = newQueuedTask(otherAccount, T0);
    WebhookDelivery a = enqueue(WebhookDelivery.pending("msg_a", task.id(), account.id(), "https://x.test", "e", "{}", T0));
    WebhookDelivery b = enqueue(WebhookDelivery.pending("msg_b", other.id(), account.id(), "https://x.test", "e", "{}", T0));
    WebhookDelivery c = enqueue(WebhookDelivery.pending("msg_c", task.id(), account.id(), "https://x.test", "e", "{}", T0.plusSeconds(1)));
    enqueue(WebhookDelivery.pending("msg_d", foreign.id(), otherAccount.id(), "https://x.test", "e", "{}", T0.plusSeconds(2)));

    List<WebhookDelivery> page1 = tx((Tx tx) -> tx.webhooks().forAccount(account.id(), null, null, null, 2));
    List<WebhookDelivery> page2 = tx((Tx tx) -> tx.webhooks().forAccount(account.id(), null, page1.get(1).createdAt(), page1.get(1).id(), 2));

    assertThat(page1).containsExactly(c, b);
    assertThat(page2).containsExactly(a);
    assertThat(tx((Tx tx) -> tx.webhooks().forAccount(account.id(), task.id(), null, null, 10))).containsExactly(c, a);
  }

  @Test
  void redeliver_puts_a_finished_delivery_back_in_the_queue_due_now() {
    WebhookDelivery delivery = newDelivery(T0);
    inTx(tx -> tx.webhooks().recordAttempt(answered(delivery, 1, 200), State.DELIVERED, null));
    Instant now = T0.plusSeconds(600);

    assertThat(tx((Tx tx) -> tx.webhooks().redeliver(delivery.id(), now))).isTrue();

    WebhookDelivery stored = find(delivery.id());
    assertThat(stored.state()).isEqualTo(State.PENDING);
    assertThat(stored.nextAttemptAt()).isEqualTo(now);
    assertThat(stored.deliveredAt()).isNull();
    assertThat(stored.body()).isEqualTo(delivery.body());
    assertThat(stored.attempts()).as("attempt numbers continue").isEqualTo(1);
    assertThat(claim(DISPATCHER, now, 10)).extracting(WebhookDelivery::id).containsExactly(delivery.id());
    assertThat(tx((Tx tx) -> tx.webhooks().redeliver("msg_unknown", now))).isFalse();
  }

  @Test
  void enqueueing_an_existing_id_is_a_duplicate() {
    WebhookDelivery delivery = newDelivery(T0);

    assertThatThrownBy(() -> enqueue(delivery)).isInstanceOf(io.backbeat.core.store.DuplicateKeyException.class);
  }

  // ---- helpers ------------------------------------------------------------------------------

  WebhookDelivery newDelivery(Instant due) {
    deliveries++;
    return enqueue(
        new WebhookDelivery(
            "msg_" + deliveries, task.id(), account.id(), "https://hooks.example.test/" + deliveries, "task.updated",
            "{\"n\":" + deliveries + "}", State.PENDING, 0, due, T0, null, null));
  }

  WebhookDelivery enqueue(WebhookDelivery delivery) {
    inTx(tx -> tx.webhooks().enqueue(delivery));
    return delivery;
  }

  List<WebhookDelivery> claim(String owner, Instant now, int limit) {
    return tx(tx -> tx.webhooks().claimDue(owner, now, now.plus(LEASE), limit));
  }

  WebhookDelivery find(String id) {
    return tx(tx -> tx.webhooks().find(id)).orElseThrow();
  }

  static DeliveryAttempt answered(WebhookDelivery delivery, int attemptNo, int status) {
    return new DeliveryAttempt(delivery.id(), attemptNo, T0.plusSeconds(attemptNo), status, 120 + attemptNo, "{\"ok\":" + status + "}", null);
  }

  static DeliveryAttempt unanswered(WebhookDelivery delivery, int attemptNo, String error) {
    return new DeliveryAttempt(delivery.id(), attemptNo, T0.plusSeconds(attemptNo), null, 15_000, null, error);
  }

  /** The lease is not part of {@link WebhookDelivery}; read it directly. */
  String leaseOwner(String id) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT lease_owner FROM webhook_delivery WHERE id = :id").bind("id", id).mapTo(String.class).one());
  }
}
