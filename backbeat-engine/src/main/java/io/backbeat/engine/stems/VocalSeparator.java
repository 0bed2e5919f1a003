package io.backbeat.engine.stems;

import io.backbeat.engine.analysis.Fft;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Splits a recording we did not render ourselves (an upload) into a vocal and an instrumental by
 * spectral masking, streamed block by block so an 8-minute recording is never held whole.
 * <b>Approximate</b>, as every blind separation without a learned model is: a lead vocal is usually
 * mixed in the centre, harmonic and between about 120 Hz and 8 kHz, so each time–frequency cell of
 * the mid signal {@code (L + R) / 2} is kept for the vocal in proportion to
 *
 * <ul>
 *   <li>how centred it is: {@code max(0, 2·Re(L·R*) / (|L|² + |R|²))} squared — 1 when both
 *       channels carry the same, 0 for a part panned to one side or out of phase;
 *   <li>how harmonic it is: median filtering of magnitudes over time (sustained partials) against
 *       over frequency (broadband attacks: drums), {@code H² / (H² + P²)} (Fitzgerald 2010);
 *   <li>a band weight that fades out below 120 Hz (kick, bass) and above 8 kHz (cymbals).
 * </ul>
 *
 * Centred harmonic instruments (a mono keyboard, a centred pad) leak into the vocal; a mono
 * recording separates by harmonicity and band alone. The instrumental is the recording minus the
 * vocal, sample for sample, so the two always sum back to the recording (within 16-bit rounding).
 *
 * <p>STFT: 4096-point frames (93 ms), hop 2048, square-root Hann analysis and synthesis windows
 * (their product sums to one at 50 % overlap); the time median spans 9 frames (0.42 s).
 */
public final class VocalSeparator {
  static final int N = 4096;
  static final int HOP = N / 2;
  static final int RADIUS = 4;
  private static final double LOW_HZ = 120;
  private static final double HIGH_HZ = 8000;
  private static final double EPSILON = 1e-12;

  /** What a separation wrote: frames per file, and each output's RMS level in dBFS. */
  public record Result(long frames, double vocalRmsDb, double instrumentalRmsDb) {}

  private VocalSeparator() {}

  /**
   * Separates {@code input} (16-bit PCM WAV, mono or stereo) into {@code vocalOut} and {@code
   * instrumentalOut}, both 16-bit stereo WAVs at the input's rate and exactly its length.
   */
  public static Result separate(Path input, Path vocalOut, Path instrumentalOut) throws IOException {
    long frames;
    int rate;
    double vocalEnergy;
    try (WavReader in = new WavReader(input); WavStreamWriter vocal = new WavStreamWriter(vocalOut, 2, in.sampleRate())) {
      frames = in.frames();
      rate = in.sampleRate();
      vocalEnergy = new Pass(in, vocal, rate).run();
    }
    double instrumentalEnergy = 0;
    try (WavReader original = new WavReader(input);
        WavReader vocal = new WavReader(vocalOut);
        WavStreamWriter instrumental = new WavStreamWriter(instrumentalOut, 2, rate)) {
      int block = 1 << 15;
      float[][] x = new float[Math.max(2, original.channels())][block];
      float[][] v = new float[2][block];
      float[][] out = new float[2][block];
      int n;
      while ((n = original.read(x, 0, block)) > 0) {
        vocal.read(v, 0, n);
        for (int c = 0; c < 2; c++) {
          float[] source = original.channels() == 1 ? x[0] : x[c];
          for (int i = 0; i < n; i++) {
            out[c][i] = source[i] - v[c][i];
            instrumentalEnergy += out[c][i] * (double) out[c][i];
          }
        }
        instrumental.write(out, 0, n);
      }
    }
    return new Result(frames, db(vocalEnergy, frames * 2), db(instrumentalEnergy, frames * 2));
  }

  private static double db(double energy, long samples) {
    return samples == 0 || energy <= 0 ? -120 : Math.max(-120, 10 * Math.log10(energy / samples));
  }

  /** One streaming pass: STFT, mask with a look-ahead of {@link #RADIUS} frames, overlap-add. */
  private static final class Pass {
    private final WavReader in;
    private final WavStreamWriter out;
    private final Fft fft = new Fft(N);
    private final double[] window = new double[N];
    private final double[] band = new double[N / 2 + 1];
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** Input samples [base, base + N) of the next frame, per channel (the first HOP are the previous frame's second half). */
    private final float[][] input = new float[2][N];
    private final double[] overlap = new double[N];
    private long written;
    private int emitted;
    private final long total;
    private double energy;

    /** One analysed frame: both channels' spectra and the mid magnitude. */
    private record Frame(double[] lRe, double[] lIm, double[] rRe, double[] rIm, double[] mid) {}

    Pass(WavReader in, WavStreamWriter out, int rate) {
      this.in = in;
      this.out = out;
      this.total = in.frames();
      for (int i = 0; i < N; i++) {
        window[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / N));
      }
      for (int k = 0; k <= N / 2; k++) {
        double hz = k * rate / (double) N;
        double low = smoothstep(LOW_HZ * 0.6, LOW_HZ, hz);
        double high = 1 - smoothstep(HIGH_HZ, HIGH_HZ * 1.4, hz);
        band[k] = low * high;
      }
    }

