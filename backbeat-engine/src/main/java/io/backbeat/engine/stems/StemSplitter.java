package io.backbeat.engine.stems;

import io.backbeat.engine.encode.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups kept per-part stems of a clip into delivered stems that add up to the released mix exactly:
 * each named output is the sum of its parts, and one {@code remainder} output is the mix minus all
 * of them (for a vocal split: the instrumental; for a full split: what the parts alone do not hold —
 * the shared reverb return, the master limiter's work and the codec's difference). So the outputs
 * sum back to the mix sample for sample, within float rounding.
 *
 * <p>The outputs are 32-bit float WAVs: the kept parts carry the master gain but not the limiter,
 * so a group (and the remainder, which takes the limiter's work back out) can peak above full
 * scale, which 16 bits would clip and then no longer sum to the mix.
 *
 * <p>Streamed: every file is read and written in blocks of {@value #BLOCK} frames, so an 8-minute
 * clip with a dozen parts holds a few hundred kilobytes, not the audio. The inputs are 16-bit PCM
 * WAVs at the mix's rate; a mono part counts in both channels; a part shorter than the mix is silent
 * after its end, and one longer is cut at the mix's end.
 */
public final class StemSplitter {
  static final int BLOCK = 8192;

  private StemSplitter() {}

  /**
   * Writes {@code outputs.get(name)} for each group (the sum of its parts) and for {@code remainder}
   * (mix − every group), all stereo at the mix's rate and exactly its length.
   *
   * @param groups output name → the part WAVs summed into it, in order; names other than {@code
   *     remainder} each need an entry in {@code outputs}
   * @return frames written per output
   */
  public static long split(Path mix, Map<String, List<Path>> groups, String remainder, Map<String, Path> outputs) throws IOException {
    Objects.requireNonNull(remainder, "remainder is null");
    if (groups.containsKey(remainder)) {
      throw new IllegalArgumentException("the remainder '" + remainder + "' cannot also be a group");
    }
    List<String> names = new ArrayList<>(groups.keySet());
    List<AutoCloseable> open = new ArrayList<>();
    try {
      WavReader mixIn = track(open, new WavReader(mix));
      int rate = mixIn.sampleRate();
      long frames = mixIn.frames();
      Map<String, List<WavReader>> inputs = new LinkedHashMap<>();
      Map<String, FloatWav> writers = new LinkedHashMap<>();
      for (String name : names) {
        List<WavReader> readers = new ArrayList<>();
        for (Path part : groups.get(name)) {
          WavReader reader = track(open, new WavReader(part));
          if (reader.sampleRate() != rate) {
            throw new IOException("part " + part.getFileName() + " is at " + reader.sampleRate() + " Hz, the mix at " + rate + " Hz");
          }
          readers.add(reader);
        }
        inputs.put(name, readers);
        writers.put(name, track(open, floatWav(require(outputs, name), rate)));
      }
      FloatWav rest = track(open, floatWav(require(outputs, remainder), rate));

      float[][] mixBlock = new float[2][BLOCK];
      float[][] partBlock = new float[2][BLOCK];
      float[][] groupBlock = new float[2][BLOCK];
      float[][] restBlock = new float[2][BLOCK];
      for (long at = 0; at < frames; at += BLOCK) {
        int n = (int) Math.min(BLOCK, frames - at);
        read(mixIn, mixBlock, n);
        for (int c = 0; c < 2; c++) {
          System.arraycopy(mixBlock[c], 0, restBlock[c], 0, n);
        }
        for (String name : names) {
          Arrays.fill(groupBlock[0], 0, n, 0f);
          Arrays.fill(groupBlock[1], 0, n, 0f);
          for (WavReader part : inputs.get(name)) {
            read(part, partBlock, n);
            for (int c = 0; c < 2; c++) {
              for (int i = 0; i < n; i++) {
                groupBlock[c][i] += partBlock[c][i];
              }
            }
          }
          writers.get(name).writeAudio(groupBlock, 0, n);
          for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
              restBlock[c][i] -= groupBlock[c][i];
            }
          }
        }
        rest.writeAudio(restBlock, 0, n);
      }
      return frames;
    } finally {
      IOException failure = null;
      for (int i = open.size() - 1; i >= 0; i--) {
        try {
          open.get(i).close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static FloatWav floatWav(Path file, int rate) throws IOException {
    return new FloatWav(file, rate);
  }

  /**
   * A stereo 32-bit IEEE float WAV ({@code WAVE_FORMAT_IEEE_FLOAT}, with the {@code fact} chunk),
   * written block by block; the sizes in the header are filled in on close.
   */
  static final class FloatWav implements AutoCloseable {
    private static final int HEADER = 58;
    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK * 8).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;

    FloatWav(Path file, int rate) throws IOException {
      out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      header.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(18)
          .putShort((short) 3).putShort((short) 2).putInt(rate).putInt(rate * 8).putShort((short) 8).putShort((short) 32).putShort((short) 0);
      header.put("fact".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putInt(0);
      header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
      header.flip();
      while (header.hasRemaining()) {
        out.write(header);
      }
    }

    void writeAudio(float[][] planar, int offset, int count) throws IOException {
      for (int done = 0; done < count; ) {
        int n = Math.min(BLOCK, count - done);
        buffer.clear();
        for (int i = 0; i < n; i++) {
          buffer.putFloat(planar[0][offset + done + i]).putFloat(planar[1][offset + done + i]);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        done += n;
      }
      frames += count;
      if (HEADER - 8 + frames * 8 > 0xFFFFFFFFL) {
        throw new IOException("too long for a WAV file: " + frames + " frames");
      }
    }

    @Override
    public void close() throws IOException {
      try (out) {
        long data = frames * 8;
        ByteBuffer field = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        put(field, (int) (HEADER - 8 + data), 4);
        put(field, (int) frames, 46);
        put(field, (int) data, 54);
      }
    }

    private void put(ByteBuffer field, int value, long at) throws IOException {
      field.clear();
      field.putInt(value).flip();
      while (field.hasRemaining()) {
        out.write(field, at + field.position());
      }
    }
  }

  /** Reads {@code n} frames as stereo: zeros past the file's end, a mono file in both channels. */
  private static void read(WavReader in, float[][] block, int n) throws IOException {
    int got = 0;
    while (got < n) {
      int r = in.read(block, got, n - got);
      if (r == 0) {
        break;
      }
      got += r;
    }
    if (in.channels() == 1) {
      System.arraycopy(block[0], 0, block[1], 0, got);
    }
    Arrays.fill(block[0], got, n, 0f);
    Arrays.fill(block[1], got, n, 0f);
  }

  private static Path require(Map<String, Path> outputs, String name) {
    Path out = outputs.get(name);
    if (out == null) {
      throw new IllegalArgumentException("no output file for stem '" + name + "'");
    }
    return out;
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> open, T resource) {
    open.add(resource);
    return resource;
  }
}
