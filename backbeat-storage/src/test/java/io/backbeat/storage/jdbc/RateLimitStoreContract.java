package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.store.RateLimitStore;
import io.backbeat.core.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Shared token buckets: burst at once, refilled at the rate, never more than burst, atomic under races. */
abstract class RateLimitStoreContract extends StoreContract {
  static final RateLimit THREE_A_SECOND_BURST_THREE = new RateLimit(3, 1);

  Optional<Duration> take(String key, RateLimit limit, Instant now) {
    return tx((Tx tx) -> tx.rateLimits().tryAcquire(key, limit, now));
  }

  RateLimitStore.Grant lease(String key, RateLimit limit, Instant now, long giveBack, long want) {
    return tx((Tx tx) -> tx.rateLimits().take(key, limit, now, giveBack, want));
  }

  @Test
  void a_batch_takes_what_the_bucket_has_up_to_what_was_asked() {
    RateLimit burstTen = new RateLimit(10, 2);
    assertThat(lease("k", burstTen, T0, 0, 4)).isEqualTo(new RateLimitStore.Grant(4, Duration.ZERO));
    assertThat(lease("k", burstTen, T0, 0, 4).granted()).isEqualTo(4);
    assertThat(lease("k", burstTen, T0, 0, 4).granted()).as("only two were left").isEqualTo(2);
    assertThat(lease("k", burstTen, T0, 0, 4)).isEqualTo(new RateLimitStore.Grant(0, Duration.ofMillis(500)));
    assertThat(take("k", burstTen, T0)).as("a single token sees the same bucket").hasValue(Duration.ofMillis(500));

    assertThat(lease("k", burstTen, T0.plusMillis(1_700), 0, 4).granted()).as("3 refilled in 1.7 s").isEqualTo(3);
    assertThat(lease("k", burstTen, T0.plusMillis(1_700), 0, 4)).isEqualTo(new RateLimitStore.Grant(0, Duration.ofMillis(300)));
  }

  @Test
  void tokens_given_back_can_be_taken_again_but_never_overfill_the_bucket() {
    RateLimit burstTen = new RateLimit(10, 2);
    assertThat(lease("k", burstTen, T0, 0, 10).granted()).isEqualTo(10);
    assertThat(lease("k", burstTen, T0, 3, 1).granted()).as("gave 3 back, took 1").isEqualTo(1);
    assertThat(lease("k", burstTen, T0, 0, 10).granted()).as("the other 2 given back").isEqualTo(2);
    assertThat(lease("k", burstTen, T0, 0, 1).granted()).isZero();

    // tokens handed back to a bucket that refilled meanwhile are lost: it holds its burst at most
    assertThat(lease("k", burstTen, T0.plusSeconds(60), 10, 1).granted()).isEqualTo(1);
    assertThat(lease("k", burstTen, T0.plusSeconds(60), 0, 100).granted()).isEqualTo(9);
  }

