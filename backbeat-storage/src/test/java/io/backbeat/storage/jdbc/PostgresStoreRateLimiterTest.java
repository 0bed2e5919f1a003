package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.ratelimit.StoreRateLimiter;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Leases over one PostgreSQL bucket: two limiters stand for two nodes (their own leases, one
 * database), on one settable clock, and every transaction they open is counted.
 */
class PostgresStoreRateLimiterTest extends StoreContract {
  /** Leases of 50 tokens (5 % of the burst, 50 ms of the rate). */
  static final RateLimit THOUSAND = new RateLimit(1_000, 1_000);

  final SettableClock clock = new SettableClock(T0);

  @Override
  Database openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }

  /** A transactor that counts the transactions (one statement each) opened through it. */
  static final class Counting implements Transactor {
    final Transactor delegate;
    final AtomicInteger transactions = new AtomicInteger();

    Counting(Transactor delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(Function<Tx, T> work) {
      transactions.incrementAndGet();
      return delegate.inTransaction(work);
    }
  }

  static int admitted(StoreRateLimiter limiter, String key, RateLimit limit, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      admitted += limiter.tryAcquire(key, limit).isEmpty() ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void lease_sizes_follow_the_limit() {
    assertThat(StoreRateLimiter.leaseSize(THOUSAND)).isEqualTo(50);
    assertThat(StoreRateLimiter.leaseSize(new RateLimit(100, 20))).as("the default create limit: 50 ms is one token").isEqualTo(1);
    assertThat(StoreRateLimiter.leaseSize(new RateLimit(20, 5))).as("the default poll limit").isEqualTo(1);
    assertThat(StoreRateLimiter.leaseSize(new RateLimit(100_000, 100))).as("50 ms of a slow rate").isEqualTo(5);
    assertThat(StoreRateLimiter.leaseSize(new RateLimit(200, 100_000))).as("5 % of a small burst").isEqualTo(10);
  }

  @Test
  void a_burst_costs_one_statement_per_lease_and_refusals_cost_none_until_a_token_is_due() {
    Counting counting = new Counting(transactor);
    StoreRateLimiter node = new StoreRateLimiter(counting, clock);

    assertThat(admitted(node, "create:k", THOUSAND, 1_000)).isEqualTo(1_000);
    assertThat(counting.transactions).as("1,000 requests, 20 leases of 50").hasValue(20);

    assertThat(node.tryAcquire("create:k", THOUSAND)).hasValue(Duration.ofMillis(1));
    assertThat(counting.transactions).hasValue(21);
    assertThat(admitted(node, "create:k", THOUSAND, 500)).isZero();
    assertThat(counting.transactions).as("refused locally until the next token is due").hasValue(21);

    clock.advance(Duration.ofMillis(1));
    assertThat(node.tryAcquire("create:k", THOUSAND)).as("the token that came back").isEmpty();
    assertThat(counting.transactions).hasValue(22);
  }

  @Test
  void two_nodes_together_get_the_burst_once() {
    StoreRateLimiter a = new StoreRateLimiter(transactor, clock);
    StoreRateLimiter b = new StoreRateLimiter(transactor, clock);
    int admitted = 0;
    for (int i = 0; i < 3_000; i++) {
      admitted += (i % 2 == 0 ? a : b).tryAcquire("create:k", THOUSAND).isEmpty() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(1_000);
  }

  @Test
  void two_nodes_under_concurrent_load_never_admit_more_than_the_burst() throws Exception {
    StoreRateLimiter a = new StoreRateLimiter(transactor, clock);
    StoreRateLimiter b = new StoreRateLimiter(transactor, clock);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        StoreRateLimiter node = t % 2 == 0 ? a : b;
        answers.add(pool.submit(() -> {
          start.await();
          return admitted(node, "create:k", THOUSAND, 400);
        }));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Integer> answer : answers) {
        admitted += answer.get();
      }
      // every thread keeps asking until refused, so no lease is left unspent either
      assertThat(admitted).isEqualTo(1_000);
    }
  }

  @Test
  void an_unspent_lease_is_all_a_key_can_be_short_of_and_refills_are_shared() {
    StoreRateLimiter a = new StoreRateLimiter(transactor, clock);
    StoreRateLimiter b = new StoreRateLimiter(transactor, clock);
    assertThat(a.tryAcquire("create:k", THOUSAND)).isEmpty(); // a holds the other 49 of its lease
    assertThat(admitted(b, "create:k", THOUSAND, 2_000)).as("all but a's lease").isEqualTo(950);
    assertThat(admitted(a, "create:k", THOUSAND, 49)).as("a spends its lease without asking").isEqualTo(49);

    clock.advance(Duration.ofMillis(100)); // 100 tokens back, for whichever node asks
    int admitted = 0;
    for (int i = 0; i < 1_000; i++) {
      admitted += (i % 2 == 0 ? a : b).tryAcquire("create:k", THOUSAND).isEmpty() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(100);
  }

  @Test
  void a_lease_older_than_its_lifetime_goes_back_to_the_bucket_and_is_spent_once() {
    RateLimit slow = new RateLimit(1_000, 100); // leases of 5; a second refills 100
    Counting counting = new Counting(transactor);
    StoreRateLimiter a = new StoreRateLimiter(counting, clock);
    StoreRateLimiter b = new StoreRateLimiter(transactor, clock);
    assertThat(a.tryAcquire("create:k", slow)).isEmpty(); // a holds 4
    assertThat(admitted(b, "create:k", slow, 2_000)).isEqualTo(995);

    clock.advance(StoreRateLimiter.LEASE_LIFETIME);
    assertThat(a.tryAcquire("create:k", slow)).isEmpty();
    assertThat(counting.transactions).as("the expired lease was not spent: a asked again").hasValue(2);
    // a handed its 4 back and took a fresh 5 (holding 4 again): 100 refilled + 4 - 5 remain for b
    assertThat(admitted(b, "create:k", slow, 2_000)).isEqualTo(99);
    assertThat(admitted(a, "create:k", slow, 10)).isEqualTo(4);
    assertThat(counting.transactions).as("a's last refusal").hasValue(3);
  }

  @Test
  void requests_queued_behind_a_failing_statement_fail_with_it() throws Exception {
    CountDownLatch inStatement = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    AtomicInteger transactions = new AtomicInteger();
    Transactor down =
        new Transactor() {
          @Override
          public <T> T inTransaction(Function<Tx, T> work) {
            transactions.incrementAndGet();
            inStatement.countDown();
            try {
              fail.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("database unreachable");
          }
        };
    StoreRateLimiter node = new StoreRateLimiter(down, clock);
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<?> first = pool.submit(() -> node.tryAcquire("create:k", THOUSAND));
      inStatement.await();
      AtomicReference<Thread> queued = new AtomicReference<>();
      Future<?> second = pool.submit(() -> {
        queued.set(Thread.currentThread());
        return node.tryAcquire("create:k", THOUSAND);
      });
      while (queued.get() == null || queued.get().getState() != Thread.State.WAITING) {
        Thread.onSpinWait(); // until it waits for the lease behind the first statement
      }
      fail.countDown();
      for (Future<?> request : List.of(first, second)) {
        assertThatThrownBy(request::get).hasRootCauseMessage("database unreachable");
      }
    }
    assertThat(transactions).as("the queued request did not wait out a statement of its own").hasValue(1);

    // once that is over, the next request asks the database again
    assertThatThrownBy(() -> node.tryAcquire("create:k", THOUSAND)).hasMessage("database unreachable");
    assertThat(transactions).hasValue(2);
  }

  @Test
  void one_token_buckets_stay_exact() {
    RateLimit poll = new RateLimit(3, 0.01);
    StoreRateLimiter a = new StoreRateLimiter(transactor, clock);
    StoreRateLimiter b = new StoreRateLimiter(transactor, clock);
    List<Boolean> allowed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      allowed.add((i % 2 == 0 ? b : a).tryAcquire("poll:k:task", poll).isEmpty());
    }
    assertThat(allowed).containsExactly(true, true, true, false, false, false);
  }
}
