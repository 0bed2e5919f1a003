package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A key only ever sees its own account's tasks and deliveries; other ids are 404 on every route. */
class IsolationTest {

  @Test
  void another_accounts_task_and_delivery_answer_404_everywhere() throws Exception {
    try (TestServer server = TestServer.start();
        CallbackReceiver receiver = new CallbackReceiver()) {
      String body = "{\"prompt\":\"private\",\"callBackUrl\":\"" + receiver.url("/iso") + "\"}";
      String taskId = json(server.post("/suno/generate-lyrics", body)).path("data").path("taskId").asText();
      server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));
      String deliveryId = receiver.take(Duration.ofSeconds(10)).header("webhook-id");

      String stranger = server.newAccountKey("stranger");
      assertThat(server.get("/suno/query/lyrics?taskId=" + taskId, stranger).statusCode()).isEqualTo(404);
      assertThat(server.get("/suno/query/task?taskId=" + taskId, stranger).statusCode()).isEqualTo(404);
      assertThat(server.get("/v1/tasks/" + taskId, stranger).statusCode()).isEqualTo(404);
      assertThat(server.post("/v1/tasks/" + taskId + "/cancel", "", stranger).statusCode()).isEqualTo(404);
      assertThat(server.get("/v1/tasks/" + taskId + "/events", stranger).statusCode()).isEqualTo(404);
      assertThat(server.get("/v1/webhooks/deliveries/" + deliveryId, stranger).statusCode()).isEqualTo(404);
      assertThat(server.post("/v1/webhooks/deliveries/" + deliveryId + "/redeliver", "", stranger).statusCode()).isEqualTo(404);
      assertThat(json(server.get("/v1/tasks", stranger)).path("data")).isEmpty();
      assertThat(json(server.get("/v1/webhooks/deliveries", stranger)).path("data")).isEmpty();
      assertThat(json(server.get("/v1/webhooks/deliveries?taskId=" + taskId, stranger)).path("data")).isEmpty();
      JsonNode error = json(server.get("/v1/tasks/" + taskId, stranger));
      assertThat(error.path("error").path("code").asText()).isEqualTo("NOT_FOUND");

      // the owner still sees everything
      assertThat(server.get("/v1/tasks/" + taskId).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/webhooks/deliveries/" + deliveryId).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void native_routes_require_a_key() throws Exception {
    try (TestServer server = TestServer.start()) {
      assertThat(server.get("/v1/tasks", null).statusCode()).isEqualTo(401);
      assertThat(json(server.get("/v1/account", null)).path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
    }
  }
}
