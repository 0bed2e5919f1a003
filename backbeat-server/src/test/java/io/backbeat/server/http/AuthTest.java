package io.backbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bearer scan reads what the former {@code split("\\s+", 2)} did. */
class AuthTest {
  @Test
  void the_token_follows_bearer_in_any_case_and_any_run_of_whitespace() {
    assertThat(Auth.bearerToken("Bearer bb_live_abc")).isEqualTo("bb_live_abc");
    assertThat(Auth.bearerToken("bearer \t bb_live_abc")).isEqualTo("bb_live_abc");
    assertThat(Auth.bearerToken("BEARER bb_live_abc extra")).isEqualTo("bb_live_abc extra");
  }

  @Test
  void other_schemes_and_a_missing_token_are_refused() {
    assertThat(Auth.bearerToken("Bearer")).isNull();
    assertThat(Auth.bearerToken("Basic dXNlcjpwYXNz")).isNull();
    assertThat(Auth.bearerToken("Bearerx bb_live_abc")).isNull();
    assertThat(Auth.bearerToken("bb_live_abc")).isNull();
    assertThat(Auth.bearerToken("Bear bb_live_abc")).isNull();
  }
}
