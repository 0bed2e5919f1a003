package io.backbeat.providers.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.providers.fake.FakeDashScope;
import io.backbeat.providers.fake.FakeKling;
import io.backbeat.providers.fake.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DashScope and Kling relays against fake upstreams written from their contracts. */
class MediaRelayTest {
  static final String DASHSCOPE_KEY = "sk-dashscope-test";
  static final String ACCESS = "kling-access-test";
  static final String SECRET = "kling-secret-test-0123456789";

  @TempDir Path dir;
  final SettableClock clock = new SettableClock(RelayHarness.T0);
  final Map<String, String> markers = new ConcurrentHashMap<>();
  FakeDashScope dashscope;
  FakeKling kling;
  RelayHarness harness;

  void open(Faults faults) throws Exception {
    dashscope = new FakeDashScope(clock, 3, faults, DASHSCOPE_KEY, prompt -> markers.entrySet().stream()
        .filter(e -> prompt.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null));
    kling = new FakeKling(clock, 4, faults, ACCESS, SECRET);
    ChannelConfig ds = ChannelConfig.of("dashscope-main", ChannelType.DASHSCOPE, dashscope.baseUrl())
        .withApiKey(Secret.of(DASHSCOPE_KEY))
        .withLimits(null, 0, Duration.ofMillis(400))
        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofSeconds(60));
    ChannelConfig kl = ChannelConfig.of("kling-main", ChannelType.KLING, kling.baseUrl())
        .withKlingKeys(Secret.of(ACCESS), Secret.of(SECRET))
        .withLimits(null, 0, Duration.ofMillis(400))
        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofSeconds(60));
    harness = new RelayHarness(dir, List.of(ds, kl), clock);
  }

  @AfterEach
  void close() {
    if (harness != null) harness.close();
    if (dashscope != null) dashscope.close();
    if (kling != null) kling.close();
  }

  Task create(String marker, io.backbeat.core.task.spec.TaskSpec spec) {
    Task task = harness.create(spec);
    markers.put(marker, task.id());
    return task;
  }

  static VideoSpec video(String model, String prompt) {
    return new VideoSpec(model, prompt, null, 1280, 720, 5.0, 24, null, null, null, List.of(), null, true, false, null);
  }

  static ImageSpec image(String model, String prompt) {
    return new ImageSpec(model, prompt, null, 1328, 1328, 1, 42L, true, false, List.of(), "png", null);
  }

  Task runToEnd(String taskId) {
    for (int round = 0; round < 400; round++) {
      dashscope.deliverCallbacks();
      kling.deliverCallbacks();
      harness.runOnce();
      Task task = harness.find(taskId);
      if (task.status().isTerminal()) {
        return task;
      }
      clock.advance(Duration.ofSeconds(2));
    }
    throw new AssertionError("task " + taskId + " did not end: " + harness.find(taskId));
  }

  @Test
  void routing_picks_the_upstream_by_model() throws Exception {
    open(Faults.NONE);
    Task wan = runToEnd(create("m-wan", video("wan2.2-t2v-plus", "waves m-wan")).id());
    Task qwen = runToEnd(create("m-qwen", image("qwen-image-plus", "a fox m-qwen")).id());
    Task klingVideo = runToEnd(create("m-kv", video("kling-v3-omni", "a city at night m-kv")).id());
    Task klingImage = runToEnd(create("m-ki", image("kling-v2-1", "a lighthouse m-ki")).id());

    assertThat(List.of(wan, qwen, klingVideo, klingImage)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.SUCCEEDED));
    assertThat(wan.handle().channel()).isEqualTo("dashscope-main");
    assertThat(qwen.handle().channel()).isEqualTo("dashscope-main");
    assertThat(klingVideo.handle().channel()).isEqualTo("kling-main");
    assertThat(klingImage.handle().channel()).isEqualTo("kling-main");
    dashscope.deleteAllFiles();
    kling.deleteAllFiles();
    assertThat(harness.assets.find(wan.result().path("video").asText()).orElseThrow().contentType()).isEqualTo("video/mp4");
    assertThat(wan.result().path("duration").asDouble()).isEqualTo(5.0);
    assertThat(wan.result().path("width").asInt()).as("the size the upstream's usage reports").isEqualTo(1280);
    assertThat(wan.result().path("height").asInt()).isEqualTo(720);
    assertThat(klingVideo.result().path("duration").asDouble()).isEqualTo(5.0);
    assertThat(klingVideo.result().has("width")).as("Kling does not tell the size; the renderers fall back to the spec").isFalse();
    assertThat(harness.assets.find(qwen.result().path("images").get(0).asText()).orElseThrow().contentType()).isEqualTo("image/png");
    assertThat(harness.assets.find(klingVideo.result().path("video").asText())).isPresent();
    assertThat(harness.assets.find(klingImage.result().path("images").get(0).asText())).isPresent();
    assertThat(kling.distinctTokens()).as("one JWT, cached and reused").isEqualTo(1);
  }

  @Test
  void a_relayed_video_gets_its_first_frame_as_a_poster_and_an_undecodable_one_still_succeeds_without() throws Exception {
    open(Faults.NONE);
    Task noise = runToEnd(create("m-noise", video("kling-v3-omni", "random bytes m-noise")).id());
    assertThat(noise.status()).as("a poster is a courtesy: %s", noise.errorMessage()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(noise.result().has("cover")).as("nothing to decode, nothing made up").isFalse();

    byte[] mp4 = io.backbeat.providers.fake.TestVideos.redThenBlue();
    kling.videoFile(mp4);
    dashscope.videoFile(mp4);
    Task kl = runToEnd(create("m-kposter", video("kling-v3-omni", "a red door m-kposter")).id());
    Task wan = runToEnd(create("m-wposter", video("wan2.2-t2v-plus", "a red door m-wposter")).id());
    kling.deleteAllFiles();
    dashscope.deleteAllFiles();
    for (Task task : List.of(kl, wan)) {
      assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
      String key = task.result().path("cover").asText();
      assertThat(key).isEqualTo(task.id() + "/cover.png");
      assertThat(harness.assets.find(key).orElseThrow().contentType()).isEqualTo("image/png");
      java.awt.image.BufferedImage poster;
      try (var in = harness.assets.open(key, 0)) {
        poster = javax.imageio.ImageIO.read(in);
      }
      assertThat(poster.getWidth()).isEqualTo(160);
      assertThat(poster.getHeight()).isEqualTo(96);
      java.awt.Color centre = new java.awt.Color(poster.getRGB(80, 48));
      assertThat(centre.getRed()).as("the first frame (red), not a later one (blue): %s", centre).isGreaterThan(150);
      assertThat(centre.getBlue()).isLessThan(100);
      assertThat(task.result().path("sources").has(key)).as("made here, not an upstream file").isFalse();
    }
  }

  static VideoSpec imageToVideo(String model, String prompt) {
    return new VideoSpec(model, prompt, null, 1280, 720, 5.0, 24, "https://example.com/first.png", null, null, List.of(), null, true, false, null);
  }

  @Test
  void a_lost_submit_is_found_by_our_external_task_id_on_every_kling_route_and_in_dashscope_task_list() throws Exception {
    open(Faults.NONE.with("dropAfterAccept", 1.0));
    // images/generations, images/omni-image, videos/omni-video, videos/text2video, videos/image2video
    List<Task> klingTasks = List.of(
        create("kr-gen", image("kling-v2-1", "kr-gen")),
        create("kr-omni", image("kling-v3-omni", "kr-omni")),
        create("kr-omni-video", video("kling-v3-omni", "kr-omni-video")),
        create("kr-t2v", video("kling-v2-6", "kr-t2v")),
        create("kr-i2v", imageToVideo("kling-v2-6", "kr-i2v")));
    Task wan = create("d-i2v", imageToVideo("wan2.5-i2v-preview", "a cat d-i2v"));
    harness.runOnce();
    assertThat(harness.find(wan.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    assertThat(klingTasks).allSatisfy(t -> assertThat(harness.find(t.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN));
    kling.faults(Faults.NONE);
    dashscope.faults(Faults.NONE);

    for (Task task : klingTasks) {
      assertThat(runToEnd(task.id()).status()).as(task.id()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(kling.jobsFor(task.id())).isEqualTo(1);
    }
    assertThat(runToEnd(wan.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(dashscope.jobsFor(wan.id())).isEqualTo(1);
    assertThat(kling.createRequests()).as("none sent twice").isEqualTo(klingTasks.size());
    assertThat(dashscope.creates()).singleElement().satisfies(c -> assertThat(c.async()).isTrue());
  }

  @Test
  void a_lost_answer_to_a_synchronous_dashscope_image_is_never_sent_again_and_settles_as_billed() throws Exception {
    open(Faults.NONE.with("dropAfterAccept", 1.0));
    Task task = create("d-img", image("qwen-image", "a bell d-img"));
    harness.runOnce();
    dashscope.faults(Faults.NONE);

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.errorMessage()).contains("cannot be looked up");
    assertThat(dashscope.createRequests()).as("a blind resubmit could bill twice").isEqualTo(1);
    assertThat(harness.ledger(task.id())).as("DashScope made it and may have billed it").containsExactly("hold", "settle");
  }

  @Test
  void a_node_killed_right_after_kling_accepted_loses_nothing_and_the_job_is_not_made_twice() throws Exception {
    open(Faults.NONE);
    Task task = create("k-kill", video("kling-v3-omni", "k-kill"));

    int lost = harness.killANodeMidStep(); // it sent the create, Kling made the job, then the node hung
    assertThat(lost).isEqualTo(1);
    Task rescued = harness.find(task.id());
    assertThat(rescued.handle().submitState()).as("an intent without outcome may have arrived").isEqualTo(SubmitState.UNKNOWN);
    assertThat(rescued.attempts()).isEqualTo(2);

    Task done = runToEnd(task.id());
    harness.reviveTheDead();

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(kling.jobsFor(task.id())).isEqualTo(1);
    assertThat(kling.createRequests()).isEqualTo(1);
    assertThat(harness.find(task.id()).status()).as("the dead node, back, changes nothing").isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
  }

  @Test
  void a_node_killed_mid_poll_hands_the_task_on_and_it_still_succeeds_once() throws Exception {
    open(Faults.NONE);
    Task task = create("d-kill", video("wan2.2-t2v-plus", "d-kill"));
    harness.runOnce();
    clock.advance(Duration.ofSeconds(6));

    assertThat(harness.killANodeMidStep()).isEqualTo(1); // hangs right after the poll's answer
    Task done = runToEnd(task.id());
    harness.reviveTheDead();

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(dashscope.jobsFor(task.id())).isEqualTo(1);
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
  }

  @Test
  void kling_tokens_are_reused_until_close_to_expiry_then_renewed() throws Exception {
    open(Faults.NONE);
    io.backbeat.providers.kling.KlingJwt jwt = new io.backbeat.providers.kling.KlingJwt(Secret.of(ACCESS), Secret.of(SECRET), clock);
    String first = jwt.get();
    clock.advance(Duration.ofMinutes(24));
    assertThat(jwt.get()).isEqualTo(first);
    clock.advance(Duration.ofMinutes(2)); // less than 5 minutes of its 30 left
    String renewed = jwt.get();
    assertThat(renewed).isNotEqualTo(first);
    com.fasterxml.jackson.databind.JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.util.Base64.getUrlDecoder().decode(renewed.split("\\.")[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(ACCESS);
    assertThat(claims.path("exp").asLong()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)).getEpochSecond());
    assertThat(claims.path("nbf").asLong()).isEqualTo(clock.instant().minusSeconds(5).getEpochSecond());
    assertThat(jwt.toString()).doesNotContain(ACCESS).doesNotContain(SECRET);
  }

  @Test
  void a_kling_submit_that_never_arrived_is_proven_absent_and_offered_again() throws Exception {
    open(Faults.NONE.with("serverError", 1.0));
    Task task = create("k-500", image("kling-v2-1", "k-500"));
    harness.runOnce();
    assertThat(harness.find(task.id()).handle().submitState()).as("a 500 to a POST is unknown").isEqualTo(SubmitState.UNKNOWN);
    kling.faults(Faults.NONE);

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(kling.jobsFor(task.id())).isEqualTo(1);
    assertThat(kling.createRequests()).as("sent again only after the grace period proved it absent").isEqualTo(2);
  }

  @Test
  void a_dashscope_submit_whose_answer_was_lost_is_found_in_the_task_list() throws Exception {
    open(Faults.NONE.with("slow", 1.0));
    Task task = create("d-slow", video("wan2.5-t2v-preview", "d-slow"));
    harness.runOnce();
    assertThat(harness.find(task.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    dashscope.faults(Faults.NONE);

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(dashscope.jobsFor(task.id())).isEqualTo(1);
    assertThat(dashscope.createRequests()).isEqualTo(1);
  }

  @Test
  void a_failed_kling_task_is_refunded_unless_kling_deducted_units_for_it() throws Exception {
    open(Faults.NONE.with("failJob", 1.0));
    List<Task> done = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      done.add(runToEnd(create("k-f" + i, image("kling-v2-1", "k-f" + i)).id()));
    }

    for (Task task : done) {
      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(harness.ledger(task.id())).containsExactly("hold", kling.chargedFailure(task.id()) ? "settle" : "refund");
    }
    assertThat(done.stream().map(t -> harness.ledger(t.id()).get(1)).toList()).as("both verdicts occur").contains("settle", "refund");
  }

  @Test
  void an_expired_output_url_is_asked_for_again_before_success() throws Exception {
    open(Faults.NONE.with("expiredUrl", 1.0));
    Task task = create("e-1", video("wan2.2-t2v-plus", "e-1"));
    for (int i = 0; i < 60 && rehostFailures(task.id()) < 2; i++) {
      harness.runOnce();
      clock.advance(Duration.ofSeconds(5));
    }
    assertThat(rehostFailures(task.id())).isEqualTo(2);
    assertThat(harness.find(task.id()).status()).as("no success without our copy").isEqualTo(TaskStatus.RUNNING);
    dashscope.faults(Faults.NONE);

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(harness.assets.find(done.result().path("video").asText())).isPresent();
    assertThat(dashscope.createRequests()).isEqualTo(1);
  }

  @Test
  void outputs_that_stay_unreachable_fail_the_task_as_undeliverable_and_refund_it() throws Exception {
    open(Faults.NONE.with("expiredUrl", 1.0));
    Task task = create("e-2", video("wan2.2-t2v-plus", "e-2"));

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("DOWNLOAD_FAILED");
    assertThat(rehostFailures(task.id())).isEqualTo(RelayProvider.MAX_REHOST_FAILURES - 1);
    assertThat(harness.ledger(task.id())).as("the client got nothing").containsExactly("hold", "refund");
  }

  int rehostFailures(String taskId) {
    com.fasterxml.jackson.databind.node.ObjectNode state = harness.find(taskId).handle().state();
    return state == null ? 0 : state.path("rehostFailures").asInt(0);
  }

  @Test
  void kinds_and_models_a_channel_was_not_configured_for_are_not_relayed() throws Exception {
    open(Faults.NONE);
    assertThat(harness.relay.serves(video("kling-v3-omni", "x"))).isTrue();
    assertThat(harness.relay.serves(video("veo-3", "x"))).isFalse();
    assertThat(harness.relay.kinds()).isEqualTo(Set.of(io.backbeat.core.task.TaskKind.IMAGE, io.backbeat.core.task.TaskKind.VIDEO));
  }
}
