package io.backbeat.server.dialect.dashscope;

import static io.backbeat.server.dialect.dashscope.DashScopeTesting.ASYNC;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.TASKS;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.TIME;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.VIDEO;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.assertError;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.dashscope;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.videoBody;
import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PENDING and CANCELED on an API-only node, where tasks stay as created: the PENDING shape, cancel
 * of a PENDING task, and the refusal to cancel it twice (contract-media.md §3.2, §3.4); and the
 * create-time refusals of the error table that need prices, a content policy or the egress guard.
 */
class DashScopePendingTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        DashScopeTesting.start(
            Map.of("BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_PRICES", "IMAGE=5,VIDEO=20", "BACKBEAT_BLOCKED_TERMS", "forbiddenword",
                "BACKBEAT_EGRESS_ALLOW_PRIVATE", "false"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> fields(JsonNode node) {
    List<String> fields = new ArrayList<>();
    node.fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  @Test
  void a_pending_task_shows_its_submit_time_and_can_be_canceled_once() {
    HttpResponse<String> created = server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"snow\"}", "{\"size\":\"832*480\"}"), server.apiKey, ASYNC);
    String taskId = dashscope(created).path("output").path("task_id").asText();

    JsonNode pending = dashscope(server.get(TASKS + "/" + taskId));
    JsonNode output = pending.path("output");
    assertThat(output.path("task_status").asText()).isEqualTo("PENDING");
    assertThat(output.path("submit_time").asText()).matches(TIME);
    assertThat(fields(output)).containsExactlyInAnyOrder("task_id", "task_status", "submit_time");
    assertThat(pending.has("usage")).isFalse();

    HttpResponse<String> canceled = server.post(TASKS + "/" + taskId + "/cancel", "");
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(fields(dashscope(canceled))).containsExactly("request_id");

    JsonNode after = dashscope(server.get(TASKS + "/" + taskId)).path("output");
    assertThat(after.path("task_status").asText()).isEqualTo("CANCELED");
    assertThat(after.path("end_time").asText()).matches(TIME);
    assertThat(after.has("code")).isFalse();
    assertThat(json(server.get("/v1/tasks/" + taskId)).path("status").asText()).isEqualTo("canceled");

    assertError(server.post(TASKS + "/" + taskId + "/cancel", ""), 400, "UnsupportedOperation",
        "Failed to cancel the task, please confirm if the task is in PENDING status.");
    assertError(server.post(TASKS + "/no-such-task/cancel", ""), 400, "UnsupportedOperation", "PENDING status");
  }

  @Test
  void a_blocked_prompt_is_data_inspection_failed() {
    assertError(server.post(DashScopeTesting.IMAGE, DashScopeTesting.imageBody("qwen-image-plus", "a forbiddenword poster", null)),
        400, "DataInspectionFailed", "");
    assertError(server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"forbiddenword at night\"}", null), server.apiKey, ASYNC),
        400, "DataInspectionFailed", "");
  }

  @Test
  void a_metered_account_without_credits_is_arrearage() {
    String broke = server.newMeteredAccountKey("dashscope-broke", 1);
    assertError(server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"a long film\"}", null), broke, ASYNC),
        400, "Arrearage", "costs 20 credits");
    assertError(server.post(DashScopeTesting.IMAGE, DashScopeTesting.imageBody("qwen-image-plus", "a stamp", null), broke),
        400, "Arrearage", "costs 5 credits");
  }

  @Test
  void source_urls_the_egress_policy_refuses_are_invalid_parameters() {
    assertError(server.post(VIDEO, videoBody("wan2.5-i2v-preview", "{\"img_url\":\"http://127.0.0.1:9/first.png\"}", null), server.apiKey, ASYNC),
        400, "InvalidParameter", "img_url");
    assertError(server.post(VIDEO, videoBody("wan2.5-t2v-preview", "{\"prompt\":\"x\",\"audio_url\":\"http://user:pw@example.com/a.mp3\"}", null), server.apiKey, ASYNC),
        400, "InvalidParameter", "audio_url");
  }
}
