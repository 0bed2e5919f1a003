package io.backbeat.server.relay;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.providers.fake.FakeDashScope;
import io.backbeat.providers.fake.FakeKling;
import io.backbeat.providers.fake.FakeUpstream;
import io.backbeat.providers.fake.Faults;
import io.backbeat.providers.fake.TestVideos;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every media route of our own, served by upstream channels: the real server configured (as an
 * operator would) with a DashScope and a Kling channel pointing at fake upstreams on loopback whose
 * jobs run a hundred times faster than the real ones. Clients see the dialect's own shapes while a
 * task is pending and after it succeeded; outputs are on our asset URLs before success and outlive
 * the upstream's copies; each task made exactly one upstream job; and the answers have exactly the
 * fields of answers the local studio made.
 */
@Tag("e2e")
class MediaRelayEndToEndTest {
  static final String DASHSCOPE_KEY = "sk-e2e-dashscope-key";
  static final String ACCESS = "e2e-kling-access";
  static final String SECRET = "e2e-kling-secret-0123456789";
  /** Our tests put a marker in every prompt; DashScope takes no client reference, so the fake counts jobs by it. */
  static final Pattern MARKER = Pattern.compile("\\[(m-[a-z0-9-]+)]");
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static Path dir;
  static FakeDashScope dashscope;
  static FakeKling kling;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("media-relay");
    dashscope = new FakeDashScope(InstantSource.system(), 21, Faults.NONE, DASHSCOPE_KEY, MediaRelayEndToEndTest::markerOf).timeUnit(Duration.ofMillis(30));
    kling = new FakeKling(InstantSource.system(), 22, Faults.NONE, ACCESS, SECRET).timeUnit(Duration.ofMillis(30));
    kling.deliverEvery(Duration.ofMillis(100));
    Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), """
        channels:
          - name: dashscope-main
            type: dashscope
            baseUrl: %s
            apiKey: ${E2E_DS_KEY}
            timeout: 3s
            poll: {initial: 200ms, max: 500ms}
          - name: kling-main
            type: kling
            baseUrl: %s
            accessKey: ${E2E_KLING_AK}
            secretKey: ${E2E_KLING_SK}
            timeout: 3s
            poll: {initial: 200ms, max: 500ms}
        """.formatted(dashscope.baseUrl(), kling.baseUrl()));
    server = TestServer.start(Map.of(
        "BACKBEAT_CONFIG", yaml.toString(), "E2E_DS_KEY", DASHSCOPE_KEY, "E2E_KLING_AK", ACCESS, "E2E_KLING_SK", SECRET));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (dashscope != null) dashscope.close();
    if (kling != null) kling.close();
  }

  static String markerOf(String prompt) {
    Matcher m = MARKER.matcher(prompt);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void a_qwen_image_is_answered_synchronously_from_our_store() throws Exception {
    HttpResponse<String> answer = server.post("/dashscope/v1/services/aigc/multimodal-generation/generation", """
        {"model":"qwen-image-plus","input":{"messages":[{"role":"user","content":[{"text":"a red fox in snow [m-qwen]"}]}]},
         "parameters":{"size":"1328*1328","n":1}}""");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("request_id").asText()).isNotBlank();
    String url = body.path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText();
    assertThat(body.path("usage").path("width").asInt()).isEqualTo(1328);
    assertThat(body.path("usage").path("height").asInt()).isEqualTo(1328);
    assertThat(body.path("usage").path("image_count").asInt()).isEqualTo(1);
    assertThat(dashscope.jobsFor("m-qwen")).isEqualTo(1);
    assertThat(dashscope.creates()).filteredOn(c -> c.path().endsWith("/multimodal-generation/generation"))
        .as("the synchronous route without the async header").allSatisfy(c -> assertThat(c.async()).isFalse());
    assertServedFromOurStore(Map.of(url, "image/png"), dashscope);
  }

  @Test
  void wan_videos_from_text_an_image_and_audio_are_relayed_as_async_tasks() throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("m-t2v", """
        {"model":"wan2.2-t2v-plus","input":{"prompt":"waves on a beach [m-t2v]"},"parameters":{"size":"1920*1080","duration":5}}""");
    bodies.put("m-i2v", """
        {"model":"wan2.5-i2v-preview","input":{"prompt":"the cat turns its head [m-i2v]","img_url":"https://example.com/cat.png"},
         "parameters":{"resolution":"720P","duration":5}}""");
    bodies.put("m-audio", """
        {"model":"wan2.5-t2v-preview","input":{"prompt":"a singer on a stage [m-audio]","audio_url":"https://example.com/song.mp3"},
         "parameters":{"size":"1280*720","duration":5}}""");
    Map<String, String> ids = new LinkedHashMap<>();
    dashscope.hold(true);
    for (Map.Entry<String, String> entry : bodies.entrySet()) {
      HttpResponse<String> created =
          server.post("/dashscope/v1/services/aigc/video-generation/video-synthesis", entry.getValue(), server.apiKey, Map.of("X-DashScope-Async", "enable"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      JsonNode output = json(created).path("output");
      assertThat(output.path("task_status").asText()).isEqualTo("PENDING");
      ids.put(entry.getKey(), output.path("task_id").asText());
    }

    // pending: DashScope's own shape, no output yet
    String first = ids.get("m-t2v");
    JsonNode pending = json(server.get("/dashscope/v1/tasks/" + first)).path("output");
    assertThat(pending.path("task_id").asText()).isEqualTo(first);
    assertThat(pending.path("task_status").asText()).isIn("PENDING", "RUNNING");
    assertThat(pending.has("video_url")).isFalse();
    server.pollUntil("/dashscope/v1/tasks/" + first, b -> !b.path("output").path("task_status").asText().equals("PENDING"), PATIENCE);
    HttpResponse<String> cancel = server.post("/dashscope/v1/tasks/" + first + "/cancel", "");
    assertThat(cancel.statusCode()).as("DashScope cancels only a PENDING task: " + cancel.body()).isEqualTo(400);
    assertThat(json(cancel).path("code").asText()).isEqualTo("UnsupportedOperation");
    assertThat(json(server.get("/dashscope/v1/tasks/" + first)).path("output").path("task_status").asText()).isEqualTo("RUNNING");
    dashscope.hold(false);

    Map<String, String> urls = new LinkedHashMap<>();
    for (Map.Entry<String, String> id : ids.entrySet()) {
      JsonNode done = server.pollUntil("/dashscope/v1/tasks/" + id.getValue(), terminal("output", "task_status", "PENDING|RUNNING"), PATIENCE);
      JsonNode output = done.path("output");
      assertThat(output.path("task_status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
      assertThat(output.path("submit_time").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
      // the upstream said 5 s at 1280*720 (its usage); the answer says what the upstream made
      assertThat(done.path("usage").path("video_count").asInt()).isEqualTo(1);
      assertThat(done.path("usage").path("video_duration").asInt()).isEqualTo(5);
      assertThat(done.path("usage").path("video_ratio").asText()).isEqualTo("1280*720");
      assertThat(dashscope.jobsFor(id.getKey())).as("one upstream job for " + id.getKey()).isEqualTo(1);
      urls.put(output.path("video_url").asText(), "video/mp4");
      JsonNode task = json(server.get("/v1/tasks/" + id.getValue()));
      assertThat(task.path("channel").asText()).isEqualTo("dashscope-main");
    }
    assertServedFromOurStore(urls, dashscope);
    assertThat(dashscope.creates()).filteredOn(c -> c.path().endsWith("/video-synthesis"))
        .hasSize(3).allSatisfy(c -> assertThat(c.async()).as("X-DashScope-Async: enable").isTrue());

    JsonNode list = json(server.get("/dashscope/v1/tasks?model_name=wan2.5-i2v-preview"));
    assertThat(list.path("data")).hasSize(1);
    assertThat(list.path("data").get(0).path("task_id").asText()).isEqualTo(ids.get("m-i2v"));
    assertThat(list.path("data").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void every_kling_route_is_relayed_with_our_task_id_as_kling_external_task_id() throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("/images/generations", """
        {"model_name":"kling-v2-1","prompt":"a lighthouse at dusk","aspect_ratio":"1:1","external_task_id":"ref-gen"}""");
    bodies.put("/images/omni-image", """
        {"model_name":"kling-v3-omni","prompt":"a paper boat","aspect_ratio":"16:9","external_task_id":"ref-omni-image"}""");
    bodies.put("/videos/omni-video", """
        {"model_name":"kling-v3-omni","prompt":"a lantern over a lake","mode":"std","aspect_ratio":"16:9","duration":"5","external_task_id":"ref-omni-video"}""");
    bodies.put("/videos/text2video", """
        {"model_name":"kling-v2-6","prompt":"a fox running","aspect_ratio":"16:9","duration":"5","external_task_id":"ref-t2v"}""");
    bodies.put("/videos/image2video", """
        {"model_name":"kling-v2-6","prompt":"the fox looks up","image":"https://example.com/fox.png","duration":"5","external_task_id":"ref-i2v"}""");
    String prefix = "/transtreams/kling/v1";
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    kling.hold(true);
    for (Map.Entry<String, String> entry : bodies.entrySet()) {
      HttpResponse<String> created = server.post(prefix + entry.getKey(), entry.getValue());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      JsonNode body = json(created);
      assertThat(body.path("code").asInt()).isZero();
      assertThat(body.path("data").path("task_status").asText()).isEqualTo("submitted");
      ids.put(entry.getKey(), body.path("data").path("task_id").asText());
    }

    // pending: Kling's own shape, an empty result
    JsonNode pending = json(server.get(prefix + "/videos/omni-video/ref-omni-video")).path("data");
    assertThat(pending.path("task_status").asText()).isIn("submitted", "processing");
    assertThat(pending.path("task_result").path("videos")).isEmpty();
    kling.hold(false);

    for (Map.Entry<String, String> id : ids.entrySet()) {
      String route = id.getKey();
      String external = json(server.get(prefix + route + "/" + id.getValue())).path("data").path("task_info").path("external_task_id").asText();
      // read by the client's own reference, as Kling allows
      JsonNode done = server.pollUntil(prefix + route + "/" + external, terminal("data", "task_status", "submitted|processing"), PATIENCE);
      JsonNode data = done.path("data");
      assertThat(data.path("task_status").asText()).as(done.toString()).isEqualTo("succeed");
      assertThat(data.path("task_id").asText()).isEqualTo(id.getValue());
      assertThat(data.path("task_info").path("external_task_id").asText()).as("the client's reference, not ours upstream").startsWith("ref-");
      boolean video = route.startsWith("/videos");
      JsonNode item = data.path("task_result").path(video ? "videos" : "images").get(0);
      assertThat(item).as(done.toString()).isNotNull();
      if (video) {
        assertThat(item.path("duration").asText()).as("Kling's string of seconds, as upstream told").isEqualTo("5.0");
        assertThat(item.path("id").asText()).isEqualTo(id.getValue());
      } else {
        assertThat(item.path("index").asInt()).isZero();
      }
      assertThat(kling.jobsFor(id.getValue())).as("one upstream job for " + route + ", named by our task id").isEqualTo(1);
      urls.put(item.path("url").asText(), video ? "video/mp4" : "image/png");
    }
    assertServedFromOurStore(urls, kling);
    assertThat(kling.distinctTokens()).as("every request carried a JWT the upstream verified; one, reused").isEqualTo(1);
  }

  @Test
  void a_kling_answer_cut_off_after_kling_accepted_is_reconciled_and_makes_no_second_job() throws Exception {
    int before = kling.createRequests();
    long unknownBefore = klingUnknownSubmits();
    kling.faults(Faults.NONE.with("dropAfterAccept", 1.0));
    String taskId;
    try {
      taskId = json(server.post("/transtreams/kling/v1/videos/text2video", """
          {"model_name":"kling-v2-6","prompt":"a cut-off answer","aspect_ratio":"16:9","duration":"5"}""")).path("data").path("task_id").asText();
      // the relay saw the answer die after Kling took the request: the submit's outcome is unknown
      for (long deadline = System.nanoTime() + PATIENCE.toNanos(); klingUnknownSubmits() == unknownBefore && System.nanoTime() < deadline; ) {
        Thread.sleep(100);
      }
      assertThat(klingUnknownSubmits()).isEqualTo(unknownBefore + 1);
    } finally {
      kling.faults(Faults.NONE);
    }

    JsonNode done = server.pollUntil("/transtreams/kling/v1/videos/text2video/" + taskId, terminal("data", "task_status", "submitted|processing"), PATIENCE);

    assertThat(done.path("data").path("task_status").asText()).as(done.toString()).isEqualTo("succeed");
    assertThat(kling.jobsFor(taskId)).as("found by external_task_id, not sent again").isEqualTo(1);
    assertThat(kling.createRequests() - before).isEqualTo(1);
  }

  @Test
  void openai_style_videos_are_relayed_to_kling_and_their_content_comes_from_our_store() throws Exception {
    kling.hold(true);
    HttpResponse<String> created = server.post("/openai/v1/videos", """
        {"model":"kling-v3-omni","prompt":"a kite over the dunes","seconds":"5","size":"1280x720"}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode video = json(created);
    assertThat(video.path("object").asText()).isEqualTo("video");
    assertThat(video.path("status").asText()).isEqualTo("queued");
    String id = video.path("id").asText();
    assertThat(id).startsWith("video_");
    HttpResponse<String> early = server.get("/openai/v1/videos/" + id + "/content");
    assertThat(early.statusCode()).as("no content before success: " + early.body()).isEqualTo(404);
    assertThat(json(early).path("error").path("message").asText()).contains("no content yet");
    kling.videoFile(TestVideos.redThenBlue()); // a decodable video, so its poster can be checked
    kling.hold(false);

    JsonNode done = server.pollUntil("/openai/v1/videos/" + id, terminal("", "status", "queued|in_progress"), PATIENCE);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("progress").asInt()).isEqualTo(100);
    assertThat(done.path("seconds").asText()).isEqualTo("5");
    assertThat(done.path("size").asText()).isEqualTo("1280x720");
    assertThat(done.path("error").isNull()).isTrue();
    String taskId = id.substring("video_".length());
    assertThat(kling.jobsFor(taskId)).isEqualTo(1);

    kling.deleteAllFiles();
    HttpResponse<byte[]> content = server.client().send(
        HttpRequest.newBuilder(URI.create(server.url("/openai/v1/videos/" + id + "/content"))).header("Authorization", "Bearer " + server.apiKey).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("content-type")).hasValue("video/mp4");
    assertThat(kling.fileHashes()).contains(sha256(content.body()));
    HttpResponse<byte[]> thumbnail = server.client().send(
        HttpRequest.newBuilder(URI.create(server.url("/openai/v1/videos/" + id + "/content?variant=thumbnail")))
            .header("Authorization", "Bearer " + server.apiKey).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(thumbnail.statusCode()).as("Kling sends no poster: we make one from the first frame").isEqualTo(200);
    assertThat(thumbnail.headers().firstValue("content-type")).hasValue("image/png");
    java.awt.image.BufferedImage poster = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body()));
    assertThat(poster.getWidth()).isEqualTo(160);
    java.awt.Color centre = new java.awt.Color(poster.getRGB(poster.getWidth() / 2, poster.getHeight() / 2));
    assertThat(centre.getRed()).as("the first frame (red), not a later one (blue): %s", centre).isGreaterThan(150);
    assertThat(centre.getBlue()).isLessThan(100);
  }

  @Test
  void media_channels_report_their_health_in_the_channels_api_and_metrics() throws Exception {
    String taskId = json(server.post("/transtreams/kling/v1/images/generations", """
        {"model_name":"kling-v2-1","prompt":"a bell tower","aspect_ratio":"1:1"}""")).path("data").path("task_id").asText();
    server.pollUntil("/transtreams/kling/v1/images/generations/" + taskId, terminal("data", "task_status", "submitted|processing"), PATIENCE);
    server.post("/dashscope/v1/services/aigc/multimodal-generation/generation", """
        {"model":"qwen-image","input":{"messages":[{"role":"user","content":[{"text":"a bell [m-health]"}]}]}}""");

    JsonNode channels = json(server.get("/v1/channels")).path("channels");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    channels.forEach(c -> byName.put(c.path("name").asText(), c));
    assertThat(byName).containsOnlyKeys("dashscope-main", "kling-main");
    for (JsonNode channel : byName.values()) {
      JsonNode health = channel.path("health");
      assertThat(health.path("submits").path("accepted").asLong()).as(channel.toString()).isPositive();
      assertThat(health.path("tasksSucceeded").asLong()).as(channel.toString()).isPositive();
      assertThat(channel.path("host").asText()).isEqualTo("127.0.0.1");
    }
    assertThat(byName.get("kling-main").path("type").asText()).isEqualTo("kling");
    assertThat(channels.toString()).doesNotContain(DASHSCOPE_KEY).doesNotContain(SECRET).doesNotContain(ACCESS);

    String metrics = server.get("/metrics", null).body();
    assertThat(metrics).containsPattern("backbeat_channel_submits_total\\{channel=\"kling-main\",outcome=\"accepted\",type=\"kling\"} [1-9]");
    assertThat(metrics).containsPattern("backbeat_channel_submits_total\\{channel=\"dashscope-main\",outcome=\"accepted\",type=\"dashscope\"} [1-9]");
    assertThat(metrics).contains("backbeat_channel_open_tasks{channel=\"dashscope-main\",type=\"dashscope\"}");
    assertThat(metrics).doesNotContain(DASHSCOPE_KEY).doesNotContain(SECRET);
  }

  @Test
  void relayed_answers_have_exactly_the_shape_of_answers_made_by_the_local_studio() throws Exception {
    Map<String, List<JsonNode>> answers = new LinkedHashMap<>(); // per route: [relayed, local]
    try (TestServer local = TestServer.start(Map.of(), new Extensions(List.of(new MediaTestProvider()), List.of()))) {
      String dashscopeVideo = "/dashscope/v1/services/aigc/video-generation/video-synthesis";
      String videoBody = """
          {"model":"wan2.2-t2v-plus","input":{"prompt":"rain on a window [m-shape-v]"},"parameters":{"size":"832*480","duration":5}}""";
      String klingVideo = "/transtreams/kling/v1/videos/text2video";
      String klingVideoBody = """
          {"model_name":"kling-v2-6","prompt":"a heron takes off","aspect_ratio":"1:1","duration":"5","external_task_id":"shape-1"}""";
      String klingImage = "/transtreams/kling/v1/images/generations";
      String klingImageBody = """
          {"model_name":"kling-v2-1","prompt":"a heron","aspect_ratio":"1:1"}""";
      String openAi = "/openai/v1/videos";
      String openAiBody = """
          {"model":"kling-v3-omni","prompt":"a heron lands","seconds":"5","size":"720x720"}""";
      String image = "/dashscope/v1/services/aigc/multimodal-generation/generation";
      String imageBody = """
          {"model":"qwen-image","input":{"messages":[{"role":"user","content":[{"text":"a heron [m-shape-i]"}]}]}}""";

      for (TestServer on : List.of(server, local)) {
        String dsId = json(on.post(dashscopeVideo, videoBody, on.apiKey, Map.of("X-DashScope-Async", "enable"))).path("output").path("task_id").asText();
        String kvId = json(on.post(klingVideo, klingVideoBody)).path("data").path("task_id").asText();
        String kiId = json(on.post(klingImage, klingImageBody)).path("data").path("task_id").asText();
        String oaId = json(on.post(openAi, openAiBody)).path("id").asText();
        answers.computeIfAbsent("dashscope image", k -> new ArrayList<>()).add(json(on.post(image, imageBody)));
        answers.computeIfAbsent("dashscope video", k -> new ArrayList<>())
            .add(on.pollUntil("/dashscope/v1/tasks/" + dsId, terminal("output", "task_status", "PENDING|RUNNING"), PATIENCE));
        answers.computeIfAbsent("kling video", k -> new ArrayList<>())
            .add(on.pollUntil(klingVideo + "/" + kvId, terminal("data", "task_status", "submitted|processing"), PATIENCE));
        answers.computeIfAbsent("kling image", k -> new ArrayList<>())
            .add(on.pollUntil(klingImage + "/" + kiId, terminal("data", "task_status", "submitted|processing"), PATIENCE));
        answers.computeIfAbsent("openai video", k -> new ArrayList<>())
            .add(on.pollUntil(openAi + "/" + oaId, terminal("", "status", "queued|in_progress"), PATIENCE));
      }
    }

    assertThat(answers).hasSize(5).allSatisfy((route, pair) -> {
      assertThat(pair.get(0).toString()).as(route + " relayed and succeeded").containsPattern("SUCCEEDED|succeed|completed|\"stop\"");
      assertThat(shape(pair.get(0))).as(route + ": relayed " + pair.get(0) + "\nlocal " + pair.get(1)).isEqualTo(shape(pair.get(1)));
    });
  }

  /** Every field's path in a JSON answer (array items as {@code []}), without the values. */
  static Set<String> shape(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        paths.add(child);
        collect(field.getValue(), child, paths);
      });
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, path + "[]", paths));
    }
  }

  static long klingUnknownSubmits() {
    for (JsonNode channel : json(server.get("/v1/channels")).path("channels")) {
      if (channel.path("name").asText().equals("kling-main")) {
        return channel.path("health").path("submits").path("unknown").asLong();
      }
    }
    throw new AssertionError("no kling-main channel");
  }

  /** A poll predicate: the status at {@code object.field} (root when object is empty) left the pending words. */
  static Predicate<JsonNode> terminal(String object, String field, String pending) {
    return body -> {
      String status = (object.isEmpty() ? body : body.path(object)).path(field).asText();
      return !status.isEmpty() && !status.matches(pending);
    };
  }

  /**
   * Each URL (with its content type) of a succeeded task is ours, and still serves the upstream's
   * bytes after the upstream deleted its copies (called once every task of the test has ended, so
   * no rehosting is still under way).
   */
  static void assertServedFromOurStore(Map<String, String> urls, FakeUpstream upstream) throws Exception {
    upstream.deleteAllFiles();
    for (Map.Entry<String, String> entry : urls.entrySet()) {
      String url = entry.getKey();
      assertThat(url).as("rehosted before success").startsWith(server.app().baseUrl() + "/assets/");
      HttpResponse<byte[]> file = server.client().send(
          HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + server.apiKey).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).as(url).isEqualTo(200);
      assertThat(file.headers().firstValue("content-type")).hasValue(entry.getValue());
      assertThat(upstream.fileHashes()).as("the upstream's very bytes").contains(sha256(file.body()));
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
