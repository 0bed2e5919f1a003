package io.backbeat.engine;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.Stem;
import io.backbeat.engine.render.StemAudio;
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
    writePlaced(file, new StemAudio.Held(new Stem("stem", audio[0], audio[1])), new float[] {gain, gain},
        envelope == null ? null : new Envelope(0, envelope), offset, total);
  }

  /** Gains for frames {@code start…} of a signal, 1 before and after them: a fade held without the rest. */
  record Envelope(int start, float[] values) {
    float at(int i) {
      int k = i - start;
      return k >= 0 && k < values.length ? values[k] : 1f;
    }
  }

  /** Frames {@code [from, to)} of a WAV file (a short stretch of a long recording). */
  static float[][] read(Path wav, int from, int to) throws IOException {
    float[][] out = new float[2][Math.max(0, to - from)];
    try (WavReader reader = new WavReader(wav)) {
      reader.seek(from);
      if (reader.read(out, 0, to - from) != to - from) {
        throw new IOException(wav + " ended before frame " + to);
      }
    }
    return out;
  }

  /**
   * Writes {@code stem × gains[channel] × envelope[i]} with the stem's frame {@code i} at output
   * frame {@code offset + i} ({@code offset} may be negative: the start is cut), in a {@code
   * total}-frame stereo WAV, block by block; the stem is read in order, a block at a time.
   */
  static void writePlaced(Path file, StemAudio stem, float[] gains, Envelope envelope, int offset, int total) throws IOException {
    float[][] block = new float[2][BLOCK];
    float[][] in = new float[2][BLOCK];
    try (WavStreamWriter out = new WavStreamWriter(file, 2, PartRenderer.SAMPLE_RATE);
        StemAudio.Reader reader = stem.open()) {
      int next = 0; // the stem's next unread frame
      for (int at = 0; at < total; at += BLOCK) {
        int count = Math.min(BLOCK, total - at);
        java.util.Arrays.fill(block[0], 0, count, 0f);
        java.util.Arrays.fill(block[1], 0, count, 0f);
        int lo = Math.max(0, at - offset);
        int hi = Math.min(stem.frames(), at + count - offset);
        if (hi > lo) {
          while (next < lo) { // the cut start
            next += Math.max(1, reader.readFully(in, 0, Math.min(BLOCK, lo - next)));
          }
          int n = reader.readFully(in, 0, hi - lo);
          next += n;
          for (int k = 0; k < n; k++) {
            int i = lo + k;
            float e = envelope == null ? 1f : envelope.at(i);
            block[0][i + offset - at] = in[0][k] * gains[0] * e;
            block[1][i + offset - at] = in[1][k] * gains[1] * e;
          }
        }
        out.write(block, 0, count);
      }
    }
  }
}
