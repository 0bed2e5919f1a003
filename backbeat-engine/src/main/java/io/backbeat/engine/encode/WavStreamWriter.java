package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit PCM WAV file block by block, for audio too long to hold in memory: the header's
 * sizes are written when the file is closed. Rounds and clamps like {@link WavWriter}, so a signal
 * written here in blocks gives the same bytes as written whole there. Not thread-safe.
 */
public final class WavStreamWriter implements AutoCloseable {
  private static final int HEADER_BYTES = 44;

  private final FileChannel out;
  private final int channels;
  private final int sampleRate;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private long frames;
  private boolean closed;

  public WavStreamWriter(Path file, int channels, int sampleRate) throws IOException {
    if (channels < 1 || sampleRate < 1) {
      throw new IllegalArgumentException("channels and sampleRate must be positive");
    }
    this.channels = channels;
    this.sampleRate = sampleRate;
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    writeFully(header(0));
  }

  /** Appends {@code count} frames from {@code offset} of each channel's array. */
  public void write(float[][] planar, int offset, int count) throws IOException {
    if (planar.length != channels) {
      throw new IllegalArgumentException("expected " + channels + " channels, got " + planar.length);
    }
    int bytes = count * channels * 2;
    if (buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
    }
    buffer.clear();
    for (int f = 0; f < count; f++) {
      for (int c = 0; c < channels; c++) {
        buffer.putShort((short) Math.round(Math.max(-32767f, Math.min(32767f, planar[c][offset + f] * 32767f))));
      }
    }
    buffer.flip();
    writeFully(buffer);
    frames += count;
    if (frames * channels * 2 > Integer.MAX_VALUE - 36) {
      throw new IOException("too long for a WAV file: " + frames + " frames");
    }
  }

  public long frames() {
    return frames;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      out.position(0);
      writeFully(header(frames * channels * 2));
      out.force(false);
    }
  }

  private ByteBuffer header(long dataBytes) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    header.putInt((int) (36 + dataBytes));
    header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
    header.putInt(16);
    header.putShort((short) 1);
    header.putShort((short) channels);
    header.putInt(sampleRate);
    header.putInt(sampleRate * channels * 2);
    header.putShort((short) (channels * 2));
    header.putShort((short) 16);
    header.put("data".getBytes(StandardCharsets.US_ASCII));
    header.putInt((int) dataBytes);
    header.flip();
    return header;
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }
}
