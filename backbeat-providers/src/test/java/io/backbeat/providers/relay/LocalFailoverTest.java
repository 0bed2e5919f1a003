package io.backbeat.providers.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.task.spec.WavSpec;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.engine.lyrics.LyricsWriter;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import io.backbeat.providers.local.LocalJob;
import io.backbeat.providers.local.LocalProvider;
import io.backbeat.providers.local.LyricsJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code local} channel at the bottom of the channel list: the local studio takes a task only when
 * every upstream before it definitely did not (refused, rate limited, bad key), never after a submit
 * that may have arrived; and work on a clip stays with whoever made the clip.
 */
class LocalFailoverTest {
  static final String KEY = "suno-test-key-1";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  SettableClock clock;
  FakeSuno suno;
  RelayHarness harness;
  /** Songs the studio made. */
  final AtomicInteger songsRendered = new AtomicInteger();

  /** Calls time out after 5 s: on a loaded machine a shorter one turns a refusal into an unknown outcome. */
  ChannelConfig sunoMain() {
    return SunoRelayTest.channel("suno-main", ChannelType.SUNOAPI, suno.baseUrl(), 10).withLimits(null, 0, Duration.ofSeconds(5));
  }

  static ChannelConfig local() {
    return ChannelConfig.of("local", ChannelType.LOCAL, null);
  }

  @AfterEach
  void close() {
    if (harness != null) harness.close();
    if (suno != null) suno.close();
  }

  Task runToEnd(String taskId) {
    return harness.runToEnd(taskId, 200, suno);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unavailable", "tooMany", "revokedKey"})
  void an_upstream_that_did_not_take_the_task_hands_it_to_the_local_studio_which_renders_it(String refusal) throws Exception {
    openRefusing(refusal);
    Task task = harness.create(new LyricsSpec("a lighthouse in winter", null));

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.handle().channel()).as("recorded on the local channel").isEqualTo("local");
    assertThat(done.handle().submitState()).isEqualTo(SubmitState.NOT_SENT);
    assertThat(done.handle().upstreamId()).isNull();
    assertThat(done.result().has("upstream")).as("nothing came from an upstream").isFalse();
    // the studio's own lyrics: the same the local provider writes for this task, not the fake's
    JsonNode lyrics = done.result().path("lyrics");
    assertThat(lyrics).hasSize(2);
    assertThat(lyrics.get(0).path("text").asText()).contains("[Verse]").doesNotContain("line 0 of");
    assertThat(lyrics.get(0).path("title").asText()).isNotBlank();
    assertThat(suno.requests()).as("asked once, never polled").isEqualTo(1);
    assertThat(suno.jobsFor(task.id())).as("no upstream job").isZero();
    assertThat(harness.ledger(task.id())).as("one hold, one settle").containsExactly("hold", "settle");
  }

