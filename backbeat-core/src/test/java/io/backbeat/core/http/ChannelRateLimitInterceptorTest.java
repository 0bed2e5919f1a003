package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.http.ChannelRateLimitInterceptor.Rate;
import io.backbeat.core.ratelimit.InMemoryRateLimiter;
import io.backbeat.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Token buckets and upstream pauses on a clock the test moves; nothing ever sleeps. */
class ChannelRateLimitInterceptorTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<EgressResponse> next = new AtomicReference<>();
  private final Transport transport = (request, call) -> {
    sent.incrementAndGet();
    EgressResponse scripted = next.getAndSet(null);
    return scripted != null ? scripted : EgressResponse.of(request, 200, Headers.EMPTY, new byte[0]);
  };

  private EgressResponse call(ChannelRateLimitInterceptor limiter, String channel) throws Exception {
    EgressRequest request = EgressRequest.builder("POST", "https://api.test/generate").field("suno").channel(channel).body(new byte[] {1}).build();
    return InterceptorChain.run(List.of(limiter), transport, request);
  }

  private void answerNext(int status, Map<String, String> headers) {
    next.set(EgressResponse.of(EgressRequest.builder("POST", "https://api.test/generate").build(), status, Headers.of(headers), new byte[0]));
  }

  @Test
  void a_burst_passes_then_the_next_request_is_not_sent_and_names_its_retry_time() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(2, 3)));

    for (int i = 0; i < 3; i++) {
      assertThat(call(limiter, "suno").status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> call(limiter, "suno"))
        .isInstanceOfSatisfying(EgressRateLimitedException.class, e -> {
          assertThat(e.retryAt()).isEqualTo(T0.plusMillis(500));
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(e.method()).hasValue("POST");
        })
        .hasMessage("suno not sent: channel suno is over its rate of 2/s (burst 3); retry at 2026-12-01T10:00:00.500Z");
    assertThat(sent.get()).isEqualTo(3);
    assertThat(limiter.nextPermitAt("suno")).isEqualTo(T0.plusMillis(500));
  }

  @Test
  void nodes_sharing_a_limiter_share_the_channels_rate_between_them() throws Exception {
    // two nodes' interceptors over one limiter, as every node's over the database's buckets on PostgreSQL
    RateLimiter shared = new InMemoryRateLimiter(clock);
    ChannelRateLimitInterceptor nodeA = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(2, 3)), Optional.of(shared));
    ChannelRateLimitInterceptor nodeB = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(2, 3)), Optional.of(shared));

    call(nodeA, "suno");
    call(nodeB, "suno");
    call(nodeA, "suno");
    assertThatThrownBy(() -> call(nodeB, "suno"))
        .isInstanceOfSatisfying(EgressRateLimitedException.class, e -> {
          assertThat(e.retryAt()).isEqualTo(T0.plusMillis(500));
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
        });
    assertThat(sent.get()).as("the burst of 3 is the channel's, not each node's").isEqualTo(3);
    assertThat(nodeB.nextPermitAt("suno")).isEqualTo(T0.plusMillis(500));

    clock.advance(Duration.ofMillis(500));
    assertThat(nodeB.nextPermitAt("suno")).isEqualTo(T0.plusMillis(500));
    assertThat(call(nodeB, "suno").status()).isEqualTo(200);
    assertThatThrownBy(() -> call(nodeA, "suno")).isInstanceOf(EgressRateLimitedException.class);
    assertThat(sent.get()).isEqualTo(4);
  }

  @Test
  void tokens_come_back_at_the_sustained_rate() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(2, 1)));
    call(limiter, "suno");

    clock.advance(Duration.ofMillis(499));
    assertThatThrownBy(() -> call(limiter, "suno")).isInstanceOf(EgressRateLimitedException.class);
    clock.advance(Duration.ofMillis(1));
    assertThat(call(limiter, "suno").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(10)); // a quiet spell refills no more than the burst
    call(limiter, "suno");
    assertThatThrownBy(() -> call(limiter, "suno")).isInstanceOf(EgressRateLimitedException.class);
    assertThat(sent.get()).isEqualTo(3);
  }

  @Test
  void a_429_with_retry_after_seconds_pauses_the_channel_until_then() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(100, 100)));
    answerNext(429, Map.of("Retry-After", "20"));

    assertThat(call(limiter, "suno").status()).as("the 429 itself is an answer").isEqualTo(429);
    clock.advance(Duration.ofSeconds(19));
    assertThatThrownBy(() -> call(limiter, "suno"))
        .isInstanceOfSatisfying(EgressRateLimitedException.class, e -> assertThat(e.retryAt()).isEqualTo(T0.plusSeconds(20)))
        .hasMessage("suno not sent: channel suno was asked by its upstream to wait (HTTP 429); retry at 2026-12-01T10:00:20Z");
    clock.advance(Duration.ofSeconds(1));
    assertThat(call(limiter, "suno").status()).isEqualTo(200);
    assertThatThrownBy(() -> call(limiter, "suno")).as("after a pause the channel restarts at its rate, not in a burst")
        .isInstanceOf(EgressRateLimitedException.class);
  }

  @Test
  void a_429_with_an_http_date_pauses_until_that_date() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of());
    answerNext(429, Map.of("Retry-After", "Tue, 01 Dec 2026 10:02:00 GMT"));

    call(limiter, "kling");

    assertThat(limiter.nextPermitAt("kling")).isEqualTo(Instant.parse("2026-12-01T10:02:00Z"));
  }

  @Test
  void a_429_without_retry_after_pauses_for_the_default_backoff() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of());
    answerNext(429, Map.of());

    call(limiter, "kling");

    assertThat(limiter.nextPermitAt("kling")).isEqualTo(T0.plus(ChannelRateLimitInterceptor.DEFAULT_BACKOFF));
  }

  @Test
  void a_503_pauses_only_when_it_says_until_when() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of());
    answerNext(503, Map.of());
    call(limiter, "dashscope");
    assertThat(limiter.nextPermitAt("dashscope")).isEqualTo(T0);

    answerNext(503, Map.of("Retry-After", "5"));
    call(limiter, "dashscope");
    assertThat(limiter.nextPermitAt("dashscope")).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void a_very_long_retry_after_is_capped() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of());
    answerNext(429, Map.of("Retry-After", "9999999"));

    call(limiter, "suno");

    assertThat(limiter.nextPermitAt("suno")).isEqualTo(T0.plus(ChannelRateLimitInterceptor.MAX_BACKOFF));
  }

  @Test
  void other_channels_and_requests_without_a_channel_are_not_affected() throws Exception {
    ChannelRateLimitInterceptor limiter = new ChannelRateLimitInterceptor(clock, Map.of("suno", Rate.perSecond(1, 1)));
    answerNext(429, Map.of("Retry-After", "60"));
    call(limiter, "suno");

    assertThatThrownBy(() -> call(limiter, "suno")).isInstanceOf(EgressRateLimitedException.class);
    assertThat(call(limiter, "kling").status()).isEqualTo(200);
    assertThat(call(limiter, null).status()).isEqualTo(200);
    assertThat(call(limiter, null).status()).isEqualTo(200);
  }

  @Test
  void rates_are_checked() {
    assertThatThrownBy(() -> Rate.perSecond(0, 1)).hasMessage("permitsPerSecond must be positive, was 0.0");
    assertThatThrownBy(() -> Rate.perSecond(1, 0)).hasMessage("burst must be at least 1, was 0");
    assertThat(Rate.perMinute(30)).isEqualTo(new Rate(0.5, 30));
  }

  @Test
  void retry_after_reads_seconds_and_http_dates() {
    assertThat(RetryAfter.parse("120", T0)).hasValue(T0.plusSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", T0)).hasValue(T0);
    assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:30 GMT", T0)).hasValue(T0.plusSeconds(30));
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 10:00:30 GMT", T0)).as("a past date means now").hasValue(T0);
    assertThat(RetryAfter.parse("soon", T0)).isEmpty();
    assertThat(RetryAfter.parse("-5", T0)).isEmpty();
  }
}
