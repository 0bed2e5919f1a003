package io.backbeat.engine.render;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Balances stems by measured loudness, pans them (constant power), adds one shared reverb fed by
 * per-part sends, and leaves headroom. Returns the mix and the stems as they sit in it.
 */
public final class Mixer {
  /** Where the reference part is placed before mastering; leaves room for peaks. */
  private static final double REFERENCE_LUFS = -24;
  private static final double HEADROOM_PEAK = 0.5; // −6 dBFS
  private static final float ROOM = 0.75f;
  private static final float DAMPING = 0.45f;

  /** Frames mixed per step: every part's chunk is read, then added in part order. */
  private static final int CHUNK = 1 << 15;

  /**
   * A part's stem as rendered and the per-channel gains (level, pan, headroom) that place it in
   * the mix. The gains are applied when the stem is written, not to the stem's arrays: rescaling
   * seven 60 MB stems twice per clip cost more than the whole mix.
   */
  public record PlacedStem(StemAudio stem, float leftGain, float rightGain) {}

  /** The mixed song and each part's stem with its placement. */
  public record Mix(Stem master, List<PlacedStem> stems) {}

  /** Each part's channel gains (level and pan) and reverb send gain. */
  private record Placement(float[][] gains, float[] sendGains) {}

  private static Placement place(List<Part> parts, double[] loudness) {
    boolean instrumental = parts.stream().noneMatch(p -> p.role() == PartRole.VOCAL);
    float[][] gains = new float[parts.size()][];
    float[] sendGains = new float[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      double targetLufs = REFERENCE_LUFS + MixSettings.level(part.role(), instrumental) + part.gainDb();
      double gainDb = loudness[i] <= LoudnessMeter.SILENCE ? 0 : targetLufs - loudness[i];
      gainDb = Math.max(-40, Math.min(30, gainDb));
      float gain = (float) Math.pow(10, gainDb / 20);
      // Constant-power pan law, normalised so centre is unity per channel.
      double angle = (part.pan() + 1) * Math.PI / 4;
      float gl = (float) (Math.cos(angle) * Math.sqrt(2)) * gain;
      float gr = (float) (Math.sin(angle) * Math.sqrt(2)) * gain;
      sendGains[i] = (float) part.reverb() * gain;
      gains[i] = new float[] {gl, gr};
    }
    return new Placement(gains, sendGains);
  }

  private static List<PlacedStem> placed(List<? extends StemAudio> stems, float[][] gains, float headroom) {
    List<PlacedStem> placed = new ArrayList<>();
    for (int i = 0; i < stems.size(); i++) {
      placed.add(new PlacedStem(stems.get(i), gains[i][0] * headroom, gains[i][1] * headroom));
    }
    return placed;
  }

  /**
   * A mix spilled to a 32-bit float stereo WAV as it was before its headroom gain (the gain needs
   * the whole mix's peak), with each part's placement.
   */
  public record SpilledMix(Path wav, int frames, float headroom, List<PlacedStem> stems) {
    public SpilledMix {
      stems = List.copyOf(stems);
    }

    /**
     * The mix as {@link StreamedMastering} reads it from {@code reader} (open on {@link #wav}):
     * each sample × the headroom gain, the multiply {@link #mix} does in its arrays.
     */
    public StreamedMastering.Source source(WavReader reader) {
      StreamedMastering.WavSource wavSource = new StreamedMastering.WavSource(reader, frames);
      return new StreamedMastering.Source() {
        @Override
        public int frames() {
          return frames;
        }

        @Override
        public void read(long from, int count, float[][] out) throws IOException {
          wavSource.read(from, count, out);
          for (float[] c : out) {
            for (int k = 0; k < count; k++) {
              c[k] *= headroom;
            }
          }
        }
      };
    }
  }

