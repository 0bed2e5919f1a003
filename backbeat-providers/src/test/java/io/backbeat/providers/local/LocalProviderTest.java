package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.RescueDecision;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.core.testkit.TestSpecs;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.lyrics.LyricsWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static Task task(String id, TaskSpec spec) {
    return Task.queued(id, "acct", "key", "suno", "suno.test", LocalProvider.NAME, spec, JSON.createObjectNode(), T0);
  }

  private static Task task(TaskSpec spec) {
    return task(TaskIds.newId(), spec);
  }

  /** Records what a job reports. */
  static final class RecordingContext implements TaskContext {
    final List<Stage> stages = new ArrayList<>();

    @Override
    public AssetStore assets() {
      throw new UnsupportedOperationException("no assets in this test");
    }

    @Override
    public InstantSource clock() {
      return new SettableClock(T0);
    }

    @Override
    public boolean reachStage(Stage stage, ObjectNode r) {
      stages.add(stage);
      return true;
    }

    @Override
    public boolean isAbandoned() {
      return false;
    }

    @Override
    public ProviderHandle handle() {
      return ProviderHandle.NONE;
    }

    @Override
    public boolean saveHandle(ProviderHandle handle) {
      throw new AssertionError("local jobs keep no provider state");
    }
  }

  private static ObjectNode resultOf(Step step) {
    assertThat(step).isInstanceOf(Step.Succeed.class);
    return ((Step.Succeed) step).result();
  }

  @Test
  void lyrics_job_publishes_two_titled_sectioned_variants_about_the_prompt() throws Exception {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    ObjectNode result = resultOf(provider.step(task(TestSpecs.lyrics("a lighthouse keeper in Galway")), new RecordingContext()));

    assertThat(result.path("lyrics")).hasSize(2);
    String first = result.path("lyrics").get(0).path("text").asText();
    assertThat(first).contains("[Verse").contains("[Chorus");
    assertThat(first + result.path("lyrics").get(1).path("text").asText()).containsIgnoringCase("Galway");
    assertThat(result.path("lyrics").get(0).path("title").asText()).isNotBlank();
  }

  @Test
  void the_same_task_always_gets_the_same_lyrics_and_another_task_other_lyrics() throws Exception {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    Task one = task(TestSpecs.lyrics("summer in the city"));
    ObjectNode a = resultOf(provider.step(one, new RecordingContext()));
    ObjectNode b = resultOf(provider.step(one, new RecordingContext())); // a re-run after a crash
    ObjectNode c = resultOf(provider.step(task(TestSpecs.lyrics("summer in the city")), new RecordingContext()));
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void an_unsupported_kind_fails_loudly_and_kinds_are_declared() {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    assertThat(provider.kinds()).containsExactly(TaskKind.LYRICS);
    TaskSpec wav = TestSpecs.everyKind().stream().filter(s -> s.kind() == TaskKind.WAV).findFirst().orElseThrow();
    assertThatThrownBy(() -> provider.step(task(wav), new RecordingContext()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("WAV");
  }

  @Test
  void a_job_given_another_kinds_spec_refuses_it() {
    LyricsJob job = new LyricsJob(new LyricsWriter());
    assertThatThrownBy(() -> job.run(task(TestSpecs.song("x")), new RecordingContext()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("SONG");
  }

  @Test
  void a_lost_lease_resumes_because_local_renders_are_deterministic() {
    LocalProvider provider = new LocalProvider(Map.of(), 2);
    assertThat(provider.onLeaseLost(task(TestSpecs.song("x")))).isInstanceOf(RescueDecision.Resume.class);
    assertThat(provider.defaultSlots()).isEqualTo(2);
  }

  @Test
  void a_caller_written_song_maps_every_field_onto_the_engine_request_with_a_per_task_seed() {
    SongSpec spec =
        new SongSpec(
            "V4",
            new Composition(null, "[Verse]\nla", "Floor", "house, 124 bpm", false,
                new Shaping("piano", VocalGender.FEMALE, 0.4, 0.2, null, "p1")),
            240,
            TestSpecs.CALLBACK);
    Task task = task(spec);
    SongRequest song = SongJob.toSongRequest(task, spec);
    assertThat(song.prompt()).isEqualTo("[Verse]\nla");
    assertThat(song.style()).isEqualTo("house, 124 bpm");
    assertThat(song.title()).isEqualTo("Floor");
    assertThat(song.customMode()).isTrue();
    assertThat(song.instrumental()).isFalse();
    assertThat(song.model()).isEqualTo("V4");
    assertThat(song.negativeTags()).isEqualTo("piano");
    assertThat(song.vocalGender()).isEqualTo("f");
    assertThat(song.styleWeight()).isEqualTo(0.4);
    assertThat(song.weirdnessConstraint()).isEqualTo(0.2);
    assertThat(song.audioWeight()).isNull();
    assertThat(song.personaId()).isEqualTo("p1");
    assertThat(song.maxLength()).isEqualTo(Duration.ofMinutes(4));
    assertThat(song.seed()).isEqualTo(LocalProvider.seedOf(task));
  }

  @Test
  void a_studio_written_song_passes_the_idea_as_the_prompt() {
    SongSpec spec = TestSpecs.song("lo-fi about a rainy afternoon");
    SongRequest song = SongJob.toSongRequest(task(spec), spec);
    assertThat(song.customMode()).isFalse();
    assertThat(song.prompt()).isEqualTo("lo-fi about a rainy afternoon");
    assertThat(song.title()).isNull();
    assertThat(song.vocalGender()).isNull();
  }

  @Test
  void clip_ids_are_stable_for_a_task_id_and_differ_between_clips_and_tasks() {
    String id = TaskIds.newId();
    Task first = task(id, TestSpecs.song("x"));
    Task rerun = task(id, TestSpecs.song("x")); // the same task read again after a crash
    Task other = task(TestSpecs.song("x"));

    assertThat(SongJob.clipId(rerun, 0)).isEqualTo(SongJob.clipId(first, 0));
    assertThat(SongJob.clipId(first, 1)).isNotEqualTo(SongJob.clipId(first, 0));
    assertThat(SongJob.clipId(other, 0)).isNotEqualTo(SongJob.clipId(first, 0));
    assertThat(SongJob.clipId(first, 0)).matches("[0-9a-f-]{36}");
  }
}
