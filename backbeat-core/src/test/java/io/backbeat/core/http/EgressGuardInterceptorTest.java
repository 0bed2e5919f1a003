package io.backbeat.core.http;

import static io.backbeat.core.http.TestResolver.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EgressGuardInterceptorTest {
  private final List<EgressRequest> sent = new CopyOnWriteArrayList<>();
  private final Transport transport = (request, call) -> {
    sent.add(request);
    return EgressResponse.of(request, 204, Headers.EMPTY, new byte[0]);
  };

  private static EgressGuardInterceptor guarded(EgressGuard.Resolver resolver) {
    return new EgressGuardInterceptor(new EgressGuard(EgressPolicy.defaults(false), resolver, address -> false));
  }

  @Test
  void the_request_goes_on_pinned_to_the_addresses_that_were_checked() throws Exception {
    TestResolver resolver = TestResolver.of(Map.of("cdn.test", List.of(ip("93.184.216.34"), ip("93.184.216.35"))));

    InterceptorChain.run(List.of(guarded(resolver)), transport, EgressRequest.builder("GET", "https://cdn.test/a.mp3").build());

    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.pin().addresses()).containsExactly(ip("93.184.216.34"), ip("93.184.216.35"));
      assertThat(r.pin().uri().getHost()).isEqualTo("cdn.test");
    });
    assertThat(resolver.calls("cdn.test")).isEqualTo(1);
  }

  @Test
  void a_refused_target_never_reaches_the_transport_and_was_not_sent() {
    TestResolver resolver = TestResolver.of(Map.of("evil.test", List.of(ip("169.254.169.254"))));
    EgressRequest request = EgressRequest.builder("POST", "http://evil.test/latest/meta-data").field("callBackUrl").body(new byte[] {1}).build();

    assertThatThrownBy(() -> InterceptorChain.run(List.of(guarded(resolver)), transport, request))
        .isInstanceOfSatisfying(EgressDeniedException.class, e -> assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT))
        .hasMessage("callBackUrl resolves to a link-local address (169.254.169.254); such targets are refused");
    assertThat(sent).isEmpty();
  }

  @Test
  void a_resolver_slower_than_the_call_is_a_timeout_before_sending() {
    CountDownLatch never = new CountDownLatch(1);
    EgressGuard.Resolver stuck = host -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(ip("93.184.216.34"));
    };
    EgressRequest request = EgressRequest.builder("GET", "https://slow.test/a.mp3?sig=s").field("uploadUrl").timeout(Duration.ofMillis(200)).build();

    assertThatThrownBy(() -> InterceptorChain.run(List.of(guarded(stuck)), transport, request))
        .isInstanceOfSatisfying(EgressTimeoutException.class, e -> assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT))
        .hasMessage("uploadUrl host was not resolved within 200 ms (https://slow.test/a.mp3)");
    assertThat(sent).isEmpty();
  }

  @Test
  void a_broken_resolver_is_a_network_failure_before_sending() {
    EgressGuard.Resolver broken = host -> {
      throw new IllegalStateException("resolver crashed");
    };
    EgressRequest request = EgressRequest.builder("GET", "https://cdn.test/a.mp3").field("uploadUrl").build();

    assertThatThrownBy(() -> InterceptorChain.run(List.of(guarded(broken)), transport, request))
        .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(SendFailures.isRetryable(e)).isTrue();
        })
        .hasMessage("uploadUrl host could not be resolved (https://cdn.test/a.mp3)");
  }
}
