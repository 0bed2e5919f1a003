package io.backbeat.engine.encode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

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
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      header.putInt((int) (36 + dataBytes));
      header.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      header.putInt(16);
      header.putShort((short) 1);
      header.putShort((short) numChannels);
      header.putInt(sampleRate);
      header.putInt(sampleRate * numChannels * 2);
      header.putShort((short) (numChannels * 2));
      header.putShort((short) 16);
      header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      header.putInt((int) dataBytes);
      out.write(header.array());
      byte[] chunk = new byte[4096 * numChannels * 2];
      int pos = 0;
      for (int f = 0; f < frames; f++) {
        for (float[] channel : channels) {
          int v = (int) Math.round(Math.max(-1f, Math.min(1f, channel[f] * gain)) * 32767f);
          chunk[pos++] = (byte) v;
          chunk[pos++] = (byte) (v >> 8);
          if (pos == chunk.length) {
            out.write(chunk);
            pos = 0;
          }
        }
      }
      out.write(chunk, 0, pos);
    }
  }
}
