package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressRequestTest {
  @Test
  void a_request_is_immutable_and_changed_through_a_builder() {
    byte[] body = "{\"a\":1}".getBytes(UTF_8);
    EgressRequest request = EgressRequest.builder("post", "https://api.test/v1").body(body, "application/json").channel("suno").build();
    body[0] = 'X';
    request.body().orElseThrow()[1] = 'Y';

    EgressRequest changed = request.newBuilder().url("https://api.test/v2").header("X-Trace", "t").build();

    assertThat(request.method()).isEqualTo("POST");
    assertThat(new String(request.body().orElseThrow(), UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(request.headers().names()).containsExactly("content-type");
    assertThat(changed.url()).isEqualTo("https://api.test/v2");
    assertThat(changed.headers().names()).containsExactly("content-type", "x-trace");
    assertThat(changed.channel()).hasValue("suno");
    assertThat(request.timeout()).isEqualTo(EgressRequest.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.field()).isEqualTo("url");
  }

  @Test
  void its_description_shows_no_header_value_body_or_query() {
    EgressRequest request =
        EgressRequest.builder("PUT", "https://user:pw@api.test/v1/x?key=QUERY").header("Authorization", "Bearer TOKEN").body("BODY".getBytes(UTF_8)).build();

    assertThat(request.toString()).isEqualTo("PUT https://api.test/v1/x");
    assertThat(request.headers().toString()).isEqualTo("Headers[authorization]");
  }

  @Test
  void refusals_name_what_is_wrong_without_echoing_values() {
    assertThatThrownBy(() -> EgressRequest.builder("CONNECT", "https://api.test/")).hasMessage("method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, was CONNECT");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").header("Content-Length", "5")).hasMessage("header Content-Length is set by the client itself");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").header("X-Token", "abc\r\nHost: evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header X-Token has a line break or NUL in its value");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").header("Bad Name", "v")).hasMessage("header name contains a character that is not allowed");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").body(new byte[1]).build()).hasMessage("GET requests carry no body");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").timeout(Duration.ZERO)).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> EgressRequest.builder("GET", "https://api.test/").maxResponseBytes(0)).hasMessage("maxResponseBytes must be positive, was 0");
  }

  @Test
  void header_names_compare_without_case_and_keep_every_value() {
    Headers headers = Headers.ofLists(Map.of("Set-Cookie", List.of("a=1", "b=2")));

    assertThat(headers.all("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(headers.first("SET-COOKIE")).hasValue("a=1");
    assertThat(Headers.of(Map.of("Retry-After", "5")).with("retry-after", "6").all("Retry-After")).containsExactly("6");
    assertThat(headers.without("set-cookie").names()).isEmpty();
  }
}
