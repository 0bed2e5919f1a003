package io.backbeat.engine.render;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Stereo audio where it lies: held in memory (short clips: fastest), or in a WAV file (a long
 * clip's parts spilled as 32-bit float, which keeps every sample; or a recording). Both are read
 * the same way, in order, a chunk at a time.
 */
public sealed interface StemAudio permits StemAudio.Held, StemAudio.OnDisk {
  String name();

  int frames();

  /** A reader from frame 0; close it. */
  Reader open() throws IOException;

  /** Reads stereo frames in order. */
  interface Reader extends AutoCloseable {
    /** Reads up to {@code count} frames into {@code out[c][offset…]}; returns how many (0 at the end). */
    int read(float[][] out, int offset, int count) throws IOException;

    /** Reads exactly {@code count} frames (fewer only at the end). */
    default int readFully(float[][] out, int offset, int count) throws IOException {
      int got = 0;
      while (got < count) {
        int n = read(out, offset + got, count - got);
        if (n <= 0) {
          break;
        }
        got += n;
      }
      return got;
    }

    @Override
    void close() throws IOException;
  }

  /** The render's arrays. */
  record Held(Stem stem) implements StemAudio {
    @Override
    public String name() {
      return stem.name();
    }

    @Override
    public int frames() {
      return stem.frames();
    }

    @Override
    public Reader open() {
      return new Reader() {
        private int at;

        @Override
        public int read(float[][] out, int offset, int count) {
          int n = Math.min(count, stem.frames() - at);
          System.arraycopy(stem.left(), at, out[0], offset, n);
          System.arraycopy(stem.right(), at, out[1], offset, n);
          at += n;
          return n;
        }

        @Override
        public void close() {}
      };
    }
  }

  /** The first {@code frames} frames of a stereo WAV file ({@link WavReader}). */
  record OnDisk(String name, Path wav, int frames) implements StemAudio {
    /** Spills {@code stem} to {@code wav} as 32-bit float, in blocks; the arrays may be dropped afterwards. */
    public static OnDisk spill(Stem stem, Path wav) throws IOException {
      int block = 1 << 16;
      try (WavStreamWriter out = WavStreamWriter.float32(wav, 2, PartRenderer.SAMPLE_RATE)) {
        float[][] channels = stem.channels();
        for (int at = 0; at < stem.frames(); at += block) {
          out.write(channels, at, Math.min(block, stem.frames() - at));
        }
      }
      return new OnDisk(stem.name(), wav, stem.frames());
    }

    @Override
    public Reader open() throws IOException {
      WavReader reader = new WavReader(wav);
      return new Reader() {
        @Override
        public int read(float[][] out, int offset, int count) throws IOException {
          return reader.read(out, offset, (int) Math.min(count, frames - reader.position()));
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }
  }
}
