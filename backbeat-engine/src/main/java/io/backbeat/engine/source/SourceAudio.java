package io.backbeat.engine.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An uploaded recording, decoded: the whole of it as a 44.1 kHz stereo 16-bit WAV file on disk (read
 * it in blocks with {@link io.backbeat.engine.encode.WavReader}), and a mono copy at a quarter of
 * the rate in memory for analysis (8 minutes are 21 MB).
 *
 * @param wav the decoded recording at {@link #SAMPLE_RATE}, stereo (mono uploads are doubled)
 * @param frames its length in frames at {@link #SAMPLE_RATE}
 * @param analysis the mono analysis signal at {@code analysisRate}
 * @param codec the upload's audio codec as FFmpeg names it ("mp3", "flac", "aac", …)
 */
public record SourceAudio(Path wav, long frames, float[] analysis, int analysisRate, String codec) {
  public static final int SAMPLE_RATE = 44100;

  public SourceAudio {
    Objects.requireNonNull(wav, "wav is null");
    Objects.requireNonNull(analysis, "analysis is null");
  }

  public double durationSeconds() {
    return frames / (double) SAMPLE_RATE;
  }
}
