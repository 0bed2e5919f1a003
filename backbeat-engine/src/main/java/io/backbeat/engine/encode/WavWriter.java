package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes 16-bit PCM WAV files (RIFF, little-endian). Rounds and clamps; no dither, so output is reproducible. */
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
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes(StandardCharsets.US_ASCII));
      header.putInt((int) (36 + dataBytes));
      header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
      header.putInt(16);
      header.putShort((short) 1);
      header.putShort((short) numChannels);
      header.putInt(sampleRate);
      header.putInt(sampleRate * numChannels * 2);
      header.putShort((short) (numChannels * 2));
      header.putShort((short) 16);
      header.put("data".getBytes(StandardCharsets.US_ASCII));
      header.putInt((int) dataBytes);
      header.flip();
      writeFully(out, header);
      // Large chunks straight to the channel: stems are hundreds of megabytes per song. Each
      // channel is rounded into its own int[] (same index in and out, and int: measured, the JIT
      // vectorises that loop but not one that narrows to short), then interleaved.
      int chunkFrames = 1 << 15;
      ByteBuffer chunk = ByteBuffer.allocateDirect(chunkFrames * numChannels * 2).order(ByteOrder.LITTLE_ENDIAN);
      ShortBuffer shorts = chunk.asShortBuffer();
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
        shorts.clear();
        shorts.put(pcm, 0, count * numChannels);
        chunk.clear();
        chunk.limit(count * numChannels * 2);
        writeFully(out, chunk);
      }
    }
  }

  /** Scales, clamps to 16 bits and rounds to nearest. */
  private static void toPcm(float[] in, int count, float scale, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = Math.round(Math.max(-32767f, Math.min(32767f, in[i] * scale)));
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
