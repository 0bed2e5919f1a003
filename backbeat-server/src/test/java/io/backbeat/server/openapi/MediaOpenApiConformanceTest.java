package io.backbeat.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The media dialects' real answers (DashScope, Kling, OpenAI-style video) checked against the
 * server's own /openapi.json, as {@link OpenApiConformanceTest} does for the others: every described
 * media operation is called with a success, without a key and with an invalid request, and every
 * answer's status must be documented and its body must match the documented schema.
 */
class MediaOpenApiConformanceTest {
  /** The dialects whose routes this class calls (the sibling test leaves them to it). */
  static final Set<String> DIALECTS = Set.of("dashscope", "kling", "openai");

  private static final String DS_IMAGE = "/dashscope/v1/services/aigc/multimodal-generation/generation";
  private static final String DS_VIDEO = "/dashscope/v1/services/aigc/video-generation/video-synthesis";
  private static final String DS_TASK = "/dashscope/v1/tasks/{task_id}";
  private static final String DS_CANCEL = "/dashscope/v1/tasks/{task_id}/cancel";
  private static final Map<String, String> ASYNC = Map.of("X-DashScope-Async", "enable");
  private static final String KLING = "/transtreams/kling/v1";
  private static final List<String> KLING_FAMILIES = List.of("/images/generations", "/images/omni-image", "/videos/omni-video", "/videos/text2video", "/videos/image2video");
  private static final String VIDEOS = "/openai/v1/videos";
  private static final String UNKNOWN = "0000000000000000ffffffffffffffff";

  private static TestServer server;
  private static TestServer apiOnly;
  private static CallbackReceiver receiver;
  private static OpenApiContract contract;
  private static final List<String> PROBLEMS = new ArrayList<>();

  /**
   * Images and videos finish at once in the canonical result shapes, with small real files in the
   * asset store (PNGs, and one tiny H.264 MP4 made by ffmpeg); a prompt containing "hold" never
   * finishes, one containing "fail" fails.
   */
  static final class InstantMedia implements Provider {
    private static byte[] mp4;

    @Override
    public String name() {
      return "instant-media";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.IMAGE, TaskKind.VIDEO);
    }

    @Override
    public int defaultSlots() {
      return 8;
    }

