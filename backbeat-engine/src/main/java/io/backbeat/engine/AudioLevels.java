package io.backbeat.engine;

import io.backbeat.engine.encode.WavStreamWriter;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.Stem;
import java.io.IOException;
import java.nio.file.Path;

/** Levels and stem files for {@link UploadStudio}: RMS, a no-clip safety gain, stems placed on a timeline. */
final class AudioLevels {
  static final double FLOOR_DB = -120;
  private static final int BLOCK = 1 << 15;

  private AudioLevels() {}

  /** RMS level of frames {@code [from, to)} over all channels, in dBFS ({@link #FLOOR_DB} for none). */
  static double rmsDb(float[][] channels, int from, int to) {
    double e = 0;
    long n = 0;
    for (float[] c : channels) {
      for (int i = Math.max(0, from); i < Math.min(c.length, to); i++) {
        e += c[i] * (double) c[i];
        n++;
      }
    }
    return n == 0 || e <= 1e-12 * n ? FLOOR_DB : Math.max(FLOOR_DB, 10 * Math.log10(e / n));
  }

  /** 1, or the gain that brings the sample peak down to −0.1 dBFS. */
  static float safetyGain(float[] left, float[] right) {
    float peak = 0;
    for (int i = 0; i < left.length; i++) {
      peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
    }
    float ceiling = (float) Math.pow(10, -0.1 / 20);
    return peak > ceiling ? ceiling / peak : 1f;
  }

  static void scale(float[] x, float gain) {
    if (gain != 1f) {
      for (int i = 0; i < x.length; i++) {
        x[i] *= gain;
      }
    }
  }

  /**
   * Writes {@code audio × envelope × gain} at frames {@code offset…} of a {@code total}-frame stereo
   * WAV, silence elsewhere ({@code envelope} may be null for 1).
   */
  static void writeStem(Path file, float[][] audio, float[] envelope, float gain, int offset, int total) throws IOException {
    writePlaced(file, new Stem("stem", audio[0], audio[1]), new float[] {gain, gain}, envelope, offset, total);
  }

  /**
   * Writes {@code stem × gains[channel] × envelope[i]} with the stem's frame {@code i} at output
   * frame {@code offset + i} ({@code offset} may be negative: the start is cut), in a {@code
   * total}-frame stereo WAV, block by block.
   */
  static void writePlaced(Path file, Stem stem, float[] gains, float[] envelope, int offset, int total) throws IOException {
    float[][] block = new float[2][BLOCK];
    try (WavStreamWriter out = new WavStreamWriter(file, 2, PartRenderer.SAMPLE_RATE)) {
      for (int at = 0; at < total; at += BLOCK) {
        int count = Math.min(BLOCK, total - at);
        for (int f = 0; f < count; f++) {
          int i = at + f - offset;
          if (i >= 0 && i < stem.frames()) {
            float e = envelope == null ? 1f : envelope[i];
            block[0][f] = stem.left()[i] * gains[0] * e;
            block[1][f] = stem.right()[i] * gains[1] * e;
          } else {
            block[0][f] = 0;
            block[1][f] = 0;
          }
        }
        out.write(block, 0, count);
      }
    }
  }
}
