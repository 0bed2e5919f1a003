package io.backbeat.engine.encode;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the WAV files Backbeat writes ({@link WavWriter}, {@link WavStreamWriter}: 16-bit PCM, or
 * 32-bit float for spill files) block by block, so long audio is never held whole. Other WAV
 * flavours go through {@link AudioDecoder}. Not thread-safe.
 */
public final class WavReader implements AutoCloseable {
  private final FileChannel in;
  private final int channels;
  private final int sampleRate;
  private final long frames;
  private final long dataStart;
  private final int bytesPerSample;
  private long position;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private float[] interleaved = new float[0];
  private static final int PCM = 1;
  private static final int IEEE_FLOAT = 3;
  private static final int EXTENSIBLE = 0xfffe;

  public WavReader(Path file) throws IOException {
    this.in = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer riff = read(12);
      if (!tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
        throw new IOException(file + " is not a WAV file");
      }
      int fmtChannels = -1;
      int fmtRate = -1;
      int fmtBytes = 2;
      while (true) {
        ByteBuffer chunk = read(8);
        String id = tag(chunk, 0);
        long size = chunk.getInt(4) & 0xffffffffL;
        if (id.equals("fmt ")) {
          ByteBuffer fmt = read((int) size);
          int format = fmt.getShort(0) & 0xffff;
          int bits = fmt.getShort(14) & 0xffff;
          if (format == EXTENSIBLE && size >= 26) {
            format = fmt.getShort(24) & 0xffff; // the sub-format GUID starts with the format code
          }
          if (format == IEEE_FLOAT && bits == 32) {
            fmtBytes = 4;
          } else if (format != PCM || bits != 16) {
            throw new IOException(file + " is not 16-bit PCM or 32-bit float (format " + format + ", " + bits + " bits)");
          }
          fmtChannels = fmt.getShort(2) & 0xffff;
          fmtRate = fmt.getInt(4);
        } else if (id.equals("data")) {
          if (fmtChannels < 1) {
            throw new IOException(file + " has no fmt chunk before its data");
          }
          this.channels = fmtChannels;
          this.sampleRate = fmtRate;
          this.dataStart = in.position();
          this.bytesPerSample = fmtBytes;
          long available = Math.min(size, in.size() - dataStart);
          this.frames = available / ((long) bytesPerSample * channels);
          return;
        } else {
          in.position(in.position() + size + (size & 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Reads a whole file (use for audio known to be short). */
  public static float[][] readAll(Path file) throws IOException {
    try (WavReader reader = new WavReader(file)) {
      if (reader.frames > Integer.MAX_VALUE) {
        throw new IOException(file + " is too long to read whole");
      }
      float[][] out = new float[reader.channels][(int) reader.frames];
      reader.read(out, 0, (int) reader.frames);
      return out;
    }
  }

  public int channels() {
    return channels;
  }

  public int sampleRate() {
    return sampleRate;
  }

  public long frames() {
    return frames;
  }

  /** Frames read so far. */
  public long position() {
    return position;
  }

  /**
   * Reads up to {@code count} frames into {@code out[c][offset…]} and returns how many were read
   * (0 at the end).
   */
  public int read(float[][] out, int offset, int count) throws IOException {
    int n = (int) Math.min(count, frames - position);
    if (n <= 0) {
      return 0;
    }
    int block = 1 << 14;
    for (int done = 0; done < n; ) {
      int chunk = Math.min(block, n - done);
      int bytes = chunk * channels * bytesPerSample;
      if (buffer.capacity() < bytes) {
        buffer = ByteBuffer.allocateDirect(block * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
      }
      buffer.clear().limit(bytes);
      long at = dataStart + position * channels * bytesPerSample;
      while (buffer.hasRemaining()) {
        int got = in.read(buffer, at + buffer.position());
        if (got < 0) {
          throw new EOFException("WAV data ended early");
        }
      }
      buffer.flip();
      if (bytesPerSample == 4 && channels == 2 && out.length == 2) {
        // Spilled stems and masters: one bulk copy out of the bytes, then split (per-sample
        // getFloat on the direct buffer was the hottest frame of a spilled song's mix and stems).
        int values = 2 * chunk;
        if (interleaved.length < values) {
          interleaved = new float[2 * block];
        }
        buffer.asFloatBuffer().get(interleaved, 0, values);
        float[] l = out[0];
        float[] r = out[1];
        for (int f = 0, to = offset + done; f < chunk; f++, to++) {
          l[to] = interleaved[2 * f];
          r[to] = interleaved[2 * f + 1];
        }
      } else {
        for (int f = 0; f < chunk; f++) {
          for (int c = 0; c < channels; c++) {
            float v = bytesPerSample == 4 ? buffer.getFloat() : buffer.getShort() / 32767f;
            if (c < out.length) {
              out[c][offset + done + f] = v;
            }
          }
        }
      }
      done += chunk;
      position += chunk;
    }
    return n;
  }

  /** Moves to frame {@code frame} (0 … {@link #frames()}). */
  public void seek(long frame) {
    if (frame < 0 || frame > frames) {
      throw new IllegalArgumentException("frame " + frame + " outside 0.." + frames);
    }
    position = frame;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private ByteBuffer read(int bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw new EOFException("WAV header ended early");
      }
    }
    b.flip();
    return b;
  }

  private static String tag(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, StandardCharsets.US_ASCII);
  }
}
