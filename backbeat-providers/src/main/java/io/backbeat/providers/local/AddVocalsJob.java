package io.backbeat.providers.local;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.nio.file.Path;

/**
 * ADD_VOCALS: a sung line over the uploaded instrumental, on its beat grid, in its key and over its
 * bar chords, for its whole length; the lyrics are the caller's or written from the idea. Outputs
 * per clip: the mix (MP3) and the stems {@code upload} and {@code vocal}, each exactly as long as
 * the upload.
 */
public final class AddVocalsJob extends UploadJob {
  public AddVocalsJob(UploadStudio studio, UploadFetcher fetcher, Path workDir) {
    super(studio, fetcher, workDir);
  }

  @Override
  Source source(TaskSpec spec) {
    if (!(spec instanceof AddVocalsSpec vocals)) {
      throw new UnsupportedOperationException("AddVocalsJob adds vocals, not " + spec.kind());
    }
    return new Source(vocals.sourceUrl(), vocals.maxSourceSeconds());
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) {
    AddVocalsSpec spec = (AddVocalsSpec) task.spec();
    return studio.planOverdub(songRequest(task, spec.model(), spec.composition()), analysis, UploadStudio.Overdub.VOCALS);
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    return studio.renderOverdub(plan, clip, source, UploadStudio.Overdub.VOCALS, dir);
  }
}
