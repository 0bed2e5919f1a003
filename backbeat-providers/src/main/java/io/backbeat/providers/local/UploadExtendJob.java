package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.UploadExtendSpec;
import io.backbeat.engine.ModelLimits;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * UPLOAD_EXTEND: the uploaded recording up to a bar line near {@code continueAt} (or its end), then
 * a continuation in its tempo and key, crossfaded ({@link UploadStudio#renderContinuation}). With
 * no composition (Suno's {@code defaultParamFlag: false}) the continuation is instrumental, in a
 * style read from the recording (its key and tempo). The whole clip stays within the model's track
 * length. Each clip's result carries {@code continueAt} (the splice, in seconds) and {@code
 * continuationDuration}.
 */
public final class UploadExtendJob extends UploadJob {
  /** With no lyrics to set the length, a continuation is at most this long. */
  private static final double DEFAULT_MAX_CONTINUATION_SECONDS = 90;

  public UploadExtendJob(UploadStudio studio, UploadFetcher fetcher, Path workDir) {
    super(studio, fetcher, workDir);
  }

  @Override
  Source source(TaskSpec spec) {
    if (!(spec instanceof UploadExtendSpec extend)) {
      throw new UnsupportedOperationException("UploadExtendJob extends uploads, not " + spec.kind());
    }
    return new Source(extend.sourceUrl(), extend.maxSourceSeconds());
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) throws TaskFailedException {
    UploadExtendSpec spec = (UploadExtendSpec) task.spec();
    if (spec.continueAtSeconds() != null && spec.continueAtSeconds() >= analysis.durationSeconds()) {
      throw new TaskFailedException(
          FailureCode.INVALID_INPUT,
          String.format(Locale.ROOT, "continueAt (%.2f s) must be less than the uploaded audio's length (%.2f s)", spec.continueAtSeconds(), analysis.durationSeconds()));
    }
    Composition c = spec.composition() != null ? spec.composition() : new Composition(null, null, null, null, true, null);
    double splice = UploadStudio.spliceAt(analysis, spec.continueAtSeconds());
    double trackMax = ModelLimits.maxLength(spec.model()).toSeconds();
    double room = Math.max(analysis.barSeconds() * 4, trackMax - splice);
    double max = c.lyrics() != null ? room : Math.min(room, DEFAULT_MAX_CONTINUATION_SECONDS);
    return studio.planContinuation(songRequest(task, spec.model(), titled(c)), analysis, splice, max);
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    UploadExtendSpec spec = (UploadExtendSpec) task.spec();
    return studio.renderContinuation(plan, clip, source, UploadStudio.spliceAt(analysis, spec.continueAtSeconds()), analysis, dir);
  }

  @Override
  void describe(ObjectNode clip, RenderedClip rendered, Task task, AudioAnalysis analysis) {
    double splice = UploadStudio.spliceAt(analysis, ((UploadExtendSpec) task.spec()).continueAtSeconds());
    clip.put("continueAt", splice);
    clip.put("continuationDuration", Math.round((rendered.durationSeconds() - splice) * 1000) / 1000.0);
  }

  private static Composition titled(Composition c) {
    return c.title() != null ? c : new Composition(c.prompt(), c.lyrics(), "Extended", c.style(), c.instrumental(), c.shaping());
  }
}
