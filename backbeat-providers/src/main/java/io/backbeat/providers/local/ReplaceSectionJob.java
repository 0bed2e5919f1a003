package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.engine.ModelLimits;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.WordTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * REPLACE_SECTION: one of our clips with the window [{@code startSeconds}, {@code endSeconds})
 * re-composed with new words, in the clip's tempo, key and chords, spliced with crossfades ({@link
 * UploadStudio#renderReplacement}); the clip keeps its length, and outside the window and its
 * crossfades it is the source's own audio. Each clip's result carries {@code infillStartS}, {@code
 * infillEndS} and {@code crossfadeS}.
 */
public final class ReplaceSectionJob extends UploadJob {
  private static final String SOURCE_WORDS = "source-words.json";
  private final SourceTasks sources;

  public ReplaceSectionJob(UploadStudio studio, UploadFetcher fetcher, SourceTasks sources, Path workDir) {
    super(studio, fetcher, workDir);
    this.sources = requireNonNull(sources, "sources is null");
  }

  @Override
  Source source(TaskSpec spec) {
    throw new UnsupportedOperationException("a section replacement reads its source from the asset store");
  }

  @Override
  Recording obtain(Task task, TaskContext context, Path dir) throws TaskFailedException, IOException {
    ReplaceSectionSpec spec = spec(task);
    OwnClips clip = OwnClips.resolve(sources, task, spec.source());
    Path file = clip.copy(context.assets(), "audio", dir.resolve("source.mp3"));
    if (clip.clip().path("words").isTextual()) {
      // the source's word timings outside the window stay true: render() merges them with the new ones
      clip.copy(context.assets(), "words", dir.resolve(SOURCE_WORDS));
    }
    return new Recording(file, Optional.of("audio/mpeg"), (int) ModelLimits.maxLength(spec.model()).toSeconds() + 120);
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) throws TaskFailedException {
    ReplaceSectionSpec spec = spec(task);
    if (spec.endSeconds() > analysis.durationSeconds() + 0.05) {
      throw new TaskFailedException(
          FailureCode.INVALID_INPUT,
          String.format(Locale.ROOT, "infillEndS (%.2f s) is past the end of the source clip (%.2f s)", spec.endSeconds(), analysis.durationSeconds()));
    }
    return studio.planReplacement(songRequest(task, spec.model(), spec.composition()), analysis, spec.startSeconds(), spec.endSeconds());
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    ReplaceSectionSpec spec = spec(task);
    RenderedClip rendered = studio.renderReplacement(plan, clip, source, spec.startSeconds(), spec.endSeconds(), analysis, dir);
    Path sourceWords = dir.getParent().resolve(SOURCE_WORDS);
    if (!Files.exists(sourceWords)) {
      return rendered;
    }
    List<WordTiming> words = new ArrayList<>();
    for (JsonNode w : MAPPER.readTree(sourceWords.toFile())) {
      double start = w.path("startS").asDouble();
      double end = w.path("endS").asDouble();
      if (end <= spec.startSeconds() || start >= spec.endSeconds()) {
        words.add(new WordTiming(w.path("word").asText(), start, end));
      }
    }
    words.addAll(rendered.words());
    words.sort(Comparator.comparingDouble(WordTiming::startS));
    return new RenderedClip(
        rendered.index(), rendered.title(), rendered.tags(), rendered.durationSeconds(), rendered.mp3(), rendered.coverJpeg(), rendered.stemsWav(),
        words, rendered.bpm(), rendered.key());
  }

  @Override
  void describe(ObjectNode clip, RenderedClip rendered, Task task, AudioAnalysis analysis) {
    ReplaceSectionSpec spec = spec(task);
    clip.put("infillStartS", spec.startSeconds());
    clip.put("infillEndS", spec.endSeconds());
    clip.put("crossfadeS", Math.min(0.25, analysis.beatSeconds() / 2));
    clip.put("parentClip", spec.source().clipId());
  }

  private static ReplaceSectionSpec spec(Task task) {
    if (!(task.spec() instanceof ReplaceSectionSpec spec)) {
      throw new UnsupportedOperationException("ReplaceSectionJob replaces sections, not " + task.kind());
    }
    return spec;
  }
}