  /** A fake sunoapi.org with {@code fault} on every request ("none"; "revokedKey": none, but our key is not its key), and the harness. */
  private void openRefusing(String fault) throws Exception {
    clock = new SettableClock(RelayHarness.T0);
    boolean revoked = fault.equals("revokedKey");
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 3, revoked || fault.equals("none") ? Faults.NONE : Faults.NONE.with(fault, 1.0), KEY);
    ChannelConfig upstream = revoked ? sunoMain().withApiKey(Secret.of("a-revoked-key")) : sunoMain();
    // the studio: real lyrics; songs are a stub standing in for the engine, whose sound is tested elsewhere
    LocalJob song = (task, context) -> {
      songsRendered.incrementAndGet();
      ObjectNode result = JSON.createObjectNode().put("title", "made here");
      result.putArray("clips").addObject().put("id", "local-clip-0").put("audio", task.id() + "/local-clip-0.mp3");
      return Step.succeed(result);
    };
    LocalJob wav = (task, context) -> Step.succeed(JSON.createObjectNode().put("wav", task.id() + "/local-clip-0.wav"));
    Provider studio = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter()), TaskKind.SONG, song, TaskKind.WAV, wav), 2);
    harness = new RelayHarness(dir, List.of(upstream, local()), clock, Optional.of(studio));
  }

  @Test
  void a_submit_that_may_have_arrived_is_reconciled_never_rendered_locally() throws Exception {
    openRefusing("dropAfterAccept");
    Task task = harness.create(new LyricsSpec("a lighthouse in winter", null));
    harness.runOnce();
    assertThat(harness.find(task.id()).handle().submitState()).isEqualTo(SubmitState.UNKNOWN);
    suno.faults(Faults.NONE);

    Task done = runToEnd(task.id());

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.handle().channel()).isEqualTo("suno-main");
    assertThat(done.result().path("upstream").path("channel").asText()).isEqualTo("suno-main");
    assertThat(done.result().path("lyrics").get(0).path("text").asText()).as("the upstream's lyrics").contains("line 0 of a lighthouse in winter");
    assertThat(suno.createRequests()).as("never resent").isEqualTo(1);
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
  }

  /**
   * Randomized: a misbehaving upstream (every request fault, lost and forged callbacks, failing
   * jobs) and nodes dying mid-step. A task the studio served never has an upstream job; one the
   * upstream finished has exactly one; every hold moves once.
   */
  @Test
  void under_random_faults_the_studio_serves_only_what_no_upstream_can_have() throws Exception {
    long seed = Long.getLong("relay.failover.seed", System.currentTimeMillis());
    Random random = new Random(seed);
    openRefusing("none");
    suno.faults(Faults.random(random).with("unavailable", 0.3));
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tasks.add(harness.create(new LyricsSpec("chaos " + i, null)));
    }
    int deaths = 0;
    for (int round = 0; round < 3000 && !tasks.stream().allMatch(t -> harness.find(t.id()).status().isTerminal()); round++) {
      if (deaths < 2 && random.nextDouble() < 0.03) {
        deaths++;
        harness.killANodeMidStep();
      }
      if (random.nextDouble() < 0.7) {
        suno.deliverCallbacks();
      }
      harness.runOnce();
      clock.advance(Duration.ofMillis(500 + random.nextInt(7_500)));
    }
    harness.reviveTheDead();

    for (Task created : tasks) {
      Task task = harness.find(created.id());
      String what = "seed " + seed + ", " + task.id() + " on " + task.handle().channel() + " (" + task.status() + " " + task.errorMessage() + ")";
      assertThat(task.status().isTerminal()).as("ends: " + what).isTrue();
      int jobs = suno.jobsFor(task.id());
      if ("local".equals(task.handle().channel())) {
        assertThat(jobs).as("the studio never serves what the upstream may have: " + what).isZero();
        assertThat(task.status()).as(what).isEqualTo(TaskStatus.SUCCEEDED);
      } else {
        assertThat(jobs).as("at most one upstream job: " + what).isLessThanOrEqualTo(1);
        if (task.status() == TaskStatus.SUCCEEDED) {
          assertThat(jobs).as(what).isEqualTo(1);
        }
      }
      List<String> ledger = harness.ledger(task.id());
      assertThat(ledger).as("the hold moves once: " + what).hasSize(2).startsWith("hold");
      if (task.status() == TaskStatus.SUCCEEDED) {
        assertThat(ledger.get(1)).as(what).isEqualTo("settle");
      }
    }
  }

  @Test
  void work_on_a_clip_stays_with_whoever_made_the_clip() throws Exception {
    openRefusing("unavailable");
    Task local = runToEnd(harness.create(SunoRelayTest.song("made here")).id());
    assertThat(local.handle().channel()).isEqualTo("local");
    assertThat(songsRendered).hasValue(1);

    // the local studio's clip: its WAV is the studio's task, not the relay's
    WavSpec localWav = new WavSpec(new ClipRef(local.id(), "local-clip-0"), null);
    assertThat(harness.relay.serves(localWav)).isFalse();
    assertThat(harness.create(localWav).provider()).isEqualTo(LocalProvider.NAME);

    // an upstream's clip: its WAV waits for that upstream, even while it refuses; the studio never takes it
    suno.faults(Faults.NONE);
    Task relayed = runToEnd(harness.create(SunoRelayTest.song("made upstream")).id());
    assertThat(relayed.handle().channel()).isEqualTo("suno-main");
    String clipId = relayed.result().path("clips").get(0).path("id").asText();
    suno.faults(Faults.NONE.with("unavailable", 1.0));
    Task wav = harness.create(new WavSpec(new ClipRef(relayed.id(), clipId), null));
    assertThat(wav.provider()).isEqualTo(RelayProvider.NAME);
    harness.runOnce();
    assertThat(harness.find(wav.id()).handle().channel()).as("refused, not handed to the studio").isNotEqualTo("local");
    assertThat(harness.find(wav.id()).status()).isNotEqualTo(TaskStatus.SUCCEEDED);
    suno.faults(Faults.NONE);
    Task done = runToEnd(wav.id());
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.handle().channel()).isEqualTo("suno-main");
    assertThat(songsRendered).as("the studio rendered only its own song").hasValue(1);
  }
}
