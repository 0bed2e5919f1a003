package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.engine.ModelLimits;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.theory.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * EXTEND: one of our own clips up to a bar line near {@code continueAt} (or its end), then a
 * continuation in its tempo and key, crossfaded over the last beat: the clip is read from the asset
 * store (never downloaded) and then treated like an upload-extend ({@link UploadStudio#renderContinuation}).
 * With no composition (Suno's {@code defaultParamFlag: false}) the continuation inherits the source's
 * title and style, with new words when the source was sung, instrumental when it was not. Each
 * clip's result carries {@code continueAt} (the splice) and {@code continuationDuration}.
 */
public final class ExtendJob extends UploadJob {
  private static final double DEFAULT_MAX_CONTINUATION_SECONDS = 90;

  private final SourceTasks sources;

  public ExtendJob(UploadStudio studio, UploadFetcher fetcher, SourceTasks sources, Path workDir) {
    super(studio, fetcher, workDir);
    this.sources = requireNonNull(sources, "sources is null");
  }

  @Override
  Source source(TaskSpec spec) {
    throw new UnsupportedOperationException("an extension reads its source from the asset store");
  }

  @Override
  Recording obtain(Task task, TaskContext context, Path dir) throws TaskFailedException, IOException {
    ExtendSpec spec = spec(task);
    OwnClips clip = OwnClips.resolve(sources, task, spec.source());
    Path file = clip.copy(context.assets(), "audio", dir.resolve("source.mp3"));
    // an extension of an extension may already be a little past the model's track length
    return new Recording(file, Optional.of("audio/mpeg"), (int) ModelLimits.maxLength(spec.model()).toSeconds() + 120);
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) throws TaskFailedException {
    ExtendSpec spec = spec(task);
    if (spec.continueAtSeconds() != null && spec.continueAtSeconds() >= analysis.durationSeconds()) {
      throw new TaskFailedException(
          FailureCode.INVALID_INPUT,
          String.format(Locale.ROOT, "continueAt (%.2f s) must be less than the source clip's length (%.2f s)", spec.continueAtSeconds(), analysis.durationSeconds()));
    }
    Composition c = spec.composition() != null ? spec.composition() : inherited(task, spec);
    double splice = UploadStudio.spliceAt(analysis, spec.continueAtSeconds());
    double trackMax = ModelLimits.maxLength(spec.model()).toSeconds();
    double room = Math.max(analysis.barSeconds() * 4, trackMax - splice);
    double max = c.lyrics() != null ? room : Math.min(room, DEFAULT_MAX_CONTINUATION_SECONDS);
    return studio.planContinuation(songRequest(task, spec.model(), c), withKnownKey(analysis, OwnClips.resolve(sources, task, spec.source())), splice, max);
  }

  /**
   * Our own clip's key is known exactly: it is in the clip's result. Listening for it can mistake a
   * key for its neighbour a fifth away (the two share six of seven notes), and a continuation in
   * that key would sound transposed, so the known key wins over the analysis.
   */
  private static AudioAnalysis withKnownKey(AudioAnalysis heard, OwnClips clip) {
    return Key.parse(clip.clip().path("key").asText(""))
        .filter(known -> !known.equals(heard.key()))
        .map(known -> new AudioAnalysis(heard.durationSeconds(), heard.bpm(), heard.tempoConfidence(), heard.downbeatSeconds(), known, 1.0,
            heard.pitchCentreMidi(), heard.integratedLufs(), heard.contourHopSeconds(), heard.contourDb(), heard.sections(), heard.barChords()))
        .orElse(heard);
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    return studio.renderContinuation(plan, clip, source, UploadStudio.spliceAt(analysis, spec(task).continueAtSeconds()), analysis, dir);
  }

  @Override
  void describe(ObjectNode clip, RenderedClip rendered, Task task, AudioAnalysis analysis) {
    double splice = UploadStudio.spliceAt(analysis, spec(task).continueAtSeconds());
    clip.put("continueAt", splice);
    clip.put("continuationDuration", Math.round((rendered.durationSeconds() - splice) * 1000) / 1000.0);
    clip.put("parentClip", spec(task).source().clipId());
  }

  /** The source's own title and style; new words (from its title as the idea) when it was sung. */
  private Composition inherited(Task task, ExtendSpec spec) throws TaskFailedException {
    OwnClips source = OwnClips.resolve(sources, task, spec.source());
    String title = source.text("title");
    String style = source.text("tags");
    boolean sung = !source.clip().path("prompt").asText("").isBlank();
    title = title.isBlank() ? "Extended" : title;
    return sung
        ? new Composition(title, null, title, style.isBlank() ? null : style, false, null)
        : new Composition(null, null, title, style.isBlank() ? null : style, true, null);
  }

  private static ExtendSpec spec(Task task) {
    if (!(task.spec() instanceof ExtendSpec spec)) {
      throw new UnsupportedOperationException("ExtendJob extends clips, not " + task.kind());
    }
    return spec;
  }
}
