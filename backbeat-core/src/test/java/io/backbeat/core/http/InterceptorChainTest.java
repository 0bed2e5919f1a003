package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The chain's own contract, with a fake transport: order, and the messages that name a broken interceptor. */
class InterceptorChainTest {
  private final List<EgressRequest> sent = new CopyOnWriteArrayList<>();
  private final List<EgressResponse> answers = new CopyOnWriteArrayList<>();
  private final Transport transport = (request, call) -> {
    sent.add(request);
    EgressResponse response = EgressResponse.of(request, 200, Headers.EMPTY, "ok".getBytes(UTF_8));
    answers.add(response);
    return response;
  };
  private final EgressRequest request = EgressRequest.builder("GET", "http://upstream.test/v1/tasks").build();

  /** An interceptor with a readable name, as the chain's messages print it. */
  private record Named(String name, Interceptor body) implements Interceptor {
    @Override
    public EgressResponse intercept(Chain chain) throws IOException {
      return body.intercept(chain);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void interceptors_run_in_list_order_and_each_sees_the_request_the_previous_one_passed_on() throws Exception {
    List<String> trace = new ArrayList<>();
    Interceptor first = chain -> {
      trace.add("first sees " + chain.request().headers().names());
      return chain.proceed(chain.request().newBuilder().header("X-First", "1").build());
    };
    Interceptor second = chain -> {
      trace.add("second sees " + chain.request().headers().names());
      EgressResponse response = chain.proceed(chain.request().newBuilder().header("X-Second", "2").build());
      trace.add("second got HTTP " + response.status());
      return response;
    };

    EgressResponse response = InterceptorChain.run(List.of(first, second), transport, request);

    assertThat(response.status()).isEqualTo(200);
    assertThat(trace).containsExactly("first sees []", "second sees [x-first]", "second got HTTP 200");
    assertThat(sent).singleElement().satisfies(r -> assertThat(r.headers().names()).containsExactly("x-first", "x-second"));
  }

  @Test
  void an_interceptor_that_proceeds_twice_fails_naming_itself() {
    Interceptor twice = new Named("TwiceInterceptor", chain -> {
      chain.proceed(chain.request()).close();
      return chain.proceed(chain.request());
    });

    assertThatThrownBy(() -> InterceptorChain.run(List.of(twice), transport, request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interceptor TwiceInterceptor must call proceed() exactly once");
    assertThat(sent).hasSize(1);
  }

  @Test
  void an_interceptor_that_answers_without_proceeding_fails_naming_itself() {
    Interceptor shortCircuit = new Named("CachingInterceptor", chain -> EgressResponse.of(chain.request(), 200, Headers.EMPTY, new byte[0]));

    assertThatThrownBy(() -> InterceptorChain.run(List.of(shortCircuit), transport, request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interceptor CachingInterceptor returned a response without calling proceed()");
    assertThat(sent).isEmpty();
  }

  @Test
  void an_interceptor_that_returns_null_fails_naming_itself() {
    Interceptor nothing = new Named("NullInterceptor", chain -> {
      chain.proceed(chain.request()).close();
      return null;
    });

    assertThatThrownBy(() -> InterceptorChain.run(List.of(nothing), transport, request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interceptor NullInterceptor returned null");
  }

  @Test
  void an_interceptor_may_throw_instead_of_proceeding() {
    Interceptor refuse = chain -> {
      throw new EgressDeniedException("url refused");
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(refuse), transport, request)).isInstanceOf(EgressDeniedException.class).hasMessage("url refused");
    assertThat(sent).isEmpty();
  }

  @Test
  void a_follow_up_interceptor_may_proceed_again_after_closing_each_response() throws Exception {
    Interceptor.FollowUp thrice = new Interceptor.FollowUp() {
      @Override
      public int maxProceeds() {
        return 3;
      }

      @Override
      public EgressResponse intercept(Chain chain) throws IOException {
        chain.proceed(chain.request()).close();
        chain.proceed(chain.request()).close();
        return chain.proceed(chain.request());
      }
    };

    assertThat(InterceptorChain.run(List.of(thrice), transport, request).status()).isEqualTo(200);
    assertThat(sent).hasSize(3);
  }

  @Test
  void a_follow_up_interceptor_must_close_the_previous_response_first() {
    Interceptor.FollowUp leaky = new LeakyFollowUp(5);

    assertThatThrownBy(() -> InterceptorChain.run(List.of(leaky), transport, request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interceptor LeakyFollowUp must close the previous response before calling proceed() again");
    assertThat(answers).hasSize(1).allSatisfy(r -> assertThat(r.isClosed()).as("the leaked response is closed by the chain").isTrue());
  }

  @Test
  void a_follow_up_interceptor_may_not_proceed_more_often_than_it_declared() {
    Interceptor.FollowUp greedy = new Interceptor.FollowUp() {
      @Override
      public int maxProceeds() {
        return 2;
      }

      @Override
      public EgressResponse intercept(Chain chain) throws IOException {
        while (true) {
          chain.proceed(chain.request()).close();
        }
      }

      @Override
      public String toString() {
        return "GreedyFollowUp";
      }
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(greedy), transport, request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interceptor GreedyFollowUp called proceed() more than 2 times");
    assertThat(sent).hasSize(2);
  }

  @Test
  void the_whole_call_shares_one_deadline() throws Exception {
    List<Duration> seen = new ArrayList<>();
    Interceptor look = chain -> {
      seen.add(chain.remaining());
      return chain.proceed(chain.request());
    };
    EgressRequest timed = request.newBuilder().timeout(Duration.ofSeconds(5)).build();

    InterceptorChain.run(List.of(look, look), transport, timed);

    assertThat(seen).hasSize(2).allSatisfy(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5)));
    assertThat(seen.get(1)).isLessThanOrEqualTo(seen.get(0));
  }

  @Test
  void the_real_transport_refuses_a_request_that_did_not_pass_the_guard() {
    try (JettyTransport jetty = new JettyTransport(EgressPolicy.defaults(true))) {
      assertThatThrownBy(() -> InterceptorChain.run(List.of(), jetty, EgressRequest.builder("GET", "http://127.0.0.1:9/x?token=t").build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("GET http://127.0.0.1:9/x reached the transport without passing the egress guard for its URL");
    }
  }

  private static final class LeakyFollowUp implements Interceptor.FollowUp {
    private final int max;

    LeakyFollowUp(int max) {
      this.max = max;
    }

    @Override
    public int maxProceeds() {
      return max;
    }

    @Override
    public EgressResponse intercept(Chain chain) throws IOException {
      chain.proceed(chain.request()); // not closed
      return chain.proceed(chain.request());
    }

    @Override
    public String toString() {
      return "LeakyFollowUp";
    }
  }
}
