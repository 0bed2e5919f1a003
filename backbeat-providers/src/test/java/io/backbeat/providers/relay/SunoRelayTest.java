package io.backbeat.providers.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.core.task.spec.WavSpec;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Suno relay against fake sunoapi.org and AnyInt upstreams, one behaviour at a time. */
class SunoRelayTest {
  static final String KEY = "suno-test-key-1";

  @TempDir Path dir;
  FakeSuno suno;
  FakeSuno anyint;
  RelayHarness harness;

  private io.backbeat.core.testkit.SettableClock clock;

  void open(Faults faults, java.util.function.Function<String[], List<ChannelConfig>> channels) throws Exception {
    clock = new io.backbeat.core.testkit.SettableClock(RelayHarness.T0);
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 1, faults, KEY);
    anyint = new FakeSuno(FakeSuno.Family.ANYINT, clock, 2, faults, KEY);
    harness = new RelayHarness(dir, channels.apply(new String[] {suno.baseUrl(), anyint.baseUrl()}), clock);
  }

  static ChannelConfig channel(String name, ChannelType type, String baseUrl, int priority) {
    return ChannelConfig.of(name, type, baseUrl)
        .withApiKey(Secret.of(KEY))
        .withRouting(java.util.Set.of(), java.util.Set.of(), priority, 1)
        .withLimits(null, 0, Duration.ofMillis(400))
        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofSeconds(60));
  }

  @AfterEach
  void close() {
    if (harness != null) harness.close();
    if (suno != null) suno.close();
    if (anyint != null) anyint.close();
  }

  static SongSpec song(String idea) {
    return new SongSpec("V5", new Composition(idea, null, null, null, false, Shaping.NONE), 480, null);
  }

  Task runToEnd(String taskId, int maxRounds) {
    return harness.runToEnd(taskId, maxRounds, suno, anyint);
  }

  @Test
  void a_song_is_relayed_once_its_stages_relayed_and_its_files_rehosted_before_success() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    List<Stage> stagesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    harness.tasks.addListener(event -> stagesSeen.add(event.stage()));
    Task task = harness.create(song("a song about the sea"));

    Task done = runToEnd(task.id(), 200);

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(suno.jobsFor(task.id())).as("one upstream job").isEqualTo(1);
    assertThat(suno.createRequests()).isEqualTo(1);
    assertThat(stagesSeen).contains(Stage.TEXT, Stage.FIRST, Stage.COMPLETE);
    assertThat(done.handle().channel()).isEqualTo("suno-main");
    assertThat(done.handle().submitState()).isEqualTo(SubmitState.ACCEPTED);
    JsonNode clips = done.result().path("clips");
    assertThat(clips).hasSize(2);
    suno.deleteAllFiles();
    for (JsonNode clip : clips) {
      assertThat(clip.path("upstreamId").asText()).isNotBlank();
      String audio = clip.path("audio").asText();
      assertThat(audio).startsWith(task.id() + "/").endsWith(".mp3");
      assertThat(harness.assets.find(audio).orElseThrow().contentType()).isEqualTo("audio/mpeg");
      assertThat(harness.assets.find(clip.path("image").asText()).orElseThrow().contentType()).isEqualTo("image/jpeg");
      String sha = sha256(audio);
      assertThat(suno.fileHashes()).as("our copy is the upstream's file, byte for byte").contains(sha);
      assertThat(done.result().path("sources").path(audio).path("sha256").asText()).isEqualTo(sha);
      assertThat(done.result().path("sources").path(audio).path("url").asText()).doesNotContain("Signature").doesNotContain("?");
    }
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
  }

  @Test
  void lyrics_are_relayed_on_the_anyint_family() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("anyint", ChannelType.ANYINT_SUNO, urls[1], 10)));
    Task task = harness.create(new LyricsSpec("rain on a tin roof", null));

    Task done = runToEnd(task.id(), 200);

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.result().path("lyrics")).hasSize(2);
    assertThat(done.result().path("lyrics").get(0).path("text").asText()).contains("rain on a tin roof");
    assertThat(anyint.jobsFor(task.id())).isEqualTo(1);
  }

  @Test
  void a_refusing_channel_fails_over_and_one_that_may_have_received_the_submit_never_does() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10), channel("anyint", ChannelType.ANYINT_SUNO, urls[1], 5)));
    suno.faults(Faults.NONE.with("unavailable", 1.0));
    Task refused = harness.create(song("first"));
    harness.runOnce();
    assertThat(harness.find(refused.id()).handle().channel()).as("failed over after a 503").isEqualTo("anyint");

    suno.faults(Faults.NONE.with("dropAfterAccept", 1.0));
    Task dropped = harness.create(song("second"));
    harness.runOnce();
    assertThat(harness.find(dropped.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    assertThat(harness.find(dropped.id()).handle().channel()).as("no failover after a maybe-accepted submit").isEqualTo("suno-main");
    suno.faults(Faults.NONE);

    Task a = runToEnd(refused.id(), 200);
    Task b = runToEnd(dropped.id(), 200);

    assertThat(a.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(b.status()).as("found again through the upstream's callback").isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(suno.jobsFor(refused.id()) + anyint.jobsFor(refused.id())).isEqualTo(1);
    assertThat(suno.jobsFor(dropped.id()) + anyint.jobsFor(dropped.id())).isEqualTo(1);
    assertThat(b.handle().upstreamId()).isEqualTo(suno.jobIdsFor(dropped.id()).get(0));
  }

  @Test
  void an_upstream_429_pauses_its_channel_so_the_next_task_goes_elsewhere_without_calling_it() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10), channel("anyint", ChannelType.ANYINT_SUNO, urls[1], 5)));
    suno.faults(Faults.NONE.with("tooMany", 1.0)); // 429 with Retry-After: 1
    Task first = harness.create(song("one"));
    harness.runOnce();
    int callsAfterFirst = suno.requests();
    Task second = harness.create(song("two"));
    harness.runOnce();

    assertThat(harness.find(first.id()).handle().channel()).isEqualTo("anyint");
    assertThat(harness.find(second.id()).handle().channel()).isEqualTo("anyint");
    assertThat(suno.requests()).as("the paused channel was not called again").isEqualTo(callsAfterFirst);
    assertThat(harness.relay.health(clock.instant()).get(0).rateLimitedUntil()).isNotNull();

    clock.advance(Duration.ofSeconds(2));
    suno.faults(Faults.NONE);
    Task third = harness.create(song("three"));
    harness.runOnce();
    assertThat(harness.find(third.id()).handle().channel()).as("after the pause, the preferred channel again").isEqualTo("suno-main");
  }

  @Test
  void a_channel_whose_key_the_upstream_refuses_hands_its_tasks_to_the_next() throws Exception {
    open(Faults.NONE, urls -> List.of(
        channel("suno-main", ChannelType.SUNOAPI, urls[0], 10).withApiKey(Secret.of("a-revoked-key")),
        channel("anyint", ChannelType.ANYINT_SUNO, urls[1], 5)));
    Task task = harness.create(song("keys"));
    harness.runOnce();

    assertThat(harness.find(task.id()).handle().channel()).isEqualTo("anyint");
    ChannelHealth.Snapshot main = harness.relay.health(clock.instant()).get(0);
    assertThat(main.submitsRefused()).isEqualTo(1);
    assertThat(main.lastError()).contains("refused the channel's credentials").doesNotContain("a-revoked-key");
    assertThat(runToEnd(task.id(), 200).status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void a_node_killed_right_after_suno_accepted_is_reconciled_through_the_callback_not_resent() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    Task task = harness.create(song("killed"));

    assertThat(harness.killANodeMidStep()).isEqualTo(1);
    assertThat(harness.find(task.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    Task done = runToEnd(task.id(), 300);
    harness.reviveTheDead();

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(suno.createRequests()).isEqualTo(1);
    assertThat(done.handle().upstreamId()).isEqualTo(suno.jobIdsFor(task.id()).get(0));
  }

  @Test
  void a_callback_with_a_wrong_token_wakes_nothing_and_a_duplicate_is_recognised() throws Exception {
    open(Faults.NONE.with("wrongSecret", 1.0).with("duplicateCallback", 1.0), urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    Task task = harness.create(song("hooks"));
    harness.runOnce();
    clock.advance(Duration.ofSeconds(5));

    suno.deliverCallbacks(); // text stage: the real one, a duplicate, a forged one

    assertThat(harness.verdicts.get(RelayCallbacks.Verdict.WOKEN)).hasValue(1);
    assertThat(harness.verdicts.get(RelayCallbacks.Verdict.DUPLICATE)).hasValue(1);
    assertThat(harness.verdicts.get(RelayCallbacks.Verdict.UNAUTHORIZED)).hasValueGreaterThanOrEqualTo(1);
    assertThat(harness.find(task.id()).nextRunAt()).as("woken: due now").isEqualTo(clock.instant());
  }

  @Test
  void a_definitive_upstream_failure_is_refunded() throws Exception {
    open(Faults.NONE.with("failJob", 1.0), urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    Task task = harness.create(song("doomed"));

    Task done = runToEnd(task.id(), 200);

    assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("GENERATION_FAILED");
    assertThat(harness.ledger(task.id())).containsExactly("hold", "refund");
  }

  @Test
  void an_unknown_submit_without_any_callback_fails_at_the_horizon_and_keeps_the_charge() throws Exception {
    open(Faults.NONE.with("dropAfterAccept", 1.0).with("dropCallback", 1.0), urls -> List.of(channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    Task task = harness.create(song("lost"));
    harness.runOnce();
    suno.faults(Faults.NONE.with("dropCallback", 1.0));

    Task done = null;
    for (int i = 0; i < 400 && (done == null || !done.status().isTerminal()); i++) {
      clock.advance(Duration.ofSeconds(20));
      harness.runOnce();
      done = harness.find(task.id());
      if (!done.status().isTerminal()) {
        assertThat(done.status()).as("unknown keeps reconciling, it does not fail").isEqualTo(TaskStatus.RUNNING);
      }
    }

    assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("TIMEOUT");
    assertThat(done.errorMessage()).contains("never confirmed or denied").contains("may have billed");
    assertThat(harness.ledger(task.id())).as("the upstream may have charged").containsExactly("hold", "settle");
    assertThat(suno.createRequests()).as("never resent blind").isEqualTo(1);
  }

  @Test
  void follow_up_kinds_go_to_the_channel_that_made_the_source_with_its_upstream_ids() throws Exception {
    open(Faults.NONE, urls -> List.of(channel("anyint", ChannelType.ANYINT_SUNO, urls[1], 1), channel("suno-main", ChannelType.SUNOAPI, urls[0], 10)));
    Task song = runToEnd(harness.create(song("source")).id(), 200);
    String clipId = song.result().path("clips").get(0).path("id").asText();
    assertThat(harness.relay.serves(new WavSpec(new ClipRef(song.id(), clipId), null))).isTrue();

    Task wav = runToEnd(harness.create(new WavSpec(new ClipRef(song.id(), clipId), null)).id(), 200);
    Task stems = runToEnd(harness.create(new StemsSpec(new ClipRef(song.id(), clipId), StemsSpec.Separation.ALL_STEMS, null)).id(), 200);
    Task style = runToEnd(harness.create(new StyleBoostSpec("pop, mysterious")).id(), 50);

    assertThat(wav.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(wav.handle().channel()).isEqualTo("suno-main");
    assertThat(harness.assets.find(wav.result().path("wav").asText()).orElseThrow().contentType()).isEqualTo("audio/wav");
    assertThat(stems.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(stems.result().path("stems").fieldNames()).toIterable().contains("vocals", "drums", "bass", "guitar");
    // the local studio's shape: the dialect renders both alike
    assertThat(stems.result().path("separation").asText()).isEqualTo("ALL_STEMS");
    assertThat(stems.result().path("origin").asText()).isEqualTo(song.result().path("clips").get(0).path("audio").asText());
    assertThat(stems.result().path("approximate").isBoolean()).isTrue();
    assertThat(style.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(style.result().path("style").asText()).contains("pop, mysterious").contains("bpm");
  }

  private String sha256(String key) throws Exception {
    try (InputStream in = harness.assets.open(key, 0)) {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    }
  }
}
