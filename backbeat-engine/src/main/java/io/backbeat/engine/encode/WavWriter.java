package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes 16-bit PCM WAV files (RIFF, little-endian) through {@link FFmpegMuxer}. Rounds and clamps;
 * no dither, so output is reproducible. Thread-safe: stems are written in parallel.
 */
public final class WavWriter {
  private WavWriter() {}

  public static void write(Path file, float[][] channels, int sampleRate) throws IOException {
    write(file, channels, sampleRate, 1f);
  }

  /** Writes {@code channels × gain}: saves a copy of a long signal just to scale it. */
  public static void write(Path file, float[][] channels, int sampleRate, float gain)
      throws IOException {
    float[] gains = new float[channels.length];
    java.util.Arrays.fill(gains, gain);
    write(file, channels, sampleRate, gains);
  }

  /** Writes channel {@code c} scaled by {@code gains[c]} (a stem placed in the mix: level and pan). */
  public static void write(Path file, float[][] channels, int sampleRate, float[] gains)
      throws IOException {
    int numChannels = channels.length;
    int frames = channels[0].length;
    long dataBytes = (long) frames * numChannels * 2;
    if (dataBytes > Integer.MAX_VALUE - 36) {
      throw new IOException("too long for a WAV file: " + frames + " frames");
    }
    // FFmpeg's wav muxer writes the canonical 44-byte header (bitexact: no INFO chunk naming the
    // library version) and fixes up the sizes at the end.
    try (FFmpegMuxer muxer = FFmpegMuxer.builder(file, "wav")
        .audio("pcm_s16le", sampleRate, numChannels, 0)
        .bitexact()
        .open()) {
      // Large chunks: stems are hundreds of megabytes per song. Each channel is rounded into its
      // own int[] (same index in and out, and int: measured, the JIT vectorises that loop but not
      // one that narrows to short), then interleaved.
      int chunkFrames = 1 << 15;
      int[][] converted = new int[numChannels][chunkFrames];
      float[] scratch = new float[chunkFrames];
      short[] pcm = new short[chunkFrames * numChannels];
      for (int from = 0; from < frames; from += chunkFrames) {
        int count = Math.min(chunkFrames, frames - from);
        for (int c = 0; c < numChannels; c++) {
          System.arraycopy(channels[c], from, scratch, 0, count);
          toPcm(scratch, count, gains[c] * 32767f, converted[c]);
        }
        for (int c = 0; c < numChannels; c++) {
          int[] channel = converted[c];
          for (int f = 0, at = c; f < count; f++, at += numChannels) {
            pcm[at] = (short) channel[f];
          }
        }
        muxer.writeAudio(pcm, 0, count);
      }
    }
  }

  /** Scales, clamps to 16 bits and rounds to nearest. */
  private static void toPcm(float[] in, int count, float scale, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = Math.round(Math.max(-32767f, Math.min(32767f, in[i] * scale)));
    }
  }
}
