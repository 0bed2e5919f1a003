package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.TaskKind;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.lyrics.LyricsWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Task task(TaskKind kind, ObjectNode request) {
    return Task.queued(TaskIds.newId(), "acct", "key", kind, "suno", "suno.test", LocalProvider.NAME, request, request, null, Instant.now());
  }

  /** Records what a job reports. */
  static final class RecordingContext implements TaskContext {
    final List<Stage> stages = new ArrayList<>();
    ObjectNode result;
    FailureCode failure;

    @Override
    public AssetStore assets() {
      throw new UnsupportedOperationException("no assets in this test");
    }

    @Override
    public boolean reachStage(Stage stage, ObjectNode r) {
      stages.add(stage);
      return true;
    }

    @Override
    public boolean succeed(ObjectNode r) {
      result = r;
      return true;
    }

    @Override
    public boolean fail(FailureCode code, String message) {
      failure = code;
      return true;
    }

    @Override
    public boolean isAbandoned() {
      return false;
    }
  }

  @Test
  void lyrics_job_publishes_two_titled_sectioned_variants_about_the_prompt() throws Exception {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    RecordingContext context = new RecordingContext();
    provider.run(task(TaskKind.LYRICS, JSON.createObjectNode().put("prompt", "a lighthouse keeper in Galway")), context);

    assertThat(context.failure).isNull();
    assertThat(context.result.path("lyrics")).hasSize(2);
    String first = context.result.path("lyrics").get(0).path("text").asText();
    assertThat(first).contains("[Verse").contains("[Chorus");
    assertThat(first + context.result.path("lyrics").get(1).path("text").asText()).containsIgnoringCase("Galway");
    assertThat(context.result.path("lyrics").get(0).path("title").asText()).isNotBlank();
  }

  @Test
  void the_same_task_always_gets_the_same_lyrics_and_another_task_other_lyrics() throws Exception {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    ObjectNode request = JSON.createObjectNode().put("prompt", "summer in the city");
    Task one = task(TaskKind.LYRICS, request);
    RecordingContext a = new RecordingContext();
    RecordingContext b = new RecordingContext();
    RecordingContext c = new RecordingContext();
    provider.run(one, a);
    provider.run(one, b); // a re-run after a crash
    provider.run(task(TaskKind.LYRICS, request), c);
    assertThat(b.result).isEqualTo(a.result);
    assertThat(c.result).isNotEqualTo(a.result);
  }

  @Test
  void an_unsupported_kind_fails_loudly_and_kinds_are_declared() {
    LocalProvider provider = new LocalProvider(Map.of(TaskKind.LYRICS, new LyricsJob(new LyricsWriter())));
    assertThat(provider.kinds()).containsExactly(TaskKind.LYRICS);
    assertThatThrownBy(() -> provider.run(task(TaskKind.VIDEO, JSON.createObjectNode()), new RecordingContext()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("VIDEO");
  }

  @Test
  void song_requests_carry_every_normalized_field_and_a_per_task_seed() {
    ObjectNode request =
        JSON.createObjectNode()
            .put("prompt", "[Verse]\nla")
            .put("style", "house, 124 bpm")
            .put("title", "Floor")
            .put("customMode", true)
            .put("instrumental", false)
            .put("model", "V4")
            .put("maxLengthSeconds", 240)
            .put("negativeTags", "piano")
            .put("vocalGender", "f")
            .put("styleWeight", 0.4)
            .put("weirdnessConstraint", 0.2)
            .put("personaId", "p1");
    Task task = task(TaskKind.SONG, request);
    SongRequest song = SongJob.toSongRequest(task);
    assertThat(song.style()).isEqualTo("house, 124 bpm");
    assertThat(song.title()).isEqualTo("Floor");
    assertThat(song.customMode()).isTrue();
    assertThat(song.negativeTags()).isEqualTo("piano");
    assertThat(song.vocalGender()).isEqualTo("f");
    assertThat(song.styleWeight()).isEqualTo(0.4);
    assertThat(song.audioWeight()).isNull();
    assertThat(song.personaId()).isEqualTo("p1");
    assertThat(song.maxLength()).isEqualTo(Duration.ofMinutes(4));
    assertThat(song.seed()).isEqualTo(LocalProvider.seedOf(task)).isEqualTo(SongJob.toSongRequest(task).seed());
    assertThat(SongJob.clipId(task, 0)).isEqualTo(SongJob.clipId(task, 0)).isNotEqualTo(SongJob.clipId(task, 1));
  }
}
