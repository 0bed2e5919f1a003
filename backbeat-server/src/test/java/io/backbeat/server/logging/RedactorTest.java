package io.backbeat.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.providers.kling.KlingJwt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kling secrets and signed tokens never leave the process in a log line or an error body. */
class RedactorTest {
  @Test
  void kling_secrets_and_jwts_are_masked_wherever_they_appear() {
    String jwt = KlingJwt.token("bbak_abc", "bbsk_0123456789abcdef", Instant.EPOCH, Instant.EPOCH.plusSeconds(60));

    String out = Redactor.redact("secret bbsk_0123456789abcdef token=" + jwt + " access key bbak_abc");

    assertThat(out).doesNotContain("bbsk_0123456789abcdef").doesNotContain(jwt).contains("bbsk_***").contains("eyJ***");
    assertThat(out).as("the access key names; it is not a secret").contains("bbak_abc");
  }
}
