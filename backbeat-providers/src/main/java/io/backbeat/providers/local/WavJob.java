package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.WavSpec;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * WAV: the clip's MP3 decoded by FFmpeg to 44.1 kHz 16-bit stereo PCM, streamed block by block to
 * disk (an 8-minute clip never sits in memory), so it has the MP3's samples and length. Result:
 * {@code {"wav":key,"duration":seconds,"sampleRate":44100,"channels":2,"bitsPerSample":16}}.
 */
public final class WavJob extends OutputJob {
  public WavJob(SourceTasks sources, Path workDir) {
    super(sources, workDir);
  }

  @Override
  Step make(Task task, TaskContext context, Path dir) throws Exception {
    if (!(task.spec() instanceof WavSpec spec)) {
      throw new UnsupportedOperationException("WavJob makes WAVs, not " + task.kind());
    }
    SourceClip clip = SourceClip.resolve(sources, task, spec.source());
    Path mp3 = SourceClip.copy(context.assets(), clip.audioKey(), dir.resolve("source.mp3"));
    Path wav = dir.resolve(clip.id() + ".wav");
    // the clip's own length plus a margin: the limit only guards against a corrupt asset
    SourceAudio audio = SourceDecoder.decode(mp3, wav, Duration.ofSeconds(Math.round(clip.durationSeconds()) + 60));
    if (context.isAbandoned()) {
      return Step.abandoned();
    }
    ObjectNode result = MAPPER.createObjectNode();
    result.put("wav", put(context.assets(), task, clip.id() + ".wav", wav));
    result.put("duration", Math.round(audio.durationSeconds() * 1000) / 1000.0);
    result.put("sampleRate", SourceAudio.SAMPLE_RATE);
    result.put("channels", 2);
    result.put("bitsPerSample", 16);
    return Step.succeed(result);
  }
}
