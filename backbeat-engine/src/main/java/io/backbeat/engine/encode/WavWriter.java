package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
      // Large chunks straight to the channel: stems are hundreds of megabytes per song.
      int chunkFrames = 1 << 16;
      ByteBuffer chunk = ByteBuffer.allocateDirect(chunkFrames * numChannels * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int from = 0; from < frames; from += chunkFrames) {
        int to = Math.min(frames, from + chunkFrames);
        chunk.clear();
        for (int f = from; f < to; f++) {
          for (float[] channel : channels) {
            float v = channel[f] * gain;
            v = v > 1f ? 1f : (v < -1f ? -1f : v);
            chunk.putShort((short) Math.round(v * 32767f));
          }
        }
        chunk.flip();
        writeFully(out, chunk);
      }
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
