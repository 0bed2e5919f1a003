package io.backbeat.engine.render;

import io.backbeat.engine.analysis.KWeighting;
import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TruePeak;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link Mastering}'s algorithm (gain to the loudness target, the look-ahead true-peak limiter,
 * re-measured a few times, a last true-peak check) for a mix too long to hold: the mix is read a
 * block at a time from its {@link Source}, the per-sample K-weighted power and limiter look-ahead
 * peaks are spilled as float WAVs, and every pass streams them. Only blocks are held, so an
 * 8-minute overdub masters in a few megabytes. Same arithmetic in the same order as the
 * whole-array form, so the same gain curve (the report's true peak may differ below −3 dBTP only).
 */
public final class StreamedMastering {
  /** Stereo frames at {@link PartRenderer#SAMPLE_RATE}, readable anywhere (each block is read with a little context on both sides). */
  public interface Source {
    int frames();

    /** Frames {@code [from, from + count)} into {@code out[c][0…count)}; zeros outside {@code [0, frames())}. */
    void read(long from, int count, float[][] out) throws IOException;
  }

  /** Where a spill file named {@code name} goes (a render's spill folder). */
  public interface Spills {
    Path file(String name) throws IOException;
  }

  /** The mastered mix as a 32-bit float stereo WAV of {@link Source#frames()} frames, and what mastering did. */
  public record Result(Path wav, Mastering.Report report) {}

  public static final int BLOCK = 1 << 15;
  /** {@link TruePeak}'s interpolation reads 7 samples back and 8 ahead. */
  private static final int HALO = 8;
  private static final int RATE = PartRenderer.SAMPLE_RATE;
  private static final int SEGMENT = RATE / 10;

  private final int block;
  private final double targetLufs = Mastering.TARGET_LUFS;
  private final double ceilingDbtp = Mastering.CEILING_DBTP;
  /** As {@link Mastering}'s limiter: 1.5 ms look-ahead, 80 ms release. */
  private final int lookahead = (int) Math.round(RATE * 1.5 / 1000);
  private final double release = Math.exp(-1.0 / (RATE * 80 / 1000.0));

  public StreamedMastering() {
    this(BLOCK);
  }

  /** @param block frames per block (tests use small ones to cross many block edges) */
  public StreamedMastering(int block) {
    if (block < 1) {
      throw new IllegalArgumentException("block must be positive");
    }
    this.block = block;
  }

  public Result master(Source source, Spills spills) throws IOException {
    int n = source.frames();
    double[] energy = new double[n / SEGMENT];
    Path power = spills.file("mastering-power.f32.wav");
    float samplePeak = powerPass(source, power, energy);
    double input = KWeighting.integrated(energy, RATE);
    Path out = spills.file("mastering-out.f32.wav");
    if (input <= LoudnessMeter.SILENCE) {
      apply(source, null, 1, out);
      return new Result(out, new Mastering.Report(input, 0, 0, input, samplePeak == 0 ? LoudnessMeter.SILENCE : 20 * Math.log10(samplePeak)));
    }
    double ceiling = Math.pow(10, ceilingDbtp / 20);
    double gainDb = targetLufs - input;
    double envelopeHeadroomDb = gainDb + 4;
    Path ahead = spills.file("mastering-ahead.f32.wav");
    aheadPass(source, ceiling / Math.pow(10, envelopeHeadroomDb / 20), ahead);
    double output = input;
    double curveDb = gainDb; // the makeup of the last curve measured (the one applied, as in Mastering)
    for (int pass = 0; pass < 5; pass++) {
      if (gainDb > envelopeHeadroomDb) {
        envelopeHeadroomDb = gainDb + 4;
        aheadPass(source, ceiling / Math.pow(10, envelopeHeadroomDb / 20), ahead);
      }
      curveDb = gainDb;
      output = loudnessUnder(new Curve(Math.pow(10, curveDb / 20), ceiling), ahead, power, n);
      double error = targetLufs - output;
      if (Math.abs(error) < 0.1) {
        break;
      }
      gainDb += error;
    }
    double makeup = Math.pow(10, gainDb / 20);
    float deepest = apply(source, new CurveFile(new Curve(Math.pow(10, curveDb / 20), ceiling), ahead), 1, out);
    double limited = 20 * Math.log10(Math.max(Math.min(1, deepest / makeup), 1e-6));
    double peak = truePeak(out, n, ceiling * 0.9);
    double peakDb = 20 * Math.log10(Math.max(peak, 1e-12));
    if (peakDb > ceilingDbtp) {
      float g = (float) Math.pow(10, (ceilingDbtp - peakDb) / 20);
      Path lowered = spills.file("mastering-lowered.f32.wav");
      try (WavReader mastered = new WavReader(out)) {
        apply(new WavSource(mastered, n), null, g, lowered);
      }
      out = lowered;
      output += ceilingDbtp - peakDb;
      peakDb = ceilingDbtp;
    }
    return new Result(out, new Mastering.Report(input, gainDb, limited, output, peakDb));
  }

  /** Streams the mix once: its K-weighted power per sample into {@code file}, the energy per 100 ms segment; returns the sample peak. */
  private float powerPass(Source source, Path file, double[] energy) throws IOException {
    int n = source.frames();
    KWeighting weighting = new KWeighting(RATE);
    float[][] mix = new float[2][block];
    float[][] power = new float[1][block];
    float peak = 0;
    try (WavStreamWriter writer = WavStreamWriter.float32(file, 1, RATE)) {
      for (int at = 0; at < n; at += block) {
        int count = Math.min(block, n - at);
        source.read(at, count, mix);
        weighting.power(mix[0], mix[1], count, power[0]);
        for (int k = 0; k < count; k++) {
          int s = (at + k) / SEGMENT;
          if (s < energy.length) {
            energy[s] += power[0][k];
          }
          peak = Math.max(peak, Math.max(Math.abs(mix[0][k]), Math.abs(mix[1][k])));
        }
        writer.write(power, 0, count);
      }
    }
    return peak;
  }

  /**
   * Streams the mix once more: each sample's true-peak envelope ({@link TruePeak#envelope}, exact
   * from {@code floor} up), maximised over the limiter's look-ahead ({@link Limiter#peakAhead}), into {@code file}.
   */
  private void aheadPass(Source source, double floor, Path file) throws IOException {
    int n = source.frames();
    try (WavStreamWriter writer = WavStreamWriter.float32(file, 1, RATE)) {
      float[][] peaks = new float[1][];
      for (int at = 0; at < n; at += block) {
        int count = Math.min(block, n - at);
        // frames [at − HALO, at + count + lookahead + HALO): the envelope of [at, at + count + lookahead) is exact
        int span = count + lookahead + 2 * HALO;
        float[][] mix = new float[2][span];
        source.read(at - HALO, span, mix);
        float[] envelope = TruePeak.envelope(mix[0], mix[1], floor);
        float[] window = Arrays.copyOfRange(envelope, HALO, HALO + count + lookahead);
        for (int k = Math.max(0, n - at); k < window.length; k++) {
          window[k] = 0; // past the end: nothing to limit (the whole-array window just stops there)
        }
        Limiter.slidingMaxAhead(window, lookahead);
        peaks[0] = window;
        writer.write(peaks, 0, count);
      }
    }
  }

  /** Integrated loudness of the mix under {@code curve}: {@link LoudnessMeter#integratedWithGain}, streamed. */
  private double loudnessUnder(Curve curve, Path ahead, Path power, int n) throws IOException {
    double[] energy = new double[n / SEGMENT];
    float[][] a = new float[1][block];
    float[][] p = new float[1][block];
    float[] gain = new float[block];
    try (WavReader aheads = new WavReader(ahead); WavReader powers = new WavReader(power)) {
      for (int at = 0; at < n; at += block) {
        int count = Math.min(block, n - at);
        readFully(aheads, a, count);
        readFully(powers, p, count);
        curve.next(a[0], count, gain);
        for (int k = 0; k < count; k++) {
          int s = (at + k) / SEGMENT;
          if (s < energy.length) {
            double g = gain[k];
            energy[s] += g * g * p[0][k];
          }
        }
      }
    }
    return KWeighting.integrated(energy, RATE);
  }

  /** The limiter's gain curve read along with its look-ahead spill. */
  private record CurveFile(Curve curve, Path ahead) {}

  /** Writes the mix × the curve (null: none) × {@code gain} to {@code out}; returns the lowest curve value (1 without one). */
  private float apply(Source source, CurveFile curveFile, float gain, Path out) throws IOException {
    int n = source.frames();
    float[][] mix = new float[2][block];
    float[][] a = new float[1][block];
    float[] curve = new float[block];
    float deepest = curveFile == null ? 1f : Float.MAX_VALUE;
    try (WavStreamWriter writer = WavStreamWriter.float32(out, 2, RATE);
        WavReader aheads = curveFile == null ? null : new WavReader(curveFile.ahead())) {
      for (int at = 0; at < n; at += block) {
        int count = Math.min(block, n - at);
        source.read(at, count, mix);
        if (curveFile != null) {
          readFully(aheads, a, count);
          curveFile.curve().next(a[0], count, curve);
          for (int k = 0; k < count; k++) {
            float g = curve[k];
            mix[0][k] *= g;
            mix[1][k] *= g;
            deepest = Math.min(deepest, g);
          }
        }
        if (gain != 1f) {
          for (int k = 0; k < count; k++) {
            mix[0][k] *= gain;
            mix[1][k] *= gain;
          }
        }
        writer.write(mix, 0, count);
      }
    }
    return deepest;
  }

  /** The largest true peak of a stereo WAV, exact from {@code floor} up ({@link TruePeak#linear}), read a block (and its halo) at a time. */
  private double truePeak(Path wav, int n, double floor) throws IOException {
    double peak = 0;
    try (WavReader reader = new WavReader(wav)) {
      WavSource source = new WavSource(reader, n);
      for (int at = 0; at < n; at += block) {
        int count = Math.min(block, n - at);
        float[][] x = new float[2][count + 2 * HALO];
        source.read(at - HALO, count + 2 * HALO, x);
        float[] envelope = TruePeak.envelope(x[0], x[1], floor);
        for (int k = HALO; k < HALO + count; k++) {
          peak = Math.max(peak, envelope[k]);
        }
      }
    }
    return peak;
  }

  private static void readFully(WavReader reader, float[][] out, int count) throws IOException {
    if (reader.read(out, 0, count) != count) {
      throw new IOException("a mastering spill ended early");
    }
  }

  /** A stereo WAV as a {@link Source}. */
  public record WavSource(WavReader reader, int frames) implements Source {
    @Override
    public void read(long from, int count, float[][] out) throws IOException {
      int lead = (int) Math.max(0, Math.min(count, -from));
      long start = from + lead;
      int inside = (int) Math.max(0, Math.min(count - lead, frames - start));
      for (float[] c : out) {
        Arrays.fill(c, 0, lead, 0f);
        Arrays.fill(c, lead + inside, count, 0f);
      }
      if (inside > 0) {
        reader.seek(start);
        if (reader.read(out, lead, inside) != inside) {
          throw new IOException("the WAV ended before frame " + (start + inside));
        }
      }
    }
  }

  /**
   * {@link Limiter#gainCurve} a block at a time: the required gain from the look-ahead peaks, its
   * moving average over the look-ahead and the release, with the state carried across blocks.
   */
  private final class Curve {
    private final double makeup;
    private final double ceiling;
    private final int w = lookahead + 1;
    private final float[] ring = new float[w];
    private long i;
    private float first;
    private double sum;
    private double g = 1;

    Curve(double makeup, double ceiling) {
      this.makeup = makeup;
      this.ceiling = ceiling;
    }

    void next(float[] peakAhead, int count, float[] gain) {
      for (int k = 0; k < count; k++, i++) {
        double peak = peakAhead[k] * makeup;
        float v = peak > ceiling ? (float) (ceiling / peak) : 1f;
        if (i == 0) {
          first = v;
        }
        sum += v;
        int slot = (int) (i % w);
        if (i >= w) {
          sum -= ring[slot];
        }
        ring[slot] = v;
        int filled = (int) Math.min(i + 1, w);
        double target = (float) ((sum + (w - filled) * (double) first) / w);
        g = target < g ? target : target + (g - target) * release;
        gain[k] = (float) (g * makeup);
      }
    }
  }
}
