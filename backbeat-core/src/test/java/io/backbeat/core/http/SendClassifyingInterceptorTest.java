package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures that no interceptor of ours classified get classified from what the transport recorded. */
class SendClassifyingInterceptorTest {
  private final EgressRequest request = EgressRequest.builder("POST", "https://api.test/v1/generate?key=k").field("suno").body(new byte[] {1}).build();

  @Test
  void a_foreign_failure_before_anything_was_sent_is_not_sent() {
    Interceptor signer = chain -> {
      throw new IOException("could not read the signing key");
    };
    Transport transport = (r, call) -> {
      throw new AssertionError("never reached");
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new SendClassifyingInterceptor(), signer), transport, request))
        .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.NOT_SENT);
          assertThat(e.getCause()).hasMessage("could not read the signing key");
          assertThat(e.method()).hasValue("POST");
        })
        .hasMessage("suno call failed (https://api.test/v1/generate): IOException");
  }

  @Test
  void a_foreign_failure_after_sending_began_is_sent_no_response() {
    Transport transport = (r, call) -> {
      call.markSendStarted();
      throw new SocketTimeoutException("read timed out");
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new SendClassifyingInterceptor()), transport, request))
        .isInstanceOfSatisfying(EgressTimeoutException.class, e -> assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE))
        .hasMessage("suno timed out (https://api.test/v1/generate): SocketTimeoutException");
  }

  @Test
  void a_foreign_failure_after_a_response_keeps_its_status_and_stays_unknown() {
    Interceptor validator = chain -> {
      chain.proceed(chain.request()).close();
      throw new IOException("answer failed validation");
    };
    Transport transport = (r, call) -> {
      call.markSendStarted();
      call.markStatus(200);
      return EgressResponse.of(r, 200, Headers.EMPTY, new byte[0]);
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new SendClassifyingInterceptor(), validator), transport, request))
        .isInstanceOfSatisfying(EgressNetworkException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
          assertThat(e.status()).hasValue(200);
        });
  }

  @Test
  void classified_failures_pass_unchanged() {
    EgressDeniedException denied = new EgressDeniedException("suno must be an http or https URL");
    Transport transport = (r, call) -> {
      throw denied;
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new SendClassifyingInterceptor()), transport, request)).isSameAs(denied);
  }
}
