package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.http.FaultServer.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way an upstream call can fail, against real loopback servers, and what the client says about
 * each: could the request have been sent? The predicates a relay acts on are asserted for each case.
 */
class SendClassificationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectNode SUBMIT = JsonNodeFactory.instance.objectNode().put("prompt", "a rainy night");

  @TempDir Path dir;

  private final LoopbackServer server = LoopbackServer.start();
  private final EgressHttpClient root = new EgressHttpClient(EgressPolicy.defaults(true));

  @AfterEach
  void stop() {
    root.close();
    server.close();
  }

  private EgressHttpClient upstream(String baseUrl) {
    return root.newBuilder().baseUrl(baseUrl).channel("suno").field("suno").timeout(TIMEOUT).build();
  }

  // ---- NOT_SENT ----

  @Test
  void a_refused_connection_was_not_sent_and_may_fail_over() throws Exception {
    int port = FaultServer.closedPort();
    EgressHttpClient client = upstream("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> client.postJson("/api/v1/generate?key=k", SUBMIT))
        .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(SendFailures.wasSendStarted(e)).isFalse();
          assertThat(SendFailures.canFailOver(e)).isTrue();
          assertThat(SendFailures.isRetryable(e)).isTrue();
          assertThat(e.status()).isEmpty();
          assertThat(e.method()).hasValue("POST");
        })
        .hasMessageStartingWith("suno could not be reached (http://127.0.0.1:" + port + "/api/v1/generate): ");
  }

  @Test
  void a_host_that_does_not_resolve_was_not_sent() {
    EgressGuard guard = new EgressGuard(EgressPolicy.defaults(false), TestResolver.of(Map.of()), a -> false);
    EgressHttpClient client = root.newBuilder().guard(guard).baseUrl("http://nowhere.test").field("suno").build();

    assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
        .isInstanceOfSatisfying(EgressDeniedException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(SendFailures.canFailOver(e)).isTrue();
          assertThat(SendFailures.isRetryable(e)).isFalse();
        })
        .hasMessage("suno host nowhere.test cannot be resolved");
  }

  @Test
  void an_egress_denial_was_not_sent_and_is_not_retryable() throws Exception {
    EgressHttpClient client = root.newBuilder().guard(new EgressGuard(EgressPolicy.defaults(false))).baseUrl(server.url("")).field("suno").build();

    assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
        .isInstanceOfSatisfying(EgressDeniedException.class, e -> {
          assertThat(SendFailures.wasSendStarted(e)).isFalse();
          assertThat(SendFailures.canFailOver(e)).isTrue();
          assertThat(SendFailures.isRetryable(e)).isFalse();
        })
        .hasMessage("suno resolves to a loopback address (127.0.0.1); such targets are refused");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void a_request_over_its_channel_rate_was_not_sent_and_says_when_to_come_back() throws Exception {
    server.answer(exchange -> LoopbackServer.respond(exchange, 200, "{\"code\":200}"));
    SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
    EgressHttpClient client =
        root.newBuilder().baseUrl(server.url("")).channel("suno").field("suno").clock(clock)
            .rateLimit(ChannelRateLimitInterceptor.Rate.perSecond(0.5, 1)).build();

    assertThat(client.postJson("/api/v1/generate", SUBMIT).status()).isEqualTo(200);
    assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
        .isInstanceOfSatisfying(EgressRateLimitedException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-12-01T10:00:02Z"));
          assertThat(e.channel()).isEqualTo("suno");
          assertThat(SendFailures.canFailOver(e)).isTrue();
          assertThat(SendFailures.isRetryable(e)).isTrue();
        });
    assertThat(server.takeRequest().method()).isEqualTo("POST");
    assertThat(server.requestCount()).isZero();
  }

  // ---- SENT_NO_RESPONSE ----

  @Test
  void a_connection_dropped_before_the_server_read_the_request_may_still_have_been_sent() throws Exception {
    // The client cannot tell a server that dropped the request unread from one that acted and crashed.
    try (FaultServer faulty = FaultServer.start(Fault.DROP_BEFORE_READING)) {
      EgressHttpClient client = upstream(faulty.url(""));

      assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
          .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(SendFailures.wasSendStarted(e)).isTrue();
            assertThat(SendFailures.canFailOver(e)).isFalse();
            assertThat(SendFailures.isRetryable(e)).as("a POST is never resent blind").isFalse();
          })
          .hasMessageStartingWith("suno closed the connection before answering (" + faulty.url("/api/v1/generate") + "): ");
      faulty.received();

      assertThatThrownBy(() -> client.getJson("/api/v1/generate/record-info?taskId=t1"))
          .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(SendFailures.isRetryable(e)).as("a GET may be retried").isTrue();
          });
    }
  }

  @Test
  void a_connection_dropped_after_the_server_read_the_whole_request_is_sent_no_response() throws Exception {
    try (FaultServer faulty = FaultServer.start(Fault.DROP_AFTER_READING)) {
      EgressHttpClient client = upstream(faulty.url(""));

      assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
          .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(SendFailures.isRetryable(e)).isFalse();
            assertThat(e.status()).isEmpty();
          });

      // the upstream had the whole submit: it may well have acted on it
      assertThat(faulty.received()).startsWith("POST /api/v1/generate HTTP/1.1").endsWith("{\"prompt\":\"a rainy night\"}");
    }
  }

  @Test
  void an_answer_cut_off_mid_body_is_sent_no_response_with_the_status_of_its_head() throws Exception {
    try (FaultServer faulty = FaultServer.start(Fault.CUT_MID_BODY)) {
      EgressHttpClient client = upstream(faulty.url(""));

      assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
          .isInstanceOfSatisfying(EgressException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(e.status()).hasValue(200);
            assertThat(SendFailures.isRetryable(e)).isFalse();
          })
          .hasMessageContaining("suno")
          .hasMessageContaining(faulty.url("/api/v1/generate"));
    }
  }

  @Test
  void a_slow_answer_times_out_as_sent_no_response() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answer(exchange -> {
      release.await();
      LoopbackServer.respond(exchange, 200, "{}");
    });
    EgressHttpClient client = root.newBuilder().baseUrl(server.url("")).field("suno").timeout(Duration.ofMillis(300)).build();

    try {
      assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
          .isInstanceOfSatisfying(EgressTimeoutException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(SendFailures.isRetryable(e)).isFalse();
            assertThat(e.retryable()).isTrue();
          })
          .hasMessage("suno did not answer within 300 ms (" + server.url("/api/v1/generate") + ")");
    } finally {
      release.countDown();
    }
    assertThat(server.takeRequest().body()).isEqualTo("{\"prompt\":\"a rainy night\"}".getBytes(UTF_8));
  }

  // ---- RESPONSE ----

  @Test
  void a_5xx_is_an_answer_and_its_retry_depends_on_the_method() throws Exception {
    server.answer(exchange -> LoopbackServer.respond(exchange, exchange.getRequestURI().getPath().equals("/busy") ? 503 : 500, "{\"code\":500}"));
    EgressHttpClient client = upstream(server.url(""));

    JsonResponse failed = client.postJson("/boom", SUBMIT);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.body().path("code").asInt()).isEqualTo(500);
    assertThat(SendFailures.isRetryableStatus("POST", 500)).as("a 500 may come after the upstream acted").isFalse();
    assertThat(SendFailures.isRetryableStatus("GET", 500)).isTrue();
    assertThat(SendFailures.isRetryableStatus("POST", 503)).as("503: not accepting work").isTrue();
    assertThat(SendFailures.isRetryableStatus("POST", 400)).isFalse();

    // where a status is a failure (a download), it is a RESPONSE carrying that status
    assertThatThrownBy(() -> client.download("uploadUrl", server.url("/busy"), dir.resolve("a.mp3"), 1024, TIMEOUT))
        .isInstanceOfSatisfying(EgressStatusException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE);
          assertThat(e.status()).hasValue(503);
          assertThat(SendFailures.wasSendStarted(e)).isTrue();
          assertThat(SendFailures.isRetryable(e)).isTrue();
        })
        .hasMessage("uploadUrl answered HTTP 503 (" + server.url("/busy") + ")");
  }

  @Test
  void a_429_is_an_answer_and_pauses_its_channel_until_retry_after() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
    server.answer(exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "30");
      LoopbackServer.respond(exchange, 429, "{\"code\":429,\"msg\":\"slow down\"}");
    });
    EgressHttpClient client = root.newBuilder().baseUrl(server.url("")).channel("suno").field("suno").clock(clock)
        .rateLimit(ChannelRateLimitInterceptor.Rate.perSecond(10, 10)).build();

    JsonResponse limited = client.postJson("/api/v1/generate", SUBMIT);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().first("retry-after")).hasValue("30");
    assertThat(limited.retryAfter(clock.instant())).hasValue(Instant.parse("2026-12-01T10:00:30Z"));
    assertThat(SendFailures.isRetryableStatus("POST", 429)).isTrue();

    clock.advance(Duration.ofSeconds(29));
    assertThatThrownBy(() -> client.postJson("/api/v1/generate", SUBMIT))
        .isInstanceOfSatisfying(EgressRateLimitedException.class, e -> assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-12-01T10:00:30Z")))
        .hasMessage("suno not sent: channel suno was asked by its upstream to wait (HTTP 429); retry at 2026-12-01T10:00:30Z");
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.postJson("/api/v1/generate", SUBMIT).status()).isEqualTo(429);
    assertThat(server.requests()).hasSize(2);
  }

  // ---- the predicates on their own ----

  @Test
  void a_failure_we_did_not_classify_counts_as_possibly_sent() {
    IOException foreign = new IOException("something else");

    assertThat(SendFailures.classify(foreign)).isEqualTo(SendClassification.SENT_NO_RESPONSE);
    assertThat(SendFailures.wasSendStarted(foreign)).isTrue();
    assertThat(SendFailures.canFailOver(foreign)).isFalse();
    assertThat(SendFailures.isRetryable(foreign)).isFalse();
  }

  @Test
  void idempotent_methods_are_those_of_rfc_9110() {
    for (String method : List.of("GET", "HEAD", "PUT", "DELETE")) {
      assertThat(new EgressTimeoutException("t", null, SendClassification.SENT_NO_RESPONSE, method, -1).idempotent()).as(method).isTrue();
    }
    for (String method : List.of("POST", "PATCH")) {
      assertThat(new EgressTimeoutException("t", null, SendClassification.SENT_NO_RESPONSE, method, -1).idempotent()).as(method).isFalse();
    }
    assertThat(new EgressDeniedException("d").idempotent()).isFalse();
  }
}
