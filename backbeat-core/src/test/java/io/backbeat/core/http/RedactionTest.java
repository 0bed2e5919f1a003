package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void query_fragment_and_userinfo_are_dropped() {
    assertThat(Redaction.url("https://user:pw@hooks.example.com:8443/cb/suno?token=s3cr3t&x=1#frag"))
        .isEqualTo("https://hooks.example.com:8443/cb/suno");
  }

  @Test
  void a_url_without_port_or_path_keeps_what_it_has() {
    assertThat(Redaction.url("http://example.com")).isEqualTo("http://example.com");
    assertThat(Redaction.url("http://example.com/?sig=abc")).isEqualTo("http://example.com/");
  }

  @Test
  void pre_signed_download_urls_lose_their_signature() {
    String presigned = "https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Credential=AKIA%2F&X-Amz-Signature=deadbeef";

    assertThat(Redaction.url(presigned)).isEqualTo("https://bucket.s3.amazonaws.com/a.mp3").doesNotContain("AKIA");
  }

  @Test
  void an_unparseable_url_is_still_cut_at_the_query_and_userinfo() {
    assertThat(Redaction.url("http://us er:pw@exa mple.com/p a?token=1")).isEqualTo("http://exa mple.com/p a");
    assertThat(Redaction.url("http://exa_mple.com/x#token")).isEqualTo("http://exa_mple.com/x");
  }

  @Test
  void control_characters_cannot_forge_log_lines() {
    assertThat(Redaction.url("http://example.com/a\nINFO fake line")).doesNotContain("\n");
  }

  @Test
  void very_long_urls_are_shortened_and_null_is_named() {
    assertThat(Redaction.url("http://example.com/" + "a".repeat(500))).hasSize(201).endsWith("…");
    assertThat(Redaction.url(null)).isEqualTo("<none>");
  }
}
