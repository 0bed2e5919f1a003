package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit PCM WAV files (RIFF, little-endian): mono and stereo directly, as the canonical
 * 44-byte header and the samples (the bytes FFmpeg's bitexact wav muxer writes, without its
 * recorder's per-chunk copies and resampler pass: stems are hundreds of megabytes per song); more
 * channels through {@link FFmpegMuxer}. Rounds and clamps; no dither, so output is reproducible.
 * Thread-safe: stems are written in parallel.
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
    int[] at = {0};
    write(file, channels.length, channels[0].length, sampleRate, gains, (out, offset, count) -> {
      int n = Math.min(count, channels[0].length - at[0]);
      for (int c = 0; c < channels.length; c++) {
        System.arraycopy(channels[c], at[0], out[c], offset, n);
      }
      at[0] += n;
      return n;
    });
  }

  /** Audio read in order, a chunk at a time. */
  @FunctionalInterface
  public interface Frames {
    /** Reads up to {@code count} frames into {@code out[c][offset…]}; returns how many (0 at the end). */
    int read(float[][] out, int offset, int count) throws IOException;
  }

  /**
   * Writes {@code frames} frames read from {@code source} in chunks, channel {@code c} scaled by
   * {@code gains[c]}: the same bytes as the arrays written whole, never holding more than a chunk.
   */
  public static void write(Path file, int numChannels, int frames, int sampleRate, float[] gains,
      Frames source) throws IOException {
    long dataBytes = (long) frames * numChannels * 2;
    if (dataBytes > Integer.MAX_VALUE - 36) {
      throw new IOException("too long for a WAV file: " + frames + " frames");
    }
    if (numChannels <= 2) {
      writeDirect(file, numChannels, frames, sampleRate, gains, source, (int) dataBytes);
      return;
    }
    // FFmpeg's wav muxer writes the header (bitexact: no INFO chunk naming the library version;
    // WAVE_FORMAT_EXTENSIBLE past two channels) and fixes up the sizes at the end.
    try (FFmpegMuxer muxer = FFmpegMuxer.builder(file, "wav")
        .audio("pcm_s16le", sampleRate, numChannels, 0)
        .bitexact()
        .open()) {
      // Large chunks: stems are hundreds of megabytes per song. Each channel is rounded into its
      // own int[] (same index in and out, and int: measured, the JIT vectorises that loop but not
      // one that narrows to short), then interleaved.
      int chunkFrames = 1 << 15;
      int[][] converted = new int[numChannels][chunkFrames];
      float[][] scratch = new float[numChannels][chunkFrames];
      short[] pcm = new short[chunkFrames * numChannels];
      for (int from = 0; from < frames; from += chunkFrames) {
        int count = Math.min(chunkFrames, frames - from);
        for (int got = 0; got < count; ) {
          int n = source.read(scratch, got, count - got);
          if (n <= 0) {
            throw new IOException("audio ended " + (frames - from - got) + " frames early");
          }
          got += n;
        }
        for (int c = 0; c < numChannels; c++) {
          toPcm(scratch[c], count, gains[c] * 32767f, converted[c]);
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

  /** Mono or stereo: header then samples, a chunk at a time, with the sizes known up front. */
  private static void writeDirect(Path file, int numChannels, int frames, int sampleRate, float[] gains,
      Frames source, int dataBytes) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
      header.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) numChannels)
          .putInt(sampleRate).putInt(sampleRate * numChannels * 2).putShort((short) (numChannels * 2))
          .putShort((short) 16);
      header.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes).flip();
      writeFully(out, header);
      int chunkFrames = 1 << 15;
      int[][] converted = new int[numChannels][chunkFrames];
      float[][] scratch = new float[numChannels][chunkFrames];
      short[] pcm = new short[chunkFrames * numChannels];
      ByteBuffer bytes = ByteBuffer.allocateDirect(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int from = 0; from < frames; from += chunkFrames) {
        int count = Math.min(chunkFrames, frames - from);
        for (int got = 0; got < count; ) {
          int n = source.read(scratch, got, count - got);
          if (n <= 0) {
            throw new IOException("audio ended " + (frames - from - got) + " frames early");
          }
          got += n;
        }
        for (int c = 0; c < numChannels; c++) {
          toPcm(scratch[c], count, gains[c] * 32767f, converted[c]);
        }
        for (int c = 0; c < numChannels; c++) {
          int[] channel = converted[c];
          for (int f = 0, at = c; f < count; f++, at += numChannels) {
            pcm[at] = (short) channel[f];
          }
        }
        bytes.clear();
        bytes.asShortBuffer().put(pcm, 0, count * numChannels);
        bytes.limit(count * numChannels * 2);
        writeFully(out, bytes);
      }
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** Scales, clamps to 16 bits and rounds to nearest. */
  private static void toPcm(float[] in, int count, float scale, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = Math.round(Math.max(-32767f, Math.min(32767f, in[i] * scale)));
    }
  }
}