    double run() throws IOException {
      // frame t covers input samples [t·HOP − HOP, t·HOP + HOP): the first frame starts half a frame early (zeros)
      float[][] hop = new float[Math.max(2, in.channels())][HOP];
      long frameCount = (total + HOP - 1) / HOP + 1;
      for (long t = 0; t < frameCount; t++) {
        Arrays.fill(hop[0], 0f);
        Arrays.fill(hop[1], 0f);
        int n = in.read(hop, 0, HOP);
        for (int c = 0; c < 2; c++) {
          float[] src = in.channels() == 1 ? hop[0] : hop[c];
          System.arraycopy(input[c], HOP, input[c], 0, HOP);
          System.arraycopy(src, 0, input[c], HOP, HOP);
          if (n < HOP) {
            Arrays.fill(input[c], HOP + Math.max(n, 0), N, 0f);
          }
        }
        frames.addLast(analyse());
        if (frames.size() > RADIUS) {
          emit(frames.size() - 1 - RADIUS);
        }
        if (frames.size() > 2 * RADIUS + 1) {
          frames.removeFirst();
        }
      }
      // the last RADIUS frames have no look-ahead left: use what there is
      int pending = Math.min(RADIUS, frames.size());
      for (int i = frames.size() - pending; i < frames.size(); i++) {
        emit(i);
      }
      flush(true);
      return energy;
    }

    private Frame analyse() {
      double[] re = new double[N];
      double[] im = new double[N];
      // two real channels in one complex transform: z = l + i·r
      for (int i = 0; i < N; i++) {
        re[i] = input[0][i] * window[i];
        im[i] = input[1][i] * window[i];
      }
      fft.transform(re, im);
      int bins = N / 2 + 1;
      double[] lRe = new double[bins];
      double[] lIm = new double[bins];
      double[] rRe = new double[bins];
      double[] rIm = new double[bins];
      double[] mid = new double[bins];
      for (int k = 0; k < bins; k++) {
        int m = (N - k) % N;
        // L = (Z[k] + conj(Z[N−k])) / 2, R = (Z[k] − conj(Z[N−k])) / 2i
        lRe[k] = 0.5 * (re[k] + re[m]);
        lIm[k] = 0.5 * (im[k] - im[m]);
        rRe[k] = 0.5 * (im[k] + im[m]);
        rIm[k] = -0.5 * (re[k] - re[m]);
        double mr = 0.5 * (lRe[k] + rRe[k]);
        double mi = 0.5 * (lIm[k] + rIm[k]);
        mid[k] = Math.sqrt(mr * mr + mi * mi);
      }
      return new Frame(lRe, lIm, rRe, rIm, mid);
    }

    /** Masks frame {@code index} of the queue (using its neighbours in time) and overlap-adds it. */
    private void emit(int index) throws IOException {
      Frame[] queue = frames.toArray(new Frame[0]);
      Frame f = queue[index];
      int bins = N / 2 + 1;
      double[] column = new double[2 * RADIUS + 1];
      double[] row = new double[2 * RADIUS + 1];
      double[] re = new double[N];
      double[] im = new double[N];
      for (int k = 0; k < bins; k++) {
        int n = 0;
        for (int j = Math.max(0, index - RADIUS); j <= Math.min(queue.length - 1, index + RADIUS); j++) {
          column[n++] = queue[j].mid[k];
        }
        double harmonic = median(column, n);
        n = 0;
        for (int j = Math.max(0, k - RADIUS); j <= Math.min(bins - 1, k + RADIUS); j++) {
          row[n++] = f.mid[j];
        }
        double percussive = median(row, n);
        double h2 = harmonic * harmonic;
        double harmonicity = h2 / (h2 + percussive * percussive + EPSILON);
        double powerL = f.lRe[k] * f.lRe[k] + f.lIm[k] * f.lIm[k];
        double powerR = f.rRe[k] * f.rRe[k] + f.rIm[k] * f.rIm[k];
        double cross = f.lRe[k] * f.rRe[k] + f.lIm[k] * f.rIm[k];
        double centred = Math.max(0, 2 * cross / (powerL + powerR + EPSILON));
        double mask = centred * centred * harmonicity * band[k];
        double vr = mask * 0.5 * (f.lRe[k] + f.rRe[k]);
        double vi = mask * 0.5 * (f.lIm[k] + f.rIm[k]);
        re[k] = vr;
        im[k] = vi;
        if (k > 0 && k < N / 2) {
          re[N - k] = vr;
          im[N - k] = -vi;
        }
      }
      fft.inverse(re, im);
      for (int i = 0; i < N; i++) {
        overlap[i] += re[i] * window[i];
      }
      flush(false);
    }

    /** Writes the finished first hop of the overlap buffer (the first frame's first hop is padding). */
    private void flush(boolean last) throws IOException {
      boolean padding = emitted++ == 0;
      int count = last ? N : HOP;
      float[][] block = new float[2][count];
      int n = 0;
      for (int i = 0; i < count && written < total; i++) {
        if (padding && i < HOP) {
          continue;
        }
        float v = (float) overlap[i];
        block[0][n] = v;
        block[1][n] = v;
        energy += 2 * v * (double) v;
        n++;
        written++;
      }
      if (n > 0) {
        out.write(block, 0, n);
      }
      System.arraycopy(overlap, HOP, overlap, 0, N - HOP);
      Arrays.fill(overlap, N - HOP, N, 0);
    }

    /** The median of {@code values[0..n)}, sorting them in place (n is at most 9: insertion sort). */
    private static double median(double[] values, int n) {
      for (int i = 1; i < n; i++) {
        double v = values[i];
        int j = i - 1;
        while (j >= 0 && values[j] > v) {
          values[j + 1] = values[j];
          j--;
        }
        values[j + 1] = v;
      }
      return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static double smoothstep(double from, double to, double x) {
      double t = Math.max(0, Math.min(1, (x - from) / (to - from)));
      return t * t * (3 - 2 * t);
    }
  }
}