  /**
   * {@link #mix}, streamed: a chunk of every stem, the reverb ({@link ReverbTank}) and the
   * high-pass at a time, each carrying its state to the next chunk, written to {@code wav} as it
   * goes. Only chunks are held (a few hundred kilobytes, whatever the length); the samples are
   * those of {@link #mix} before its headroom gain, which {@link SpilledMix#source} applies.
   */
  public SpilledMix mixTo(List<Part> parts, List<? extends StemAudio> stems, double[] loudness, Path wav)
      throws IOException {
    int frames = stems.get(0).frames();
    Placement placement = place(parts, loudness);
    float[][] gains = placement.gains();
    float[] sendGains = placement.sendGains();
    float[] left = new float[CHUNK];
    float[] right = new float[CHUNK];
    float[] send = new float[CHUNK];
    float[] wet = new float[CHUNK];
    float[][] out = {left, right};
    ReverbTank tankLeft = new ReverbTank(ROOM, DAMPING, 0);
    ReverbTank tankRight = new ReverbTank(ROOM, DAMPING, ReverbTank.SPREAD);
    HighPass highLeft = new HighPass();
    HighPass highRight = new HighPass();
    float peak = 1e-9f;
    List<StemAudio.Reader> readers = new ArrayList<>();
    try (WavStreamWriter writer = WavStreamWriter.float32(wav, 2, PartRenderer.SAMPLE_RATE)) {
      for (StemAudio stem : stems) {
        readers.add(stem.open());
      }
      float[][] chunk = new float[2][CHUNK];
      for (int from = 0; from < frames; from += CHUNK) {
        int count = Math.min(CHUNK, frames - from);
        Arrays.fill(left, 0f);
        Arrays.fill(right, 0f);
        Arrays.fill(send, 0f);
        for (int i = 0; i < readers.size(); i++) {
          if (readers.get(i).readFully(chunk, 0, count) != count) {
            throw new IOException("stem " + stems.get(i).name() + " is shorter than the mix");
          }
          float gl = gains[i][0];
          float gr = gains[i][1];
          float sendGain = sendGains[i];
          float[] sl = chunk[0];
          float[] sr = chunk[1];
          for (int k = 0; k < count; k++) {
            float l = sl[k];
            float r = sr[k];
            send[k] += (l + r) * 0.5f * sendGain;
            left[k] += l * gl;
            right[k] += r * gr;
          }
        }
        tankLeft.process(send, count, wet);
        for (int k = 0; k < count; k++) {
          left[k] += wet[k];
        }
        tankRight.process(send, count, wet);
        for (int k = 0; k < count; k++) {
          right[k] += wet[k];
        }
        highLeft.filter(left, count);
        highRight.filter(right, count);
        for (int k = 0; k < count; k++) {
          peak = Math.max(peak, Math.max(Math.abs(left[k]), Math.abs(right[k])));
        }
        writer.write(out, 0, count);
      }
    } finally {
      for (StemAudio.Reader reader : readers) {
        reader.close();
      }
    }
    float headroom = (float) (HEADROOM_PEAK / peak);
    return new SpilledMix(wav, frames, headroom, placed(stems, gains, headroom));
  }

  /**
   * Mixes the stems (read, not modified), a chunk of every stem at a time: spilled stems are never
   * read whole. Each output frame adds the parts in the same order as a whole-array mix would, so
   * the sums are the same floats.
   *
   * @param loudness each stem's integrated loudness (measured where it was rendered, in parallel)
   */
  public Mix mix(List<Part> parts, List<? extends StemAudio> stems, double[] loudness) throws IOException {
    int frames = stems.get(0).frames();
    float[] left = new float[frames];
    float[] right = new float[frames];
    float[] send = new float[frames];
    Placement placement = place(parts, loudness);
    float[][] gains = placement.gains();
    float[] sendGains = placement.sendGains();
    List<StemAudio.Reader> readers = new ArrayList<>();
    try {
      for (StemAudio stem : stems) {
        readers.add(stem.open());
      }
      float[][] chunk = new float[2][CHUNK];
      for (int from = 0; from < frames; from += CHUNK) {
        int count = Math.min(CHUNK, frames - from);
        for (int i = 0; i < readers.size(); i++) {
          if (readers.get(i).readFully(chunk, 0, count) != count) {
            throw new IOException("stem " + stems.get(i).name() + " is shorter than the mix");
          }
          float gl = gains[i][0];
          float gr = gains[i][1];
          float sendGain = sendGains[i];
          float[] sl = chunk[0];
          float[] sr = chunk[1];
          for (int k = 0, f = from; k < count; k++, f++) {
            float l = sl[k];
            float r = sr[k];
            send[f] += (l + r) * 0.5f * sendGain;
            left[f] += l * gl;
            right[f] += r * gr;
          }
        }
      }
    } finally {
      for (StemAudio.Reader reader : readers) {
        reader.close();
      }
    }
    new Reverb(ROOM, DAMPING).addTo(send, left, right);
    new HighPass().filter(left, frames);
    new HighPass().filter(right, frames);
    float peak = 1e-9f;
    for (int f = 0; f < frames; f++) {
      peak = Math.max(peak, Math.max(Math.abs(left[f]), Math.abs(right[f])));
    }
    float headroom = (float) (HEADROOM_PEAK / peak);
    for (int f = 0; f < frames; f++) {
      left[f] *= headroom;
      right[f] *= headroom;
    }
    return new Mix(new Stem("mix", left, right), placed(stems, gains, headroom));
  }

  /**
   * 2nd-order 25 Hz high-pass: removes DC and sub-sonic rumble that waste headroom. Its state is
   * kept between calls, so a signal filtered in chunks gives the samples of one call.
   */
  private static final class HighPass {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    HighPass() {
      double w = Math.tan(Math.PI * 25 / PartRenderer.SAMPLE_RATE);
      double q = Math.sqrt(0.5);
      double a0 = 1 + w / q + w * w;
      b0 = 1 / a0;
      b1 = -2 / a0;
      b2 = 1 / a0;
      a1 = 2 * (w * w - 1) / a0;
      a2 = (1 - w / q + w * w) / a0;
    }

    void filter(float[] x, int count) {
      double x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2;
      for (int i = 0; i < count; i++) {
        double in = x[i];
        double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        if (Math.abs(y) < 1e-25) {
          y = 0; // keep silent tails out of slow denormal arithmetic
        }
        x2 = x1;
        x1 = in;
        y2 = y1;
        y1 = y;
        x[i] = (float) y;
      }
      this.x1 = x1;
      this.x2 = x2;
      this.y1 = y1;
      this.y2 = y2;
    }
  }
}