  @Test
  void concurrent_batches_on_one_key_hand_out_exactly_the_burst() throws Exception {
    RateLimit burstHundred = new RateLimit(100, 0.001);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<RateLimitStore.Grant>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 40; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return lease("create:shared", burstHundred, T0, 0, 7);
        }));
      }
      start.countDown();
      long granted = 0;
      for (Future<RateLimitStore.Grant> answer : answers) {
        granted += answer.get().granted();
      }
      assertThat(granted).isEqualTo(100);
    }
  }

  @Test
  void a_new_bucket_grants_its_burst_then_says_when_the_next_token_comes() {
    for (int i = 0; i < 3; i++) {
      assertThat(take("create:key_a", THREE_A_SECOND_BURST_THREE, T0)).as("request %d", i + 1).isEmpty();
    }
    assertThat(take("create:key_a", THREE_A_SECOND_BURST_THREE, T0)).hasValue(Duration.ofSeconds(1));
    assertThat(take("create:key_a", THREE_A_SECOND_BURST_THREE, T0.plusMillis(400))).hasValue(Duration.ofMillis(600));

    assertThat(take("create:key_a", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(1))).as("one token refilled").isEmpty();
    assertThat(take("create:key_a", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(1))).hasValue(Duration.ofSeconds(1));
  }

  @Test
  void refused_requests_do_not_use_up_tokens() {
    for (int i = 0; i < 3; i++) {
      take("k", THREE_A_SECOND_BURST_THREE, T0);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(take("k", THREE_A_SECOND_BURST_THREE, T0.plusMillis(100))).isPresent();
    }
    assertThat(take("k", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(2))).isEmpty();
    assertThat(take("k", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(2))).isEmpty();
    assertThat(take("k", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(2))).isPresent();
  }

  @Test
  void a_long_idle_spell_refills_no_more_than_the_burst() {
    take("k", THREE_A_SECOND_BURST_THREE, T0);
    Instant later = T0.plus(Duration.ofHours(1));
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += take("k", THREE_A_SECOND_BURST_THREE, later).isEmpty() ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(3);
  }

  @Test
  void keys_have_their_own_buckets_and_a_slow_rate_waits_longer() {
    RateLimit onceEveryTwoSeconds = new RateLimit(1, 0.5);
    assertThat(take("poll:key_a:task_1", onceEveryTwoSeconds, T0)).isEmpty();
    assertThat(take("poll:key_a:task_1", onceEveryTwoSeconds, T0)).hasValue(Duration.ofSeconds(2));
    assertThat(take("poll:key_a:task_2", onceEveryTwoSeconds, T0)).isEmpty();
    assertThat(take("poll:key_b:task_1", onceEveryTwoSeconds, T0)).isEmpty();
  }

  @Test
  void concurrent_requests_on_one_key_get_exactly_the_burst() throws Exception {
    RateLimit burstFive = new RateLimit(5, 0.001);
    int requests = 24;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<Duration>>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < requests; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return take("create:shared", burstFive, T0);
        }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Optional<Duration>> answer : answers) {
        allowed += answer.get().isEmpty() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(5);
    }
  }

  @Test
  void a_generous_limit_lets_concurrent_requests_from_many_clocks_through() throws Exception {
    RateLimit generous = new RateLimit(100_000, 100_000);
    List<Future<Optional<Duration>>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 400; i++) {
        Instant now = T0.plusNanos(1_000L * (i % 7)); // nodes' clocks a few microseconds apart
        answers.add(pool.submit(() -> take("create:busy", generous, now)));
      }
      for (Future<Optional<Duration>> answer : answers) {
        assertThat(answer.get()).isEmpty();
      }
    }
  }

  @Test
  void a_request_whose_clock_lags_counts_as_made_at_the_latest_time_seen() {
    RateLimit burstTwo = new RateLimit(2, 1);
    assertThat(take("k", burstTwo, T0.plusSeconds(2))).isEmpty();
    // read its clock 2 s ago, then stalled (or its node's clock is behind): one token was still left
    assertThat(take("k", burstTwo, T0)).as("the bucket had a second token").isEmpty();
    assertThat(take("k", burstTwo, T0)).hasValue(Duration.ofSeconds(1));
    assertThat(take("k", burstTwo, T0.plusSeconds(3))).isEmpty();
  }

  @Test
  void only_full_buckets_are_forgotten_and_a_forgotten_bucket_is_full() {
    take("used-up", THREE_A_SECOND_BURST_THREE, T0);
    take("used-up", THREE_A_SECOND_BURST_THREE, T0);
    take("used-up", THREE_A_SECOND_BURST_THREE, T0);
    take("refilled", THREE_A_SECOND_BURST_THREE, T0.minusSeconds(10));

    assertThat(tx((Tx tx) -> tx.rateLimits().deleteFull(T0.plusSeconds(1)))).isEqualTo(1);
    assertThat(take("used-up", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(1))).as("the used-up bucket was kept").isEmpty();
    assertThat(take("used-up", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(1))).isPresent();
    for (int i = 0; i < 3; i++) {
      assertThat(take("refilled", THREE_A_SECOND_BURST_THREE, T0.plusSeconds(1))).isEmpty();
    }
  }
}
