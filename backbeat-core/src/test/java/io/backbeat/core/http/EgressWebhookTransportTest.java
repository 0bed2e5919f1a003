package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.webhook.WebhookTransport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EgressWebhookTransportTest {
  private final LoopbackServer receiver = LoopbackServer.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void a_callback_is_posted_and_the_answer_returned() throws Exception {
    receiver.answer(exchange -> LoopbackServer.respond(exchange, 200, "thanks"));

    WebhookTransport.Response response;
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true))) {
      response = new EgressWebhookTransport(client)
          .post(receiver.url("/cb"), Map.of("webhook-id", "msg_1"), "{\"a\":1}".getBytes(UTF_8), Duration.ofSeconds(5));
    }

    assertThat(response).isEqualTo(new WebhookTransport.Response(200, "thanks"));
    LoopbackServer.RecordedRequest received = receiver.takeRequest();
    assertThat(received.headers()).containsEntry("webhook-id", "msg_1");
    assertThat(new String(received.body(), UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void a_refused_callback_names_the_callback_url_field() throws Exception {
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(false))) {
      WebhookTransport transport = new EgressWebhookTransport(client);

      assertThatThrownBy(() -> transport.post(receiver.url("/cb"), Map.of(), new byte[0], Duration.ofSeconds(5)))
          .isInstanceOf(EgressDeniedException.class)
          .hasMessage("callBackUrl resolves to a loopback address (127.0.0.1); such targets are refused");
    }
    assertThat(receiver.requestCount()).isZero();
  }
}
