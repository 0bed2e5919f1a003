package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {
  @Test
  void defaults_refuse_private_targets_unless_switched_on() {
    assertThat(EgressPolicy.defaults(false))
        .isEqualTo(new EgressPolicy(false, 1024 * 1024, Duration.ofSeconds(10), 5));
    assertThat(EgressPolicy.defaults(true).allowPrivate()).isTrue();
    assertThat(EgressPolicy.ALLOW_PRIVATE_ENV).isEqualTo("BACKBEAT_EGRESS_ALLOW_PRIVATE");
  }

  @Test
  void limits_must_be_sensible() {
    assertThatThrownBy(() -> EgressPolicy.defaults(false).withMaxResponseBytes(0))
        .hasMessage("maxResponseBytes must be positive, was 0");
    assertThatThrownBy(() -> EgressPolicy.defaults(false).withConnectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> EgressPolicy.defaults(false).withMaxRedirects(-1))
        .hasMessage("maxRedirects must not be negative, was -1");
    assertThat(EgressPolicy.defaults(false).withMaxRedirects(0).maxRedirects()).isZero();
  }
}
