package io.backbeat.providers.local;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.UploadCoverSpec;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.nio.file.Path;

/**
 * UPLOAD_COVER: two covers of the uploaded recording in the requested style, each keeping its tempo,
 * key, section lengths and chords, and exactly its length ({@link UploadStudio#planCover}).
 */
public final class UploadCoverJob extends UploadJob {
  public UploadCoverJob(UploadStudio studio, UploadFetcher fetcher, Path workDir) {
    super(studio, fetcher, workDir);
  }

  @Override
  Source source(TaskSpec spec) {
    if (!(spec instanceof UploadCoverSpec cover)) {
      throw new UnsupportedOperationException("UploadCoverJob makes covers, not " + spec.kind());
    }
    return new Source(cover.sourceUrl(), cover.maxSourceSeconds());
  }

  @Override
  SongPlan plan(Task task, AudioAnalysis analysis) {
    UploadCoverSpec spec = (UploadCoverSpec) task.spec();
    return studio.planCover(songRequest(task, spec.model(), spec.composition()), analysis);
  }

  @Override
  RenderedClip render(Task task, SongPlan plan, int clip, SourceAudio source, AudioAnalysis analysis, Path dir) throws IOException {
    return studio.renderCover(plan, clip, dir);
  }
}
