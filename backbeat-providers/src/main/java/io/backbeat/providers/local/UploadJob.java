package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.WordTiming;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.analysis.AudioAnalyzer;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared run of every task that starts from an uploaded recording: fetch it through the egress
 * client into the task's work folder (never on an HTTP thread), decode and analyse it, store the
 * original as the task's {@code source} asset, plan (the "text" stage), render the two clips one
 * after the other (the first is the "first" stage; one at a time keeps memory bounded for 8-minute
 * recordings), and store every file. A failure to fetch or decode fails the task with its code
 * ({@link UploadFetcher}); the task's credits are then refunded by the core.
 *
 * <p>Result: the song result's shape ({@link SongJob}) plus {@code "source"}: {@code {"audio","codec",
 * "duration","bpm","key","downbeat","pitchCentre","sections":[{"startBar","bars","startS","endS"}]}},
 * and per clip {@code "uploadStem"} naming the stem that holds the recording itself (for separation
 * later), when the clip contains it.
 */
abstract class UploadJob implements LocalJob {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final UploadStudio studio;
  private final UploadFetcher fetcher;
  private final Path workDir;

  UploadJob(UploadStudio studio, UploadFetcher fetcher, Path workDir) {
    this.studio = requireNonNull(studio, "studio is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  /** The spec's recording and its length limit. */
  record Source(String url, int maxSeconds) {}

  /** Checks the spec's type and returns where its recording is. */
  abstract Source source(TaskSpec spec);

  /** The recording as a local file, with the content type it was served as (if known), and its length limit. */
  record Recording(Path file, java.util.Optional<String> contentType, int maxSeconds) {}

  /** Fetches the spec's recording into {@code dir} (a job working on one of our own clips reads it from the asset store instead). */
  Recording obtain(Task task, TaskContext context, Path dir) throws TaskFailedException, IOException {
    Source source = source(task.spec());
    UploadFetcher.Fetched fetched = fetcher.fetch(source.url(), source.maxSeconds(), dir.resolve("upload"));
    return new Recording(fetched.file(), fetched.download().contentType(), source.maxSeconds());
  }

  /** The plan of both clips; throws when the request cannot be met for this recording. */
  abstract SongPlan plan(Task task, AudioAnalysis analysis) throws TaskFailedException;

  abstract RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException;

  /** Adds kind-specific fields to a rendered clip's result (the splice of a continuation, say). */
  void describe(ObjectNode clip, RenderedClip rendered, Task task, AudioAnalysis analysis) {}

  @Override
  public final Step run(Task task, TaskContext context) throws Exception {
    Path dir = workDir.resolve(task.id());
    try {
      Files.createDirectories(dir);
      Recording recording = obtain(task, context, dir);
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
      SourceAudio audio = UploadFetcher.decode(recording.file(), dir.resolve("source.wav"), recording.maxSeconds());
      AudioAnalysis analysis = AudioAnalyzer.analyse(audio.analysis(), audio.analysisRate(), audio.durationSeconds());
      String sourceKey = storeSource(context.assets(), task, recording, audio);
      SongPlan plan = plan(task, analysis);

      ObjectNode result = MAPPER.createObjectNode();
      result.put("title", plan.title());
      result.put("tags", plan.tags());
      if (plan.lyrics() != null) {
        result.put("lyrics", plan.lyrics());
      }
      result.set("source", describe(analysis, audio, sourceKey));
      ArrayNode clips = result.putArray("clips");
      for (int i = 0; i < plan.clips().size(); i++) {
        clips.addObject()
            .put("id", SongJob.clipId(task, i))
            .put("title", plan.title())
            .put("tags", plan.tags())
            .put("prompt", plan.lyrics() != null ? plan.lyrics() : "");
      }
      if (!context.reachStage(Stage.TEXT, result.deepCopy())) {
        return Step.abandoned();
      }
      for (int i = 0; i < plan.clips().size(); i++) {
        RenderedClip rendered = render(task, plan, i, audio, analysis, dir.resolve("clip-" + i));
        ObjectNode clip = (ObjectNode) clips.get(i);
        clip.setAll(store(context, task, SongJob.clipId(task, i), rendered));
        describe(clip, rendered, task, analysis);
        if (context.isAbandoned()) {
          return Step.abandoned();
        }
        if (i == 0 && plan.clips().size() > 1 && !context.reachStage(Stage.FIRST, result.deepCopy())) {
          return Step.abandoned();
        }
      }
      return Step.succeed(result);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      deleteRecursively(dir);
    }
  }

  /** The engine's request for a composition; the seed comes from the task id. */
  static SongRequest songRequest(Task task, String model, Composition c) {
    Shaping shaping = c.shaping();
    return SongRequest.builder()
        .prompt(c.callerWritten() ? c.lyrics() : c.prompt())
        .style(c.style())
        .title(c.title())
        .customMode(c.callerWritten())
        .instrumental(c.instrumental())
        .model(model)
        .negativeTags(shaping.excludedStyles())
        .vocalGender(shaping.vocalGender() == null ? null : shaping.vocalGender() == VocalGender.FEMALE ? "f" : "m")
        .styleWeight(shaping.styleWeight())
        .weirdnessConstraint(shaping.weirdness())
        .audioWeight(shaping.audioWeight())
        .personaId(shaping.personaId())
        .seed(LocalProvider.seedOf(task))
        .build();
  }

  private static ObjectNode describe(AudioAnalysis analysis, SourceAudio audio, String sourceKey) {
    ObjectNode source = MAPPER.createObjectNode();
    source.put("audio", sourceKey);
    source.put("codec", audio.codec());
    source.put("duration", Math.round(audio.durationSeconds() * 1000) / 1000.0);
    source.put("bpm", analysis.bpm());
    source.put("key", analysis.key().name());
    source.put("downbeat", analysis.downbeatSeconds());
    if (Double.isNaN(analysis.pitchCentreMidi())) {
      source.putNull("pitchCentre");
    } else {
      source.put("pitchCentre", analysis.pitchCentreMidi());
    }
    ArrayNode sections = source.putArray("sections");
    for (AudioAnalysis.Section s : analysis.sections()) {
      sections.addObject()
          .put("startBar", s.startBar())
          .put("bars", s.bars())
          .put("startS", Math.round(analysis.barStart(s.startBar()) * 1000) / 1000.0)
          .put("endS", Math.round(analysis.barStart(s.startBar() + s.bars()) * 1000) / 1000.0);
    }
    return source;
  }

  /** The upload as it was fetched, kept so later work (separation) needs no second download. */
  private static String storeSource(AssetStore assets, Task task, Recording recording, SourceAudio audio) throws IOException {
    String extension = extension(audio.codec());
    String key = AssetKeys.of(task.id(), "source." + extension);
    String type = recording.contentType().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("audio/")).orElse(AssetKeys.contentTypeOf(key));
    assets.put(key, recording.file(), type);
    return key;
  }

  private static String extension(String codec) {
    String c = codec.toLowerCase(Locale.ROOT);
    if (c.startsWith("mp3")) {
      return "mp3";
    }
    if (c.equals("flac")) {
      return "flac";
    }
    if (c.equals("vorbis") || c.equals("opus")) {
      return "ogg";
    }
    if (c.equals("aac") || c.equals("alac")) {
      return "m4a";
    }
    if (c.startsWith("pcm_")) {
      return "wav";
    }
    return "bin";
  }

  private static ObjectNode store(TaskContext context, Task task, String id, RenderedClip rendered) throws IOException {
    AssetStore assets = context.assets();
    ObjectNode clip = MAPPER.createObjectNode();
    clip.put("title", rendered.title());
    clip.put("tags", rendered.tags());
    clip.put("duration", Math.round(rendered.durationSeconds() * 100) / 100.0);
    clip.put("bpm", rendered.bpm());
    clip.put("key", rendered.key());
    clip.put("audio", put(assets, task, id + ".mp3", rendered.mp3()));
    clip.put("image", put(assets, task, id + ".jpg", rendered.coverJpeg()));
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
    clip.put("words", wordsKey);
    clip.set("stems", stems);
    if (rendered.stemsWav().containsKey(UploadStudio.UPLOAD_STEM)) {
      clip.put("uploadStem", UploadStudio.UPLOAD_STEM);
    }
    clip.put("createdAt", context.clock().millis());
    return clip;
  }

  private static String put(AssetStore assets, Task task, String file, Path source) throws IOException {
    String key = AssetKeys.of(task.id(), file);
    assets.put(key, source, AssetKeys.contentTypeOf(file));
    return key;
  }

  private static String safe(String part) {
    return part.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
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
