package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a 16-bit PCM WAV file block by block through {@link FFmpegMuxer}, for audio too long to
 * hold in memory (uploads, stems placed on a long timeline); the muxer fixes the header's sizes at
 * the end. Rounds and clamps like {@link WavWriter}, so a signal written here in blocks gives the
 * same samples as written whole there. {@link #float32} writes 32-bit float samples instead, exactly as
 * given: the engine's spill files for audio between steps ({@link WavReader} reads them back bit for
 * bit). Not thread-safe.
 */
public final class WavStreamWriter implements AutoCloseable {
  private final FFmpegMuxer muxer;
  private final int channels;
  private final boolean exact;
  private short[] pcm = new short[0];
  private long frames;

  /** A 16-bit PCM WAV (rounded and clamped, as delivered). */
  public WavStreamWriter(Path file, int channels, int sampleRate) throws IOException {
    this(file, channels, sampleRate, false);
  }

  private WavStreamWriter(Path file, int channels, int sampleRate, boolean exact) throws IOException {
    if (channels < 1 || sampleRate < 1) {
      throw new IllegalArgumentException("channels and sampleRate must be positive");
    }
    this.channels = channels;
    this.exact = exact;
    this.muxer = FFmpegMuxer.builder(file, "wav").audio(exact ? "pcm_f32le" : "pcm_s16le", sampleRate, channels, 0)
        .bitexact().open();
  }

  /** A 32-bit float WAV: every sample kept exactly, none clamped (for audio the engine reads back). */
  public static WavStreamWriter float32(Path file, int channels, int sampleRate) throws IOException {
    return new WavStreamWriter(file, channels, sampleRate, true);
  }

  /** Appends {@code count} frames from {@code offset} of each channel's array. */
  public void write(float[][] planar, int offset, int count) throws IOException {
    if (planar.length != channels) {
      throw new IllegalArgumentException("expected " + channels + " channels, got " + planar.length);
    }
    if (count == 0) {
      return;
    }
    if ((frames + count) * channels * (exact ? 4 : 2) > Integer.MAX_VALUE - 80) {
      throw new IOException("too long for a WAV file: " + (frames + count) + " frames");
    }
    if (exact) {
      muxer.writeAudio(planar, offset, count);
      frames += count;
      return;
    }
    if (pcm.length < count * channels) {
      pcm = new short[Math.max(count * channels, 1 << 15)];
    }
    for (int c = 0; c < channels; c++) {
      float[] x = planar[c];
      for (int f = 0, at = c; f < count; f++, at += channels) {
        pcm[at] = (short) Math.round(Math.max(-32767f, Math.min(32767f, x[offset + f] * 32767f)));
      }
    }
    muxer.writeAudio(pcm, 0, count);
    frames += count;
  }

  public long frames() {
    return frames;
  }

  @Override
  public void close() throws IOException {
    muxer.close();
  }
}
