package io.backbeat.providers.local;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.AddInstrumentalSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.nio.file.Path;

/**
 * ADD_INSTRUMENTAL: drums, bass, chords and pads under the uploaded vocals, in the requested style,
 * on the tempo and grid detected in them, in their key (the tonic falls back to their pitch centre
 * when the key is unclear) and over the chords their melody implies. Outputs per clip: the mix and
 * the stems {@code upload} (the vocals) and each accompaniment part.
 */
public final class AddInstrumentalJob extends UploadJob {
  public AddInstrumentalJob(UploadStudio studio, UploadFetcher fetcher, Path workDir) {
    super(studio, fetcher, workDir);
  }

  @Override
  Source source(TaskSpec spec) {
    if (!(spec instanceof AddInstrumentalSpec instrumental)) {
      throw new UnsupportedOperationException("AddInstrumentalJob adds accompaniment, not " + spec.kind());
    }
    return new Source(instrumental.sourceUrl(), instrumental.maxSourceSeconds());
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) {
    AddInstrumentalSpec spec = (AddInstrumentalSpec) task.spec();
    return studio.planOverdub(songRequest(task, spec.model(), spec.composition()), analysis, UploadStudio.Overdub.ACCOMPANIMENT);
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    return studio.renderOverdub(plan, clip, source, UploadStudio.Overdub.ACCOMPANIMENT, dir);
  }
}
