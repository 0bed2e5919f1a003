package io.backbeat.providers.kling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.providers.relay.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The token Kling's clients sign, and what a receiver reads from it before trusting it. */
class KlingJwtTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void a_token_signed_like_the_relay_reads_back_with_its_issuer_and_window() {
    String token = new KlingJwt(Secret.of("ak-1"), Secret.of("sk-1"), Clock.fixed(NOW, ZoneOffset.UTC)).get();

    KlingJwt.Claims claims = KlingJwt.parse(token);

    assertThat(claims.issuer()).isEqualTo("ak-1");
    assertThat(claims.notBefore()).isEqualTo(NOW.minusSeconds(5));
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(1800));
    assertThat(claims.signedWith("sk-1")).isTrue();
    assertThat(claims.signedWith("sk-2")).isFalse();
  }

  @Test
  void a_changed_payload_no_longer_matches_its_signature() {
    String[] parts = KlingJwt.token("ak-1", "sk-1", NOW, NOW.plusSeconds(60)).split("\\.");
    String forged =
        Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"ak-1\",\"exp\":" + NOW.plusSeconds(99999).getEpochSecond() + "}").getBytes(UTF_8));

    assertThat(KlingJwt.parse(parts[0] + "." + forged + "." + parts[2]).signedWith("sk-1")).isFalse();
  }

  @Test
  void unsigned_or_malformed_tokens_are_refused_before_any_signature_check() {
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8));
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"iss\":\"ak-1\"}".getBytes(UTF_8));

    assertThatThrownBy(() -> KlingJwt.parse(none + "." + payload + ".x")).hasMessageContaining("HS256");
    assertThatThrownBy(() -> KlingJwt.parse("bb_live_abc")).hasMessageContaining("not a JWT");
    assertThatThrownBy(() -> KlingJwt.parse("a.b.c")).hasMessageContaining("base64url JSON");
  }
}
