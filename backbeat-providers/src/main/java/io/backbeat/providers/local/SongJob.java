package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.Studio;
import io.backbeat.engine.WordTiming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * SONG: plans the song (lyrics and arrangement: the "text" stage), renders both clips in parallel,
 * reports the first finished clip (the "first" stage) and then both. Result:
 * {@code {"title","tags","lyrics","clips":[{"id","title","tags","prompt","duration","bpm","key",
 * "audio","image","words","stems":{part:key}}]}} with asset keys.
 */
public final class SongJob implements LocalJob {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Studio studio;
  private final Path workDir;

  public SongJob(Studio studio, Path workDir) {
    this.studio = requireNonNull(studio, "studio is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    if (!(task.spec() instanceof SongSpec spec)) {
      throw new UnsupportedOperationException("SongJob makes songs, not " + task.kind());
    }
    SongPlan plan = studio.plan(toSongRequest(task, spec));
    ObjectNode result = MAPPER.createObjectNode();
    result.put("title", plan.title());
    result.put("tags", plan.tags());
    if (plan.lyrics() != null) {
      result.put("lyrics", plan.lyrics());
    }
    ArrayNode clips = result.putArray("clips");
    for (int i = 0; i < plan.clips().size(); i++) {
      clips.addObject()
          .put("id", clipId(task, i))
          .put("title", plan.title())
          .put("tags", plan.tags())
          .put("prompt", plan.lyrics() != null ? plan.lyrics() : "");
    }
    if (!context.reachStage(Stage.TEXT, result.deepCopy())) {
      return Step.abandoned();
    }

    Path taskDir = workDir.resolve(task.id());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      // clips render in parallel; their fields are merged here, on this thread only
      ExecutorCompletionService<ClipOutput> done = new ExecutorCompletionService<>(pool);
      for (int i = 0; i < plan.clips().size(); i++) {
        int index = i;
        done.submit(() -> renderClip(task, plan, index, taskDir, context));
      }
      for (int finished = 0; finished < plan.clips().size(); finished++) {
        ClipOutput output = done.take().get(); // rethrows a render failure
        ((ObjectNode) clips.get(output.index())).setAll(output.fields());
        if (context.isAbandoned()) {
          pool.shutdownNow();
          return Step.abandoned();
        }
        if (finished == 0 && plan.clips().size() > 1) {
          if (!context.reachStage(Stage.FIRST, result.deepCopy())) {
            pool.shutdownNow();
            return Step.abandoned();
          }
        }
      }
    } finally {
      deleteRecursively(taskDir);
    }
    return Step.succeed(result);
  }

  private record ClipOutput(int index, ObjectNode fields) {}

  private ClipOutput renderClip(Task task, SongPlan plan, int index, Path taskDir, TaskContext context) throws IOException {
    AssetStore assets = context.assets();
    Path dir = Files.createDirectories(taskDir.resolve("clip-" + index));
    RenderedClip rendered = studio.render(plan, index, dir);
    String id = clipId(task, index);
    String audio = put(assets, task, id + ".mp3", rendered.mp3());
    String image = put(assets, task, id + ".jpg", rendered.coverJpeg());
    ObjectNode stems = MAPPER.createObjectNode();
    for (Map.Entry<String, Path> stem : rendered.stemsWav().entrySet()) {
      stems.put(stem.getKey(), put(assets, task, id + "-" + safe(stem.getKey()) + ".wav", stem.getValue()));
    }
    ArrayNode words = MAPPER.createArrayNode();
    for (WordTiming word : rendered.words()) {
      words.addObject().put("word", word.word()).put("startS", word.startS()).put("endS", word.endS());
    }
    String wordsKey = AssetKeys.of(task.id(), id + "-words.json");
    assets.put(wordsKey, MAPPER.writeValueAsString(words).getBytes(StandardCharsets.UTF_8), "application/json");
    ObjectNode clip = MAPPER.createObjectNode();
    clip.put("title", rendered.title());
    clip.put("tags", rendered.tags());
    clip.put("duration", Math.round(rendered.durationSeconds() * 100) / 100.0);
    clip.put("bpm", rendered.bpm());
    clip.put("key", rendered.key());
    clip.put("audio", audio);
    clip.put("image", image);
    clip.put("words", wordsKey);
    clip.set("stems", stems);
    clip.put("createdAt", context.clock().millis());
    return new ClipOutput(index, clip);
  }

  /** The engine's song request for a song spec; the seed comes from the task id. */
  static SongRequest toSongRequest(Task task, SongSpec spec) {
    Composition c = spec.composition();
    Shaping shaping = c.shaping();
    return SongRequest.builder()
        .prompt(c.callerWritten() ? c.lyrics() : c.prompt())
        .style(c.style())
        .title(c.title())
        .customMode(c.callerWritten())
        .instrumental(c.instrumental())
        .model(spec.model())
        .negativeTags(shaping.excludedStyles())
        .vocalGender(shaping.vocalGender() == null ? null : shaping.vocalGender() == VocalGender.FEMALE ? "f" : "m")
        .styleWeight(shaping.styleWeight())
        .weirdnessConstraint(shaping.weirdness())
        .audioWeight(shaping.audioWeight())
        .personaId(shaping.personaId())
        .seed(LocalProvider.seedOf(task))
        .maxLength(Duration.ofSeconds(spec.maxLengthSeconds()))
        .build();
  }

  /** Stable per task and index, so a re-run after a crash overwrites instead of adding clips. */
  static String clipId(Task task, int index) {
    return UUID.nameUUIDFromBytes((task.id() + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String put(AssetStore assets, Task task, String file, Path source) throws IOException {
    String key = AssetKeys.of(task.id(), file);
    assets.put(key, source, AssetKeys.contentTypeOf(file));
    return key;
  }

  private static String safe(String part) {
    return part.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
