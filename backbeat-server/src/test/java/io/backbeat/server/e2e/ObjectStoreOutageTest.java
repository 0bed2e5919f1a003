package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.TestServer;
import io.backbeat.storage.S3MockServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The object store goes away while a task writes its file: the task waits and retries the upload,
 * is never marked succeeded without it, and succeeds with the file readable once the store is back.
 */
@Tag("e2e")
class ObjectStoreOutageTest {

  /** Writes one asset per task, then succeeds: the smallest task with a file. */
  static final class SheetProvider implements Provider {
    @Override
    public String name() {
      return "sheet";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.LYRICS);
    }

    @Override
    public int defaultSlots() {
      return 2;
    }

    @Override
    public Step step(Task task, TaskContext context) throws Exception {
      context.assets().put(task.id() + "/sheet.txt", ("sheet of " + task.id()).getBytes(UTF_8), "text/plain");
      return Step.succeed(TestServer.JSON.createObjectNode().put("sheet", task.id() + "/sheet.txt"));
    }
  }

  @Test
  void a_task_whose_upload_fails_retries_and_succeeds_only_once_its_file_is_stored() throws Exception {
    Map<String, String> env = Map.of(
        "BACKBEAT_ASSETS", "s3://" + S3MockServer.BUCKET + "/outage-" + System.nanoTime(),
        "BACKBEAT_S3_ENDPOINT", S3MockServer.endpoint().toString(),
        "BACKBEAT_S3_PATH_STYLE", "true",
        "AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY,
        "BACKBEAT_RETRY_BACKOFF", "1s",
        "BACKBEAT_MAX_ATTEMPTS", "10");
    try (TestServer server = TestServer.start(env, new Extensions(List.of(new SheetProvider()), List.of()))) {
      S3MockServer.stop();
      String taskId;
      try {
        taskId = json(server.post("/suno/generate-lyrics", "{\"prompt\":\"no store\",\"callBackUrl\":\"http://127.0.0.1:9/unused\"}"))
            .path("data").path("taskId").asText();
        JsonNode retried = server.pollUntil("/v1/tasks/" + taskId, j -> j.path("attempts").asInt() >= 3, Duration.ofSeconds(90));
        assertThat(retried.path("status").asText()).as("never succeeded without its file").isIn("queued", "running");
      } finally {
        S3MockServer.endpoint(); // starts it again, same port and data
      }

      JsonNode done = server.pollUntil("/v1/tasks/" + taskId, j -> j.path("status").asText().equals("succeeded"), Duration.ofSeconds(120));
      assertThat(done.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
      HttpResponse<String> sheet = server.client().send(
          HttpRequest.newBuilder(URI.create(server.url("/assets/" + taskId + "/sheet.txt"))).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(sheet.statusCode()).isEqualTo(200);
      assertThat(sheet.body()).isEqualTo("sheet of " + taskId);
    }
  }
}