    @Override
    public Step step(Task task, TaskContext context) {
      String prompt = switch (task.spec()) {
        case ImageSpec image -> image.prompt();
        case VideoSpec video -> video.prompt() == null ? "" : video.prompt();
        default -> "";
      };
      if (prompt.contains("hold")) {
        return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "held by the test");
      }
      if (prompt.contains("fail")) {
        return Step.fail(FailureCode.GENERATION_FAILED, "the test provider was asked to fail");
      }
      try {
        ObjectNode result = TestServer.JSON.createObjectNode();
        if (task.spec() instanceof ImageSpec image) {
          for (int i = 0; i < image.count(); i++) {
            String key = task.id() + "/image-" + i + ".png";
            context.assets().put(key, png(), "image/png");
            result.withArray("images").add(key);
          }
          return Step.succeed(result.put("width", image.width()).put("height", image.height()));
        }
        VideoSpec video = (VideoSpec) task.spec();
        context.assets().put(task.id() + "/video.mp4", mp4(), "video/mp4");
        context.assets().put(task.id() + "/cover.png", png(), "image/png");
        return Step.succeed(result.put("video", task.id() + "/video.mp4").put("duration", (double) video.durationSeconds()).put("width", video.width())
            .put("height", video.height()).put("fps", video.fps()).put("cover", task.id() + "/cover.png"));
      } catch (IOException | InterruptedException e) {
        return Step.fail(FailureCode.INTERNAL, "test provider: " + e.getMessage());
      }
    }

    private static byte[] png() throws IOException {
      BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(Color.ORANGE);
      g.fillRect(0, 0, 16, 16);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    }

    private static synchronized byte[] mp4() throws IOException, InterruptedException {
      if (mp4 == null) {
        Path file = Files.createTempDirectory("media-openapi").resolve("tiny.mp4");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=8", "-t", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file.toString()))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
          ffmpeg.destroyForcibly();
          throw new IOException("ffmpeg failed");
        }
        mp4 = Files.readAllBytes(file);
      }
      return mp4;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new InstantMedia()), List.of()));
    // tasks stay PENDING where no worker runs: the only way to cancel one
    apiOnly = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false"), new Extensions(List.of(new InstantMedia()), List.of()));
    receiver = new CallbackReceiver();
    contract = OpenApiContract.of(server);
  }

  @AfterAll
  static void stop() {
    receiver.close();
    apiOnly.close();
    server.close();
  }

  private static HttpResponse<String> call(TestServer on, String method, String template, String path, String body, String key, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.url(path))).timeout(Duration.ofSeconds(60));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = on.send(request.build());
    PROBLEMS.addAll(contract.check(method, template, response));
    return response;
  }

  private static HttpResponse<String> call(String method, String template, String path, String body, String key, Map<String, String> headers) {
    return call(server, method, template, path, body, key, headers);
  }

  private static HttpResponse<String> call(String method, String template, String path, String body, String key) {
    return call(method, template, path, body, key, Map.of());
  }

  /** The documented example of an operation's request, with its URLs pointed at this test. */
  private static String example(String template) {
    String example = contract.resolve(contract.operation("POST", template).path("requestBody")).path("content").path("application/json").path("example").toString();
    assertThat(example).as("example of %s", template).isNotIn("", "null");
    return example.replace("https://example.com/callback", receiver.url("/media")).replace("https://files.example/", "http://127.0.0.1:9/");
  }

  private static HttpResponse<String> accepted(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(200);
    return response;
  }

  @Test
  void every_media_operation_answers_as_documented() throws Exception {
    dashscope();
    kling();
    openai();

    assertThat(PROBLEMS).isEmpty();
    List<String> missing = new ArrayList<>();
    int media = 0;
    for (String operation : contract.operations()) {
      String[] parts = operation.split(" ", 2);
      JsonNode described = contract.operation(parts[0], parts[1]);
      if (!DIALECTS.contains(described.path("x-dialect").asText())) {
        continue;
      }
      media++;
      assertThat(described.path("x-undocumented").asBoolean()).as("%s is described", operation).isFalse();
      Set<Integer> statuses = contract.exercised().getOrDefault(operation, Set.of());
      boolean secured = !described.has("security") || !described.path("security").isEmpty();
      if (statuses.stream().noneMatch(s -> s / 100 == 2)) {
        missing.add(operation + " never answered a success (saw " + statuses + ")");
      }
      if (secured && !statuses.contains(401)) {
        missing.add(operation + " was never called without a key");
      }
      // a request error the caller can make (not 401, not a rate limit) must have been seen, where one is documented
      List<String> requestErrors = new ArrayList<>();
      described.path("responses").fieldNames().forEachRemaining(s -> {
        if (s.startsWith("4") && !s.equals("401") && !s.equals("429")) {
          requestErrors.add(s);
        }
      });
      if (!requestErrors.isEmpty() && statuses.stream().noneMatch(s -> s / 100 == 4 && s != 401 && s != 429)) {
        missing.add(operation + " never answered a request error (saw " + statuses + ")");
      }
    }
    assertThat(missing).isEmpty();
    // DashScope 5 routes and the list's alias, Kling 5 families of 3, OpenAI-style 4
    assertThat(media).as("media operations in the document").isEqualTo(25);
  }

  private void dashscope() throws Exception {
    String key = server.apiKey;
    String image = example(DS_IMAGE);
    call("POST", DS_IMAGE, DS_IMAGE, image, null);
    call("POST", DS_IMAGE, DS_IMAGE, "{}", key);
    call("POST", DS_IMAGE, DS_IMAGE, image, key, ASYNC);
    call("POST", DS_IMAGE, DS_IMAGE, image.replace("\"qwen-image\"", "\"no-such-model\""), key);
    JsonNode made = TestServer.json(accepted(call("POST", DS_IMAGE, DS_IMAGE, image, key), "the image example"));
    assertThat(made.path("output").path("choices").path(0).path("message").path("content").path(0).path("image").asText()).contains("/assets/");

    String video = example(DS_VIDEO);
    call("POST", DS_VIDEO, DS_VIDEO, video, null, ASYNC);
    call("POST", DS_VIDEO, DS_VIDEO, video, key);
    call("POST", DS_VIDEO, DS_VIDEO, "{\"model\":\"wan2.5-t2v-preview\"}", key, ASYNC);
    call("POST", DS_VIDEO, DS_VIDEO, video.replace("\"wan2.5-t2v-preview\"", "\"no-such-model\""), key, ASYNC);
    String videoTask = TestServer.json(accepted(call("POST", DS_VIDEO, DS_VIDEO, video, key, ASYNC), "the video example")).path("output").path("task_id").asText();
    String held = TestServer.json(accepted(call("POST", DS_VIDEO, DS_VIDEO, video.replace("a paper boat", "hold: a paper boat"), key, ASYNC), "a held video"))
        .path("output").path("task_id").asText();
    String failed = TestServer.json(accepted(call("POST", DS_VIDEO, DS_VIDEO, video.replace("a paper boat", "fail: a paper boat"), key, ASYNC), "a failing video"))
        .path("output").path("task_id").asText();
    server.pollUntil("/dashscope/v1/tasks/" + videoTask, j -> j.path("output").path("task_status").asText().equals("SUCCEEDED"), Duration.ofSeconds(60));
    server.pollUntil("/dashscope/v1/tasks/" + failed, j -> j.path("output").path("task_status").asText().equals("FAILED"), Duration.ofSeconds(60));
    server.pollUntil("/dashscope/v1/tasks/" + held, j -> j.path("output").path("task_status").asText().equals("RUNNING"), Duration.ofSeconds(60));

    // a list in every state, and the image task found through it
    JsonNode list = TestServer.json(accepted(call("GET", "/dashscope/v1/tasks", "/dashscope/v1/tasks", null, key), "the task list"));
    String imageTask = null;
    for (JsonNode item : list.path("data")) {
      if (item.path("model_name").asText().equals("qwen-image")) {
        imageTask = item.path("task_id").asText();
      }
    }
    assertThat(imageTask).as("the image task is listed: %s", list).isNotNull();
    call("GET", "/dashscope/v1/tasks", "/dashscope/v1/tasks", null, null);
    call("GET", "/dashscope/v1/tasks", "/dashscope/v1/tasks?status=bogus", null, key);
    call("GET", "/dashscope/v1/tasks/", "/dashscope/v1/tasks/?page_size=1&status=SUCCEEDED", null, key);
    call("GET", "/dashscope/v1/tasks/", "/dashscope/v1/tasks/", null, null);
    call("GET", "/dashscope/v1/tasks/", "/dashscope/v1/tasks/?start_time=yesterday", null, key);

    for (String id : List.of(videoTask, imageTask, held, failed, UNKNOWN)) {
      accepted(call("GET", DS_TASK, "/dashscope/v1/tasks/" + id, null, key), "task " + id);
    }
    call("GET", DS_TASK, "/dashscope/v1/tasks/" + videoTask, null, null);

    call("POST", DS_CANCEL, "/dashscope/v1/tasks/" + held + "/cancel", null, null);
    call("POST", DS_CANCEL, "/dashscope/v1/tasks/" + held + "/cancel", null, key);
    String pending = TestServer.json(accepted(call(apiOnly, "POST", DS_VIDEO, DS_VIDEO, video, apiOnly.apiKey, ASYNC), "a video on an API-only node"))
        .path("output").path("task_id").asText();
    accepted(call(apiOnly, "POST", DS_CANCEL, "/dashscope/v1/tasks/" + pending + "/cancel", null, apiOnly.apiKey, Map.of()), "cancel of a PENDING task");
  }

  private void kling() throws Exception {
    String key = server.apiKey;
    AccountService.CreatedKey owner = server.app().accounts().createAccount("kling-openapi", false);
    AccessKey pair = server.app().accounts().addAccessKey(owner.account().id(), owner.key().id());
    Instant now = Instant.now();
    String jwt = KlingJwt.token(pair.accessKey(), pair.secret(), now.minusSeconds(5), now.plusSeconds(1800));
    String expired = KlingJwt.token(pair.accessKey(), pair.secret(), now.minusSeconds(3600), now.minusSeconds(1800));
    Map<String, String> created = new HashMap<>();
    for (String family : KLING_FAMILIES) {
      String path = KLING + family;
      String body = example(path);
      call("POST", path, path, body, null);
      call("POST", path, path, body, "bb_live_not-a-key");
      call("POST", path, path, body, expired);
      call("POST", path, path, "{}", key);
      call("POST", path, path, "{\"model_name\":\"no-such-model\",\"prompt\":\"x\"}", key);
      HttpResponse<String> answer = accepted(call("POST", path, path, body, key), "the example of " + path);
      created.put(family, TestServer.json(answer).path("data").path("task_id").asText());
      accepted(call("POST", path, path, body.replace("\"external_task_id\":\"fox-0001\"", "\"external_task_id\":\"fox-0002\""), jwt), "a signed create of " + path);
    }
    for (String family : KLING_FAMILIES) {
      String path = KLING + family;
      String template = path + "/{task_id}";
      String taskId = created.get(family);
      server.pollUntil(path + "/" + taskId, j -> j.path("data").path("task_status").asText().equals("succeed"), Duration.ofSeconds(60));
      accepted(call("GET", template, path + "/" + taskId, null, key), "the query of " + path);
      call("GET", template, path + "/" + taskId, null, null);
      call("GET", template, path + "/" + UNKNOWN, null, key);
      call("GET", template, path + "/" + taskId, null, jwt); // another account's task: 404
      accepted(call("GET", path, path, null, key), "the list of " + path);
      call("GET", path, path + "?pageNum=1&pageSize=5", null, jwt);
      call("GET", path, path, null, null);
      call("GET", path, path + "?pageSize=0", null, key);
    }
    accepted(call("GET", KLING + "/images/generations/{task_id}", KLING + "/images/generations/fox-0001", null, key), "a query by external_task_id");
    klingCallbacks(created.get("/images/generations"));
  }

  /** The callbacks the example's callback_url received match the create's described callback. */
  private void klingCallbacks(String taskId) throws Exception {
    JsonNode callback = contract.operation("POST", KLING + "/images/generations").path("callbacks").path("taskEvent").path("{$request.body#/callback_url}").path("post");
    JsonNode schema = callback.path("requestBody").path("content").path("application/json").path("schema");
    assertThat(schema.isObject()).as("the described callback").isTrue();
    List<CallbackReceiver.Received> seen = receiver.all();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (seen.stream().noneMatch(r -> r.body().contains(taskId) && r.body().contains("\"succeed\"")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      seen = receiver.all();
    }
    assertThat(seen).as("callbacks of %s", taskId).anyMatch(r -> r.body().contains(taskId) && r.body().contains("\"succeed\""));
    for (CallbackReceiver.Received received : seen) {
      for (JsonNode header : callback.path("parameters")) {
        assertThat(received.header(header.path("name").asText())).as("%s of a callback", header.path("name").asText()).isNotBlank();
      }
      PROBLEMS.addAll(contract.validate(schema, received.body(), "the Kling callback"));
    }
  }

  private void openai() throws Exception {
    String key = server.apiKey;
    String body = example(VIDEOS);
    call("POST", VIDEOS, VIDEOS, body, null);
    call("POST", VIDEOS, VIDEOS, "{}", key);
    call("POST", VIDEOS, VIDEOS, body.replace("\"720x1280\"", "\"640x480\""), key);
    String video = TestServer.json(accepted(call("POST", VIDEOS, VIDEOS, body, key), "the video example")).path("id").asText();
    String held = TestServer.json(accepted(call("POST", VIDEOS, VIDEOS, body.replace("a hot air balloon", "hold: a hot air balloon"), key), "a held video"))
        .path("id").asText();
    String failed = TestServer.json(accepted(call("POST", VIDEOS, VIDEOS, body.replace("a hot air balloon", "fail: a hot air balloon"), key), "a failing video"))
        .path("id").asText();
    server.pollUntil(VIDEOS + "/" + video, j -> j.path("status").asText().equals("completed"), Duration.ofSeconds(60));
    server.pollUntil(VIDEOS + "/" + failed, j -> j.path("status").asText().equals("failed"), Duration.ofSeconds(60));

    String one = VIDEOS + "/{video_id}";
    for (String id : List.of(video, held, failed)) {
      accepted(call("GET", one, VIDEOS + "/" + id, null, key), "video " + id);
    }
    call("GET", one, VIDEOS + "/" + video, null, null);
    call("GET", one, VIDEOS + "/video_" + UNKNOWN, null, key);

    accepted(call("GET", VIDEOS, VIDEOS, null, key), "the video list");
    accepted(call("GET", VIDEOS, VIDEOS + "?limit=1&after=" + held, null, key), "the second page");
    call("GET", VIDEOS, VIDEOS, null, null);
    call("GET", VIDEOS, VIDEOS + "?limit=0", null, key);
    call("GET", VIDEOS, VIDEOS + "?order=asc", null, key);

    String content = VIDEOS + "/{video_id}/content";
    HttpResponse<String> mp4 = accepted(call("GET", content, VIDEOS + "/" + video + "/content", null, key), "the MP4");
    assertThat(mp4.headers().firstValue("Content-Type").orElse("")).startsWith("video/mp4");
    HttpResponse<String> poster = accepted(call("GET", content, VIDEOS + "/" + video + "/content?variant=thumbnail", null, key), "the poster");
    assertThat(poster.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
    call("GET", content, VIDEOS + "/" + video + "/content", null, null);
    call("GET", content, VIDEOS + "/" + held + "/content", null, key);
    call("GET", content, VIDEOS + "/" + video + "/content?variant=spritesheet", null, key);
    call("GET", content, VIDEOS + "/" + video + "/content?variant=bogus", null, key);
  }
}
