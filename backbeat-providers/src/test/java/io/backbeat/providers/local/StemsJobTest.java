package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import io.backbeat.engine.testing.MediaFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code split_stem} of our own clips: guitar and brass parts land in the {@code guitar} and
 * {@code brass} stems, judged by FFmpeg's {@code astats}, and a song without them has neither.
 * Short instrumental songs keep it as fast as real renders allow.
 */
@Tag("e2e")
class StemsJobTest {
  @TempDir static Path dir;
  static MediaJobHarness harness;
  static Studio studio;
  static final Map<String, Task> finished = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    MediaFixtures.require("ffmpeg");
    harness = new MediaJobHarness(dir);
    studio = new Studio(new StudioConfig(null, dir.resolve("studio"), 2));
  }

  @AfterAll
  static void stop() throws Exception {
    studio.close();
    harness.close();
  }

  @Test
  void a_funk_song_with_horns_has_audible_guitar_and_brass_stems() throws Exception {
    // funk comps on a clean electric guitar (GM 27); "horns" asks for the brass section (GM 61)
    Map<String, Path> stems = splitStems("funk with horns, 108 bpm");
    assertThat(stems).containsKeys("guitar", "brass").doesNotContainKey("keyboard");
    double guitarDb = MediaFixtures.rmsDb(stems.get("guitar"), "anull");
    double brassDb = MediaFixtures.rmsDb(stems.get("brass"), "anull");
    assertThat(guitarDb).as("guitar stem RMS, dBFS").isGreaterThan(-40);
    assertThat(brassDb).as("brass stem RMS, dBFS").isGreaterThan(-45);
  }

  @Test
  void a_synthwave_song_has_neither_guitar_nor_brass() throws Exception {
    Map<String, Path> stems = splitStems("synthwave, 100 bpm, retro");
    assertThat(stems).containsKeys("drums", "bass", "synth").doesNotContainKeys("guitar", "brass");
  }

  /** Renders a short instrumental in {@code style}, then split_stem of its first clip: stem name to WAV. */
  private static Map<String, Path> splitStems(String style) throws Exception {
    SongSpec spec = new SongSpec("V4", new Composition(null, null, "Parts", style, true, null), 30, null);
    Task song = MediaJobHarness.task(spec);
    Step rendered = new SongJob(studio, harness.work).run(song, harness.context());
    assertThat(rendered).isInstanceOf(Step.Succeed.class);
    ObjectNode result = ((Step.Succeed) rendered).result();
    finished.put(song.id(), succeeded(song, result));
    String clipId = result.path("clips").get(0).path("id").asText();

    Task stemsTask = MediaJobHarness.task(new StemsSpec(new ClipRef(song.id(), clipId), StemsSpec.Separation.ALL_STEMS, null));
    Step split = new StemsJob(id -> Optional.ofNullable(finished.get(id)), harness.work).run(stemsTask, harness.context());
    assertThat(split).isInstanceOf(Step.Succeed.class);
    Map<String, Path> files = new java.util.TreeMap<>();
    List<Map.Entry<String, JsonNode>> stems = new ArrayList<>();
    ((Step.Succeed) split).result().path("stems").fields().forEachRemaining(stems::add);
    for (Map.Entry<String, JsonNode> stem : stems) {
      Path file = dir.resolve(song.id() + "-" + stem.getKey() + ".wav");
      Files.write(file, harness.asset(stem.getValue().asText()));
      files.put(stem.getKey(), file);
    }
    return files;
  }

  private static Task succeeded(Task t, ObjectNode result) {
    return new Task(
        t.id(), t.accountId(), t.apiKeyId(), t.dialect(), t.route(), t.provider(), TaskStatus.SUCCEEDED, Stage.COMPLETE, t.spec(),
        t.originalPayload(), result, null, null, t.handle(), null, null, t.attempts(), t.nextRunAt(), t.createdAt(), t.updatedAt(),
        t.createdAt());
  }
}
