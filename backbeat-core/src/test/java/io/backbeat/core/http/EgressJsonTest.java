package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSON in and out against a real loopback upstream: bodies, headers, methods, limits. */
class EgressJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer server = LoopbackServer.start();
  private final EgressHttpClient root = new EgressHttpClient(EgressPolicy.defaults(true));

  @AfterEach
  void stop() {
    root.close();
    server.close();
  }

  private EgressHttpClient upstream() {
    return root.newBuilder().baseUrl(server.url("/api/v1")).channel("suno").field("suno").build();
  }

  @Test
  void post_json_sends_the_full_body_and_returns_status_headers_and_the_parsed_answer() throws Exception {
    server.answer(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().set("X-Request-Id", "req-7");
      LoopbackServer.respond(exchange, 200, "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"5c79…\",\"title\":\"Überschall ♪\"}}");
    });
    ObjectNode body = JSON.createObjectNode().put("prompt", "lo-fi, 80 bpm ♪").put("customMode", false);
    body.putArray("tags").add("rain").add("night");

    JsonResponse response = upstream().postJson("/generate", body);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.isSuccessful()).isTrue();
    assertThat(response.headers().first("content-type")).hasValue("application/json; charset=utf-8");
    assertThat(response.headers().first("X-REQUEST-ID")).hasValue("req-7");
    assertThat(response.body().path("data").path("title").asText()).isEqualTo("Überschall ♪");
    LoopbackServer.RecordedRequest received = server.takeRequest();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.target()).isEqualTo("/api/v1/generate");
    assertThat(received.headers()).containsEntry("content-type", "application/json").containsEntry("accept", "application/json");
    assertThat(JSON.readTree(received.body())).isEqualTo(body);
  }

  @Test
  void get_json_and_the_other_methods_relays_need() throws Exception {
    server.answer(exchange -> LoopbackServer.respond(exchange, 200, "{\"method\":\"" + exchange.getRequestMethod() + "\"}"));
    EgressHttpClient client = upstream();

    assertThat(client.getJson("/generate/record-info?taskId=t1").body().path("method").asText()).isEqualTo("GET");
    assertThat(client.sendJson(client.newRequest("PUT", "/voices/v1").jsonBody(JSON.createObjectNode().put("name", "n")).build()).body().path("method").asText())
        .isEqualTo("PUT");
    assertThat(client.sendJson(client.newRequest("DELETE", "/tasks/t1").build()).body().path("method").asText()).isEqualTo("DELETE");
    assertThat(client.sendJson(client.newRequest("PATCH", "/tasks/t1").jsonBody(JSON.createObjectNode()).build()).status()).isEqualTo(200);

    assertThat(server.takeRequest().target()).isEqualTo("/api/v1/generate/record-info?taskId=t1");
    assertThat(server.takeRequest().body()).isEqualTo("{\"name\":\"n\"}".getBytes(UTF_8));
    assertThat(server.takeRequest().method()).isEqualTo("DELETE");
    assertThat(server.takeRequest().method()).isEqualTo("PATCH");
  }

  @Test
  void a_401_without_an_authentication_challenge_is_an_answer_not_an_exception() throws Exception {
    // upstream APIs answer a bad key like this; Jetty's own auth handler would throw instead
    server.answer(exchange -> LoopbackServer.respond(exchange, 401, "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}"));
    EgressHttpClient client = upstream();

    JsonResponse answer = client.getJson("/tasks/");
    JsonResponse posted = client.postJson("/generate", JSON.createObjectNode().put("prompt", "p"));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("code").asText()).isEqualTo("InvalidApiKey");
    assertThat(posted.status()).isEqualTo(401);
  }

  @Test
  void an_answer_over_the_limit_fails_clearly_as_a_response() {
    server.answer(exchange -> LoopbackServer.respond(exchange, 200, "{\"data\":\"" + "x".repeat(2000) + "\"}"));
    EgressHttpClient client = upstream().newBuilder().maxResponseBytes(1024).build();

    assertThatThrownBy(() -> client.getJson("/big?token=t"))
        .isInstanceOfSatisfying(EgressLimitException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE);
          assertThat(e.status()).hasValue(200);
        })
        .hasMessage("suno response is larger than the limit of 1024 bytes (" + server.url("/api/v1/big") + ")");
  }

  @Test
  void an_answer_without_a_length_is_counted_against_the_limit() {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked
      exchange.getResponseBody().write(("[" + "1,".repeat(5000) + "1]").getBytes(UTF_8));
    });
    EgressHttpClient client = upstream().newBuilder().maxResponseBytes(4096).build();

    assertThatThrownBy(() -> client.getJson("/chunked")).isInstanceOf(EgressLimitException.class)
        .hasMessage("suno response is larger than the limit of 4096 bytes (" + server.url("/api/v1/chunked") + ")");
  }

  @Test
  void the_default_limit_is_four_mib() {
    assertThat(upstream().newRequest("GET", "/x").build().maxResponseBytes()).isEqualTo(4L * 1024 * 1024);
  }

  @Test
  void a_2xx_answer_that_is_not_json_is_a_body_error_that_does_not_quote_the_body() {
    server.answer(exchange -> LoopbackServer.respond(exchange, 200, "<html>SECRET-ish page</html>"));

    assertThatThrownBy(() -> upstream().getJson("/generate"))
        .isInstanceOfSatisfying(EgressBodyException.class, e -> {
          assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE);
          assertThat(e.status()).hasValue(200);
        })
        .hasMessage("suno answered HTTP 200 with a body that is not JSON (" + server.url("/api/v1/generate") + ")");
  }

  @Test
  void an_error_page_that_is_not_json_is_answered_by_its_status() throws Exception {
    server.answer(exchange -> LoopbackServer.respond(exchange, 502, "<html>Bad Gateway</html>"));

    JsonResponse response = upstream().getJson("/generate");

    assertThat(response.status()).isEqualTo(502);
    assertThat(response.body().isMissingNode()).isTrue();
  }

  @Test
  void an_empty_answer_is_a_missing_node() throws Exception {
    server.answer(exchange -> LoopbackServer.respond(exchange, 204, ""));

    assertThat(upstream().sendJson(upstream().newRequest("DELETE", "/tasks/t1").build()).body().isMissingNode()).isTrue();
  }

  @Test
  void a_request_timeout_and_channel_default_from_the_client_and_can_be_overridden() {
    EgressHttpClient client = upstream().newBuilder().timeout(Duration.ofSeconds(7)).build();

    EgressRequest request = client.newRequest("GET", "/x").build();
    EgressRequest absolute = client.newRequest("GET", "https://cdn.example.com/a.mp3").timeout(Duration.ofMinutes(10)).channel(null).build();

    assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(request.channel()).hasValue("suno");
    assertThat(request.field()).isEqualTo("suno");
    assertThat(request.url()).isEqualTo(server.url("/api/v1/x"));
    assertThat(absolute.url()).isEqualTo("https://cdn.example.com/a.mp3");
    assertThat(absolute.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(absolute.channel()).isEmpty();
  }
}
