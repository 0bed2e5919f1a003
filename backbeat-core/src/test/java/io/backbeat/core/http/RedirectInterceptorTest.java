package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Redirects with a scripted transport: what is followed, how far, and which headers come along. */
class RedirectInterceptorTest {
  private final List<EgressRequest> sent = new CopyOnWriteArrayList<>();
  private final List<EgressResponse> answers = new CopyOnWriteArrayList<>();

  private Transport answering(Function<String, EgressResponse> byUrl) {
    return (request, call) -> {
      sent.add(request);
      EgressResponse response = byUrl.apply(request.url());
      answers.add(response);
      return response;
    };
  }

  private static EgressResponse redirect(String location) {
    return EgressResponse.of(EgressRequest.builder("GET", "http://x.test/").build(), 302, Headers.of(Map.of("Location", location)), new byte[0]);
  }

  private static EgressResponse ok() {
    return EgressResponse.of(EgressRequest.builder("GET", "http://x.test/").build(), 200, Headers.EMPTY, "done".getBytes());
  }

  @Test
  void get_redirects_are_followed_and_every_intermediate_answer_is_closed() throws Exception {
    Transport transport = answering(url -> switch (url) {
      case "https://api.test/a" -> redirect("/b");
      case "https://api.test/b" -> redirect("https://api.test/c?x=1");
      default -> ok();
    });

    EgressResponse response = InterceptorChain.run(List.of(new RedirectInterceptor(5)), transport, EgressRequest.builder("GET", "https://api.test/a").field("uploadUrl").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(sent).extracting(EgressRequest::url).containsExactly("https://api.test/a", "https://api.test/b", "https://api.test/c?x=1");
    assertThat(sent).extracting(EgressRequest::field).containsExactly("uploadUrl", "uploadUrl redirect", "uploadUrl redirect");
    assertThat(answers.subList(0, 2)).allSatisfy(r -> assertThat(r.isClosed()).isTrue());
  }

  @Test
  void other_methods_are_never_followed() throws Exception {
    Transport transport = answering(url -> redirect("https://elsewhere.test/"));

    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      EgressResponse response = InterceptorChain.run(List.of(new RedirectInterceptor(5)), transport, EgressRequest.builder(method, "https://api.test/a").build());
      assertThat(response.status()).as(method).isEqualTo(302);
    }
    assertThat(sent).hasSize(4).allSatisfy(r -> assertThat(r.url()).isEqualTo("https://api.test/a"));
  }

  @Test
  void a_hop_to_another_origin_keeps_only_harmless_headers() throws Exception {
    Transport transport = answering(url -> url.startsWith("https://api.test/") ? redirect("https://bucket.storage.test/a.mp3?X-Amz-Signature=s") : ok());
    EgressRequest request =
        EgressRequest.builder("GET", "https://api.test/assets/1")
            .header("Authorization", "Bearer secret")
            .header("X-Api-Key", "secret")
            .header("Cookie", "s=1")
            .header("Accept", "audio/mpeg")
            .header("User-Agent", "Backbeat-Relay/1")
            .build();

    InterceptorChain.run(List.of(new RedirectInterceptor(5)), transport, request);

    assertThat(sent.get(0).headers().names()).contains("authorization", "x-api-key", "cookie");
    assertThat(sent.get(1).headers().names()).containsExactly("accept", "user-agent");
  }

  @Test
  void a_hop_within_the_origin_keeps_every_header() throws Exception {
    Transport transport = answering(url -> url.endsWith("/old") ? redirect("https://API.test:443/new") : ok());
    EgressRequest request = EgressRequest.builder("GET", "https://api.test/old").header("X-Api-Key", "k").build();

    InterceptorChain.run(List.of(new RedirectInterceptor(5)), transport, request);

    assertThat(sent.get(1).headers().first("x-api-key")).hasValue("k");
  }

  @Test
  void too_many_redirects_fail_as_an_answer_past_a_limit() {
    Transport transport = answering(url -> redirect(url + "x"));

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new RedirectInterceptor(1)), transport, EgressRequest.builder("GET", "https://api.test/a?token=t").field("uploadUrl").build()))
        .isInstanceOfSatisfying(EgressLimitException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE);
          assertThat(e.status()).hasValue(302);
        })
        .hasMessage("uploadUrl redirected more than 1 times (last hop: https://api.test/a)");
    assertThat(sent).hasSize(2);
  }

  @Test
  void a_redirect_without_a_location_is_the_answer() throws Exception {
    Transport transport = answering(url -> EgressResponse.of(EgressRequest.builder("GET", url).build(), 301, Headers.EMPTY, new byte[0]));

    assertThat(InterceptorChain.run(List.of(new RedirectInterceptor(5)), transport, EgressRequest.builder("GET", "https://api.test/a").build()).status()).isEqualTo(301);
    assertThat(sent).hasSize(1);
  }
}
